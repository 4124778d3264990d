/** What `<ccai-schedule-call>` shows of dates, times, zones, regions and languages: all from `Intl` (formatters made once). */
import { dateTimeFormat, displayNames, systemZoneKey } from '../../internal/intl-cache.js';

/**
 * Names a `YYYY-MM-DD` date of the visitor's calendar, e.g. "Monday, March 9". `Date.parse` reads
 * such a date as midnight UTC, and the formatter shows it in UTC: the key is already the visitor's
 * date, and no zone can shift it.
 */
export const dayFormat = (locale: string) => dateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** Names the time of day of an instant in the visitor's zone, e.g. "9:15 AM". */
export const timeFormat = (locale: string) => dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });

/** Labels made, by formatter: each form names the same dates and times as the others on its page. */
const labels = new WeakMap<Intl.DateTimeFormat, Map<string, string>>();

/** `format` applied to an ISO date or instant (read by `Date.parse`), made once; at most 2000 are kept per formatter. */
export function label(format: Intl.DateTimeFormat, iso: string): string {
  let made = labels.get(format);
  if (!made || made.size > 2000) labels.set(format, (made = new Map()));
  let text = made.get(iso);
  if (text === undefined) made.set(iso, (text = format.format(Date.parse(iso))));
  return text;
}

let lastZoneName = { key: '', name: '' };

/** The visitor's zone by name, e.g. "Eastern Time" ("GMT+09:00" where the engine has no name). */
export function zoneName(locale: string, at: number): string {
  // Naming a zone takes ~0.3 ms, and a form renders on every keystroke; a name changes at most at a clock change, on a minute.
  const key = `${locale} ${systemZoneKey()} ${Math.floor(at / 60_000)}`;
  if (lastZoneName.key !== key) lastZoneName = { key, name: nameZone(locale, at) };
  return lastZoneName.name;
}

function nameZone(locale: string, at: number): string {
  const part = (style: Intl.DateTimeFormatOptions['timeZoneName']) =>
    dateTimeFormat(locale, { timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  try {
    return part('longGeneric') ?? part('long') ?? '';
  } catch {
    // Engines before `longGeneric` throw a RangeError for it.
    return part('long') ?? '';
  }
}

/** Names by type, locale and code: `DisplayNames#of` takes ~90 µs, and a form names its languages on every render. */
const names = new Map<string, string>();

function displayName(code: string, locale: string, type: 'region' | 'language'): string {
  const key = `${type} ${locale} ${code}`;
  let name = names.get(key);
  if (name === undefined) {
    try {
      name = displayNames([locale, 'en'], type).of(code) ?? code;
    } catch {
      // A code that is not even well-formed: show it as written.
      name = code;
    }
    // Codes come from attributes: a page that keeps changing them must not grow this forever.
    if (names.size > 500) names.clear();
    names.set(key, name);
  }
  return name;
}

export const regionName = (code: string, locale: string) => displayName(code, locale, 'region');
export const languageName = (code: string, locale: string) => displayName(code, locale, 'language');
