/**
 * "Call me now" (`modes="now,later"`): whether the element's own opening hours say it is open, the
 * menu's estimated wait from `wait_times`, kept fresh, and what the form shows instead of the date
 * and time. Loaded when `modes` offers "now", not with the page.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CallsClient } from '../../core/client.js';
import { isTransient } from '../../core/errors.js';
import type { WaitTime } from '../../core/schemas.js';
import { menuWait, type MenuWait } from '../../core/wait-times.js';
import type { Messages } from '../../i18n/en.js';
import { withIsolated, type Isolated } from '../../internal/bidi.js';
import type { OpeningRange } from '../../internal/slots.js';
import { wallTimeAt } from '../../internal/zoned-time.js';
import type { ScheduleForm } from './form-state.js';

/**
 * How often a shown wait is read again, and the longest wait after failures. The gateway keeps a
 * menu's wait for 30 s, so however many visitors look, a menu costs the tenant at most two reads a
 * minute; each visitor adds one read a minute to the gateway, and none while the tab is hidden.
 */
export const WAIT_REFRESH_MS = 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Whether `now` falls within the opening hours (a range past midnight counts for the day it opened). */
export function isOpenAt(
  now: number,
  { timeZone, hours, days }: { timeZone: string; hours: readonly OpeningRange[]; days: ReadonlySet<number> },
): boolean {
  const wall = wallTimeAt(now, timeZone);
  const minute = wall.hour * 60 + wall.minute;
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const yesterday = (weekday + 6) % 7;
  return hours.some(
    ({ start, end }) =>
      (days.has(weekday) && start <= minute && minute < end) || (days.has(yesterday) && minute < end - 1440),
  );
}

/**
 * "Estimated wait: about 4 minutes." in the visitor's language, the duration isolated (bidi): the
 * units and their plurals from \`Intl.NumberFormat\`. From an hour on, in hours and minutes rounded
 * to the nearest quarter of an hour ("about 1 hour, 30 minutes", "about 2 hours"), joined as the
 * language lists units (\`Intl.ListFormat\`).
 */
export function waitText(minutes: number | undefined, locale: string, t: Messages): string | Isolated {
  if (minutes === undefined) return t.waitUnknown;
  if (minutes < 1) return t.waitUnderMinute;
  const unit = (name: 'hour' | 'minute', value: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  if (minutes < 60) return withIsolated(t.waitAbout, unit('minute', minutes));
  const quarters = Math.round(minutes / 15);
  const [hours, rest] = [Math.floor(quarters / 4), (quarters % 4) * 15];
  const parts = rest ? [unit('hour', hours), unit('minute', rest)] : [unit('hour', hours)];
  return withIsolated(t.waitAbout, new Intl.ListFormat(locale, { type: 'unit', style: 'long' }).format(parts));
}

type Read = (signal: AbortSignal) => Promise<WaitTime[]>;

/**
 * The wait of one menu in one language while "now" is shown: read at once, then every minute;
 * in a hidden tab not at all (once visible again, at once if a read came due); after a failure
 * later and later (never sooner than `Retry-After`). `sync(null)` stops it.
 */
export class WaitWatch {
  /** The last wait read for the current key; `undefined` before the first answer. */
  wait?: MenuWait;
  /** The last read failed (the wait shown, if any, is older). */
  failed = false;
  #key: string | null = null;
  #read?: Read;
  #menuId = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #due = false;
  #abort?: AbortController;
  #failures = 0;
  readonly #changed: () => void;

  constructor(changed: () => void) {
    this.#changed = changed;
  }

  /** Watches the menu of `key` (`<lang> <menu id>`) through `read`, or nothing (`null`). */
  sync(key: string | null, read?: Read): void {
    if (key === this.#key) return;
    this.#stop();
    this.#key = key;
    this.wait = undefined;
    this.failed = false;
    this.#failures = 0;
    if (key === null || !read) return;
    this.#read = read;
    this.#menuId = Number(key.split(' ')[1]);
    document.addEventListener('visibilitychange', this.#onVisibility);
    void this.#fetch();
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#due = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  readonly #onVisibility = () => {
    if (this.#due && document.visibilityState === 'visible') void this.#fetch();
  };

  async #fetch(): Promise<void> {
    this.#due = false;
    if (document.visibilityState === 'hidden') {
      this.#due = true;
      return;
    }
    const key = this.#key;
    const abort = (this.#abort = new AbortController());
    let delay = WAIT_REFRESH_MS;
    try {
      this.wait = menuWait(await this.#read!(abort.signal), this.#menuId);
      this.failed = false;
      this.#failures = 0;
    } catch (error) {
      if (abort.signal.aborted || key !== this.#key) return;
      this.failed = true;
      this.#failures++;
      const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs ?? 0;
      delay = isTransient(error)
        ? Math.max(retryAfter, Math.min(MAX_BACKOFF_MS, WAIT_REFRESH_MS * 2 ** (this.#failures - 1)))
        : MAX_BACKOFF_MS;
    }
    if (key !== this.#key) return;
    this.#changed();
    this.#timer = setTimeout(() => void this.#fetch(), delay);
  }
}

export interface NowFieldsView {
  t: Messages;
  locale: string;
  open: boolean;
  wait: MenuWait | undefined;
  /** The last read failed: without a wait read before, there is no estimate to show. */
  failed: boolean;
  /** "Schedule for later" when it is offered. */
  later: (() => void) | undefined;
  /** The tenant refused a call now (its menu after hours, or redirected): the alert says so; no wait. */
  refused?: boolean;
}

/** What "now" shows instead of the date and time: the wait, or why no call can be made now. */
export function nowFields({ t, locale, open, wait, failed, later, refused = false }: NowFieldsView) {
  const unavailable = !open ? t.nowClosed : wait?.staffed === false ? t.nowNoAgents : '';
  const text = refused
    ? ''
    : unavailable || (wait ? waitText(wait.minutes, locale, t) : failed ? t.waitUnknown : t.waitChecking);
  return html`<div
    part="wait"
    class="wait"
  >
    <p
      id="wait"
      role="status"
    >
      ${text}
    </p>
    ${
      (unavailable || refused) && later
        ? html`<button
            part="button"
            class="secondary"
            type="button"
            @click=${later}
          >
            ${t.modeLater}
          </button>`
        : nothing
    }
  </div>`;
}

export type Mode = 'now' | 'later';
const MODES: readonly Mode[] = ['now', 'later'];

/** What the element keeps for "now" between renders (this module works it): the choice and the wait. */
export interface NowState {
  mode?: Mode;
  /** This module could not be loaded: only "later" is offered. */
  unloadable?: boolean;
  waits?: WaitWatch;
  /** What the last render showed the wait of (`null`: none), and how to read it. */
  key?: string | null;
  read?: Read;
}

export interface NowContext {
  state: NowState;
  /** The `modes` attribute as listed. */
  modes: readonly string[];
  menuId: number | undefined;
  form: ScheduleForm;
  t: Messages;
  locale: string;
  /** The client, loaded first if need be. */
  api: () => Promise<CallsClient>;
  update: () => void;
  /** After "Schedule for later": focus to the date (the button that was pressed is gone). */
  focusDate: () => void;
  /** The tenant refused the last call now as closed or redirected (see `NowFieldsView.refused`). */
  refused?: boolean;
}

/**
 * The modes offered (known ones, in the order listed; "now" only with a menu, as the API queues
 * such a call on one), the one chosen (the visitor's, else the first listed), and what the form
 * shows for them: the radio group, and for "now" the wait in place of the date and time, with
 * the copy of its button. Sets `form.callNow`.
 */
export function nowParts({
  state,
  modes: listed,
  menuId,
  form,
  t,
  locale,
  api,
  update,
  focusDate,
  refused,
}: NowContext) {
  const modes = MODES.filter((mode) => listed.includes(mode) && (mode === 'later' || (menuId ?? 0) > 0)).sort(
    (a, b) => listed.indexOf(a) - listed.indexOf(b),
  );
  const mode = state.mode && modes.includes(state.mode) ? state.mode : (modes[0] ?? 'later');
  const choose = (chosen: Mode) => {
    state.mode = chosen;
    update();
  };
  form.callNow = mode === 'now';
  state.key = null;
  const modeChoice = modes.length > 1 ? modeChoiceView(t, modes, mode, choose) : undefined;
  if (!form.callNow) return { t, modeChoice };
  const waits = (state.waits ??= new WaitWatch(update));
  const settings = form.settings;
  const open = !settings || isOpenAt(form.now(), settings);
  if (open) {
    const lang = form.language;
    state.key = `${lang} ${menuId}`;
    state.read = async (signal) => (await api()).getWaitTimes({ lang, menuId }, { signal, retries: 0 });
  }
  const fields = nowFields({
    t,
    locale,
    open,
    wait: waits.wait,
    failed: waits.failed,
    refused,
    later: modes.includes('later')
      ? () => {
          choose('later');
          focusDate();
        }
      : undefined,
  });
  return {
    // A refusal about the time (a gateway without --call-now asks for one) is the page's setup, not the visitor's.
    t: { ...t, submit: t.callNowSubmit, submitting: t.callingNow, slotPast: t.serverConfig },
    modeChoice,
    callNow: { fields, bookable: open && waits.wait?.staffed !== false },
  };
}

/**
 * "Call me now" or "Schedule for later": a native radio group, so arrow keys move between the two
 * and the group is named by its legend.
 */
function modeChoiceView(t: Messages, modes: readonly Mode[], chosen: Mode, choose: (mode: Mode) => void) {
  return html`<fieldset
    part="modes"
    class="modes"
  >
    <legend part="label">${t.modeLegend}</legend>
    ${modes.map(
      (mode) =>
        html`<label class="checkbox"
          ><input
            part="radio"
            type="radio"
            name="mode"
            value=${mode}
            .checked=${live(mode === chosen)}
            @change=${() => choose(mode)}
          />${mode === 'now' ? t.modeNow : t.modeLater}</label
        >`,
    )}
  </fieldset>`;
}
