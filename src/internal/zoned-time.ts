/**
 * Wall-clock time in an IANA time zone, with nothing but `Intl.DateTimeFormat`: no date library,
 * and no dependence on the zone of the machine that runs it.
 */
import { dateTimeFormat } from './intl-cache.js';

/** A wall-clock time. Fields past their range roll over (`minute: 1500` is 01:00 the next day). */
export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
/**
 * Made once per zone (by `dateTimeFormat`). `h23`: with `hour12: false` some engines print
 * midnight as 24. English (Latin digits, which `Number` reads) and no region: an English page's
 * labels are formatted in `en` too, and each locale's date patterns cost a page their own loading.
 */
const formatterFor = (timeZone: string) =>
  dateTimeFormat('en', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

/** Whether the engine knows `timeZone` as an IANA zone (or `UTC`). */
export function isTimeZone(timeZone: unknown): timeZone is string {
  // `''` is refused by the formatter; `undefined` would be taken as the browser's zone.
  if (typeof timeZone !== 'string') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const zones = new WeakMap<Intl.DateTimeFormat, string>();

/** The zone this browser (or process) runs in (`resolvedOptions` read once per formatter: it costs ~50 µs, once per form). */
export function localTimeZone(): string {
  // Any formatter without a zone has the browser's; one in `en`, as above.
  const format = dateTimeFormat('en');
  let zone = zones.get(format);
  if (!zone) zones.set(format, (zone = format.resolvedOptions().timeZone));
  return zone;
}

/** The wall time at `instant` in `timeZone`, as the epoch milliseconds of the same fields in UTC. */
function wallClockMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** How far clocks in `timeZone` are ahead of UTC at `instant`, in ms (to the second). */
export function offsetAt(instant: number, timeZone: string): number {
  return wallClockMs(instant, timeZone) - Math.floor(instant / 1000) * 1000;
}

/** The wall time at `instant` (epoch ms) in `timeZone`. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const wall = new Date(wallClockMs(instant, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function dateKeyAt(instant: number, timeZone: string): string {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant (epoch ms) at which clocks in `timeZone` show `wall`, or `undefined` when they never
 * do (the hour skipped when clocks spring forward). When they show it twice (the hour repeated
 * when clocks fall back), the first time is returned, so a wall time never stands for two instants.
 *
 * The zone's UTC offset is sampled a day before, at, and a day after the wall time: the instant
 * lies within 14 hours of it, so any single offset change around it is seen from both sides.
 */
export function instantOf(wall: WallTime, timeZone: string): number | undefined {
  const target = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  let first: number | undefined;
  for (const probe of [target - DAY_MS, target, target + DAY_MS]) {
    const candidate = target - (wallClockMs(probe, timeZone) - probe);
    if (wallClockMs(candidate, timeZone) === target && (first === undefined || candidate < first)) first = candidate;
  }
  return first;
}
