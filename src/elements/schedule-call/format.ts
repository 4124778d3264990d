/** What `<ccai-schedule-call>` shows of dates, times, zones, regions and languages: all from `Intl` (formatters made once). */
import { dateTimeFormat, displayNames, systemZoneKey } from '../../internal/intl-cache.js';
import { memo } from '../../internal/memo.js';

/**
 * Names a `YYYY-MM-DD` date of the visitor's calendar, short enough for a row of day buttons on a
 * phone, e.g. "Mon, Mar 9" ("3月9日(月)"). `Date.parse` reads such a date as midnight UTC, and the
 * formatter shows it in UTC: the key is already the visitor's date, and no zone can shift it.
 */
export const dayFormat = (locale: string) =>
  dateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Names the time of day of an instant in the visitor's zone, e.g. "9:15 AM". */
export const timeFormat = (locale: string) => dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });

/** Names the hour of an instant in the visitor's zone, e.g. "9 AM" ("9時"): the heading of its times. */
export const hourFormat = (locale: string) => dateTimeFormat(locale, { hour: 'numeric' });

/** Labels made, by formatter: each form names the same dates and times as the others on its page. */
const labels = new WeakMap<Intl.DateTimeFormat, (iso: string, make: () => string) => string>();

/** `format` applied to an ISO date or instant (read by `Date.parse`), made once; at most 2000 are kept per formatter. */
export function label(format: Intl.DateTimeFormat, iso: string): string {
  let made = labels.get(format);
  if (!made) labels.set(format, (made = memo<string>(2000)));
  return made(iso, () => format.format(Date.parse(iso)));
}

let lastZoneName = { key: '', name: '' };

/** The visitor's zone by name in the visitor's language, e.g. "Pacific Time", "hora del Pacífico" ("GMT-08:00" only where the locale has no name). */
export function zoneName(locale: string, at: number): string {
  // Naming a zone takes ~0.3 ms, and a form renders on every keystroke; a name changes at most at a clock change, on a minute.
  const key = `${locale} ${systemZoneKey()} ${Math.floor(at / 60_000)}`;
  if (lastZoneName.key !== key) lastZoneName = { key, name: nameZone(locale, at) };
  return lastZoneName.name;
}

/**
 * The first of the generic name ("Pacific Time") and the specific one ("Pacific Standard Time") that
 * is a name rather than an offset: CLDR falls back to "GMT-08:00" per style and per locale (UTC has
 * no generic name, Casablanca no specific one). `timeZone` is for tests; the form names the visitor's.
 */
export function nameZone(locale: string, at: number, timeZone?: string): string {
  const part = (style: Intl.DateTimeFormatOptions['timeZoneName']) => {
    try {
      return dateTimeFormat(locale, { timeZone, timeZoneName: style })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')?.value;
    } catch {
      // Engines before `longGeneric` and `longOffset` throw a RangeError for them.
      return undefined;
    }
  };
  const long = part('long') ?? '';
  const offsets = [part('longOffset'), part('shortOffset')];
  const generic = part('longGeneric');
  return [generic, long].find((name) => name && !offsets.includes(name)) ?? long;
}

/** Names by type, locale and code (from attributes: at most 500 kept): `DisplayNames#of` takes ~90 µs, and a form names its languages on every render. */
const names = memo<string>(500);

function displayName(code: string, locale: string, type: 'region' | 'language'): string {
  return names(`${type} ${locale} ${code}`, () => {
    try {
      return displayNames([locale, 'en'], type).of(code) ?? code;
    } catch {
      // A code that is not even well-formed: show it as written.
      return code;
    }
  });
}

export const regionName = (code: string, locale: string) => displayName(code, locale, 'region');
export const languageName = (code: string, locale: string) => displayName(code, locale, 'language');
