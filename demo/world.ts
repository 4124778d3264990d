/**
 * What the demo panel does to the mock's world, as one plain patch. The static demo applies it in
 * the page to the in-browser mock; `npm start` sends it to its dev server, which applies it to the
 * mock tenant behind the gateway (scripts/start.mjs). One function, so both worlds move alike.
 */
import { CALL_STATUSES } from '../src/core/calls.js';
import type { Call } from '../src/core/schemas.js';
import type { CallsApiMock } from '../src/mock/index.js';

const MENU_STATES = ['open', 'after_hours', 'manual_redirection'] as const;
/** The panel's longest wait: ten hours is already more than anyone waits for a call now. */
export const MAX_WAIT_MINUTES = 600;

export interface WorldPatch {
  /** The call to move, and whose state is answered. */
  callId?: number;
  /** Menu 9's state. */
  menuState?: (typeof MENU_STATES)[number];
  /** The languages the tenant offers. */
  languages?: string[];
  /** Menu 9's estimated wait for a voice call, in whole minutes (`GET /wait_times`, for "Call me now"). */
  waitMinutes?: number;
  /** `next` walks the demo's journey; a status jumps to it. */
  move?: string;
  /** Back to the initial world (before the rest of the patch). */
  reset?: boolean;
}

/**
 * What the panel shows of the world: its menu 9 state, wait and offered languages. Answered with
 * every change (an empty one too), so that a page opened or reloaded after the world changed
 * shows the world as it is, not the panel's defaults (the static demo keeps its world over a
 * reload, the mock tenant of `npm start` outlives the page).
 */
export interface PanelWorld {
  menuState: string;
  waitMinutes: number;
  languages: string[];
}

/** The default wait the mock answers for a menu without its own (src/mock: 3 minutes for a voice call). */
const DEFAULT_WAIT_MINUTES = 3;

export function panelWorldOf({ world }: Pick<CallsApiMock, 'world'>): PanelWorld {
  const menu = world.menus[9]!;
  return {
    menuState: menu.state,
    waitMinutes: menu.waitTimes?.voice_call ?? DEFAULT_WAIT_MINUTES,
    languages: [...world.languages],
  };
}

/** The path a call takes in the demo; `next` walks it. */
const JOURNEY = ['scheduled', 'queued', 'assigned', 'connecting', 'connected', 'finished'];

/**
 * Checks a patch that came over the network (the dev server's endpoint); throws a `TypeError`
 * naming the first bad field.
 */
export function parseWorldPatch(value: unknown): WorldPatch {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError('the patch is not an object');
  const { callId, menuState, languages, waitMinutes, move, reset, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new TypeError(`${unknown.slice(0, 32)} is not a world change`);
  if (callId !== undefined && !(Number.isSafeInteger(callId) && (callId as number) > 0))
    throw new TypeError('callId is not a call id');
  if (menuState !== undefined && !(MENU_STATES as readonly unknown[]).includes(menuState))
    throw new TypeError('menuState is not a menu state');
  if (
    languages !== undefined &&
    !(
      Array.isArray(languages) &&
      languages.length <= 20 &&
      languages.every((code) => typeof code === 'string' && /^[a-z]{2}$/.test(code))
    )
  ) {
    throw new TypeError('languages is not a list of language codes');
  }
  if (
    waitMinutes !== undefined &&
    !(Number.isSafeInteger(waitMinutes) && (waitMinutes as number) >= 0 && (waitMinutes as number) <= MAX_WAIT_MINUTES)
  )
    throw new TypeError(`waitMinutes is not a whole number of minutes from 0 to ${MAX_WAIT_MINUTES}`);
  if (move !== undefined && !(move === 'next' || (CALL_STATUSES as readonly unknown[]).includes(move)))
    throw new TypeError('move is not next or a status');
  if (reset !== undefined && typeof reset !== 'boolean') throw new TypeError('reset is not true or false');
  return value as WorldPatch;
}

/** Applies `patch` to the mock's world in place; answers with the call `callId` as it is now. */
export function applyWorldPatch(mock: Pick<CallsApiMock, 'world' | 'reset'>, patch: WorldPatch): Call | undefined {
  const { world } = mock;
  if (patch.reset) mock.reset();
  if (patch.menuState) world.menus[9]!.state = patch.menuState;
  if (patch.languages) world.languages = [...patch.languages];
  if (patch.waitMinutes !== undefined) {
    const menu = world.menus[9]!;
    menu.waitTimes = {
      ...(menu.waitTimes ?? { voice_call: DEFAULT_WAIT_MINUTES, chat: 1 }),
      voice_call: patch.waitMinutes,
    };
  }
  const call =
    patch.callId === undefined
      ? undefined
      : (world.calls[patch.callId] as (Call & Record<string, unknown>) | undefined);
  if (call && patch.move) move(call, patch.move);
  return call;
}

function move(call: Call & Record<string, unknown>, target: string): void {
  const next = target === 'next' ? JOURNEY[Math.min(JOURNEY.indexOf(call.status) + 1, JOURNEY.length - 1)]! : target;
  const now = new Date().toISOString();
  call.status = next;
  if (next === 'queued') call.queued_at = now;
  if (next === 'assigned') {
    call.assigned_at = now;
    call.agent_info = {
      id: 1,
      name: 'Admin UJET',
      first_name: 'Admin',
      last_name: 'UJET',
      agent_number: null,
      avatar_url: null,
    };
  }
  if (next === 'connected') call.connected_at = now;
  if (next === 'finished') call.ends_at = now;
  if (next === 'failed') call.fail_reason = 'eu_no_answer';
}
