/** What `<ccai-schedule-call>` shows of dates, times, zones, regions and languages: all from `Intl` (formatters made once). */
import { dateTimeFormat, displayNames, systemZoneKey } from '../../internal/intl-cache.js';

/** A `YYYY-MM-DD` date of the visitor's calendar, e.g. "Monday, March 9". */
export function formatDay(date: string, locale: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  // The key is already the visitor's date: format it at noon UTC, in UTC, so no zone can shift it.
  return dateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day, 12));
}

/** The time of day of an instant in the visitor's zone, e.g. "9:15 AM". */
export function timeFormatter(locale: string): (instant: string) => string {
  const format = dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  return (instant) => format.format(Date.parse(instant));
}

/** Date, time and zone of an instant in the visitor's zone, e.g. "Monday, March 9 at 9:15 AM EDT"; unreadable text as is. */
export function formatWhen(instant: string, locale: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return instant;
  return dateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(time);
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

function displayName(code: string, locale: string, type: 'region' | 'language'): string {
  try {
    return displayNames([locale, 'en'], type).of(code) ?? code;
  } catch {
    // A code that is not even well-formed: show it as written.
    return code;
  }
}

export const regionName = (code: string, locale: string) => displayName(code, locale, 'region');
export const languageName = (code: string, locale: string) => displayName(code, locale, 'language');
