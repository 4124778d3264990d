import { invalid, valid, type Validation } from './result.js';

export type ScheduledAtErrorCode = 'required' | 'malformed' | 'past' | 'too_soon';

export interface ScheduledAtOptions {
  /** The clock to compare with (a string in the same ISO form as the input); unusable → the real clock. */
  now?: Date | number | string;
  /** How far ahead the time must be, in minutes (default 0: any future instant). */
  minLeadMinutes?: number;
}

/**
 * RFC 3339 / ISO 8601 extended date-time with a zone: seconds and a fraction optional, the zone
 * `Z` or `±hh:mm`. A zone is required because a time without one means a different instant in
 * the visitor's browser, our mock and the platform.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; setUTCFullYear avoids Date.UTC's 19xx mapping.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * Epoch milliseconds of an ISO string, or NaN. Every field is range-checked first because
 * `Date.parse` rolls some impossible dates over (`2019-02-30` → 2 March in some engines) and
 * accepts forms the API does not.
 */
function parseDateTime(text: string): number {
  const m = DATE_TIME.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone, zh = '00', zm = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  if (month < 1 || month > 12) return NaN;
  if (Number(d) < 1 || Number(d) > daysInMonth(year, month)) return NaN;
  // Leap seconds (`:60`) are refused: JavaScript time has no place for them.
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return NaN;
  if (Number(zh) > 23 || Number(zm) > 59) return NaN;
  // Millisecond precision is all a Date holds; finer digits are truncated, not rounded.
  const ms = fraction.slice(0, 3).padEnd(3, '0');
  // The normalized form is the ECMAScript date-time format, which every engine parses alike.
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone}`);
}

/** Epoch milliseconds of a string or Date input, NaN for any other value. */
function instantOf(input: unknown): number {
  try {
    if (typeof input === 'string') return parseDateTime(input.trim());
    // `instanceof` and `getTime` can throw for hostile objects (proxies, Date look-alikes).
    return input instanceof Date ? input.getTime() : NaN;
  } catch {
    return NaN;
  }
}

function nowOf(value: unknown): number {
  const time = typeof value === 'number' ? value : instantOf(value);
  return Number.isFinite(time) ? time : Date.now();
}

/**
 * Checks a `scheduled_at` value and normalizes it to what the API returns: UTC, `Z`, millisecond
 * precision (`Date.prototype.toISOString`). Accepts an ISO 8601 date-time string with a zone or a
 * valid `Date`; anything else (numbers included: seconds or milliseconds?) is `malformed`.
 */
export function validateScheduledAt(
  input: unknown,
  options?: ScheduledAtOptions,
): Validation<string, ScheduledAtErrorCode> {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) {
    return invalid('required', 'a time is required');
  }
  const time = instantOf(input);
  if (!Number.isFinite(time)) {
    return invalid(
      'malformed',
      'expected a Date or an ISO 8601 date-time with Z or an offset, e.g. 2019-09-15T00:19:14Z',
    );
  }

  const now = nowOf(options?.now);
  if (time <= now) return invalid('past', 'the time is not in the future');
  const lead = options?.minLeadMinutes;
  const leadMs = typeof lead === 'number' && lead > 0 && Number.isFinite(lead) ? lead * 60_000 : 0;
  if (time - now < leadMs) return invalid('too_soon', `the time is less than ${lead} minutes ahead`);
  return valid(new Date(time).toISOString());
}
