/** What a "call me now" offer needs from `GET /wait_times`: one menu's voice wait and whether anyone is there to answer. */
import type { WaitTime } from './schemas.js';

export interface MenuWait {
  /** Estimated wait for a voice call, in whole minutes (0: under a minute); `undefined` when the answer gives none. */
  minutes: number | undefined;
  /**
   * `false` when the answer says no agent is logged in to the menu (nobody can take a call now);
   * `true` when some are; `undefined` when it does not say.
   */
  staffed: boolean | undefined;
}

/**
 * The wait of `menuId` in a `wait_times` answer. The API gives waits in minutes and may omit or
 * null a count; a menu missing from the answer has no estimate. A negative or fractional wait is
 * read as the whole minutes it rounds up to (a visitor told "about 0 minutes" waits anyway).
 */
export function menuWait(entries: readonly WaitTime[], menuId: number): MenuWait {
  const entry = entries.find((candidate) => candidate.menu_id === menuId);
  const wait = entry?.voice_call;
  const loggedIn = entry?.logged_in_agents;
  return {
    minutes: typeof wait === 'number' && Number.isFinite(wait) ? Math.max(0, Math.ceil(wait)) : undefined,
    staffed: typeof loggedIn === 'number' ? loggedIn > 0 : undefined,
  };
}
