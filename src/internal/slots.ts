/**
 * Callback slots from opening hours: pure functions of their inputs (the clock and both time zones
 * are parameters), so they are tested without the browser's zone or the real time.
 */
import { dateKeyAt, instantOf, offsetAt, wallTimeAt } from './zoned-time.js';
import { memo } from './memo.js';

/** One opening range in minutes after midnight; `end` past 1440 runs into the next day. */
export interface OpeningRange {
  start: number;
  end: number;
}

export interface SlotOptions {
  /** The current instant (epoch ms). */
  now: number;
  /** IANA zone the opening hours are written in. */
  timeZone: string;
  /** IANA zone whose calendar dates group the slots (the visitor's). */
  visitorTimeZone: string;
  hours: readonly OpeningRange[];
  /** Opening weekdays, 0 = Sunday … 6 = Saturday, in the opening hours' zone. */
  days: ReadonlySet<number>;
  /** How many calendar days of the opening hours' zone are offered, today included. */
  daysAhead: number;
  /** Minutes between offered times, counted from the start of each opening range. */
  slotMinutes: number;
  /** Offered times are at least this many minutes after `now`. */
  minLeadMinutes: number;
}

/** The slots of one calendar day of the visitor. */
export interface SlotDay {
  /** `YYYY-MM-DD` in the visitor's zone. */
  readonly date: string;
  /** Instants as ISO 8601 UTC strings (`…Z`), ascending. */
  readonly slots: readonly string[];
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const TIME = /^(\d{1,2}):(\d{2})$/;
const DAY_MINUTES = 1440;
const MAX_DAYS = 366;
/**
 * At most this many times are offered, the earliest: a year ahead of 1-minute slots around the
 * clock is half a million, seconds of work and a page that does not answer meanwhile. Days are
 * added whole until the count is reached, and the visitor's last date, which may then lack its
 * later times, is left out. 15-minute slots from 9 to 5 reach it after about five months.
 */
export const MAX_SLOTS = 5000;

function minutesOf(text: string, allowEndOfDay: boolean): number | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59) return undefined;
  return minutes < DAY_MINUTES || (allowEndOfDay && minutes === DAY_MINUTES) ? minutes : undefined;
}

/**
 * `09:00-17:00`, or several ranges: `09:00-12:00,13:00-17:30`. A range that ends at or before its
 * start runs past midnight (`22:00-02:00`); `24:00` may end one. `undefined` when malformed.
 */
export function parseHours(text: string): OpeningRange[] | undefined {
  const ranges: OpeningRange[] = [];
  for (const item of text.split(',')) {
    const [from, to, extra] = item.split('-');
    if (from === undefined || to === undefined || extra !== undefined) return undefined;
    const start = minutesOf(from, false);
    const end = minutesOf(to, true);
    if (start === undefined || end === undefined || start === end) return undefined;
    ranges.push({ start, end: end > start ? end : end + DAY_MINUTES });
  }
  return ranges;
}

/**
 * Weekdays from `mon-fri`, `mon-fri,sat`, `sat,sun` or `fri-mon` (a range may wrap past Sunday),
 * in English three-letter abbreviations, any case. `undefined` when malformed.
 */
export function parseDays(text: string): Set<number> | undefined {
  const days = new Set<number>();
  for (const item of text.split(',')) {
    const [from, to, extra] = item.split('-').map((name) => WEEKDAYS.indexOf(name.trim().toLowerCase()));
    if (from === undefined || from < 0 || extra !== undefined || to === -1) return undefined;
    const last = to ?? from;
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return days;
}

function wholeNumber(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}

/**
 * Answers by their question: every form on a page with the same settings and clock shares one,
 * and the options Lit renders from it stay the same objects. At most 50 are kept, so a page that
 * keeps asking (a clock that moves on) does not grow this forever.
 */
const answers = memo<readonly SlotDay[]>(50);

/**
 * Every offered instant, grouped by the visitor's calendar date. Opening times are stepped in the
 * opening hours' wall-clock time, so a time that does not exist on a spring-forward day is skipped
 * and the repeated hour of an autumn day is offered once. The answer is shared: read it, never change it.
 */
export function generateSlots(options: SlotOptions): readonly SlotDay[] {
  return answers(JSON.stringify({ ...options, days: [...options.days] }), () => slotsFor(options));
}

function slotsFor(options: SlotOptions): SlotDay[] {
  const { now, timeZone, visitorTimeZone, hours, days } = options;
  const step = wholeNumber(options.slotMinutes, 1, DAY_MINUTES, 15);
  const dayCount = wholeNumber(options.daysAhead, 0, MAX_DAYS, 0);
  const earliest = Math.max(now + 1, now + wholeNumber(options.minLeadMinutes, 0, Infinity, 0) * 60_000);
  const today = wallTimeAt(now, timeZone);
  /** Each offered instant and its date in the visitor's zone. */
  const instants = new Map<number, string>();

  let capped = false;
  // From yesterday: a range past midnight opened yesterday may still have times today.
  for (let offset = -1; offset < dayCount; offset++) {
    if (instants.size >= MAX_SLOTS) {
      capped = true;
      break;
    }
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (!days.has(date.getUTCDay())) continue;
    for (const { start, end } of hours) {
      const minutes: number[] = [];
      for (let minute = start; minute < end; minute += step) minutes.push(minute);
      const found = rangeInstants(date, minutes, timeZone).filter((instant) => instant >= earliest);
      const dates = dateKeysOf(found, visitorTimeZone);
      found.forEach((instant, i) => instants.set(instant, dates[i]!));
    }
  }

  const byDate = new Map<string, string[]>();
  for (const [instant, date] of [...instants].sort(([a], [b]) => a - b)) {
    const list = byDate.get(date) ?? [];
    if (list.length === 0) byDate.set(date, list);
    list.push(new Date(instant).toISOString());
  }
  const slotDays = [...byDate].map(([date, slots]) => ({ date, slots }));
  return capped ? slotDays.slice(0, -1) : slotDays;
}

/*
 * Looking up a zone's offset is the costly part of a form's first render (an `Intl` call per
 * look-up; `instantOf` makes six). Zones change their offset a few times a year and never twice
 * within a day, so when one day's opening range has the same offset at its first and its last
 * time, every time between has it too: one exact look-up and one check per range, instead of six
 * look-ups per slot. Where the ends differ (clocks change inside the range), every time is looked
 * up. `test/internal/slots.fast-path.test.ts` holds this to looking every time up.
 */

/** The instants of one day's opening times (minutes after that day's midnight, ascending) in `timeZone`. */
function rangeInstants(date: Date, minutes: readonly number[], timeZone: string): number[] {
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  const wallMs = (minute: number) => Date.UTC(year, month, day, 0, minute);
  const exact = (minute: number) => instantOf({ year, month: month + 1, day, hour: 0, minute }, timeZone);
  if (minutes.length === 0) return [];
  const first = exact(minutes[0]!);
  if (first !== undefined) {
    const offset = wallMs(minutes[0]!) - first;
    // The last time, were the offset the same: it is, if clocks there show that offset.
    if (offsetAt(wallMs(minutes.at(-1)!) - offset, timeZone) === offset)
      return minutes.map((minute) => wallMs(minute) - offset);
  }
  return minutes.map(exact).filter((instant) => instant !== undefined);
}

/** `YYYY-MM-DD` in `timeZone` of instants less than a day apart, ascending. */
function dateKeysOf(instants: readonly number[], timeZone: string): string[] {
  if (instants.length === 0) return [];
  const offset = offsetAt(instants[0]!, timeZone);
  if (offset !== offsetAt(instants.at(-1)!, timeZone)) return instants.map((instant) => dateKeyAt(instant, timeZone));
  const dateOf = (instant: number) => new Date(instant + offset).toISOString().slice(0, 10);
  // Usually all on one date: then the ends say so.
  const first = dateOf(instants[0]!);
  return first === dateOf(instants.at(-1)!) ? instants.map(() => first) : instants.map(dateOf);
}
