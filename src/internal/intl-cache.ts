/**
 * `Intl` formatters made once per locale and options. In Chromium making a `DateTimeFormat` costs
 * 70–170 µs and using one about 1 µs, and a form's render needs a dozen (one per day offered, the
 * times, the zone's name), on every keystroke.
 *
 * A `DateTimeFormat` without `timeZone` keeps the zone the browser had when it was made; a new one
 * follows a change of the system's zone (or a test's emulated one). So those are also keyed by
 * the zone the browser has now, read from `Date#toString` (about 1 µs: the offset and the zone's
 * name on two dates of a recent year, which `Date` takes from the current zone).
 */
import { memo } from './memo.js';

const JANUARY = Date.UTC(2026, 0, 15);
const JULY = Date.UTC(2026, 6, 15);
/** Locales come from `lang` attributes: at most 200 formatters are kept. */
const cached = memo<Intl.DateTimeFormat | Intl.DisplayNames>(200) as <
  T extends Intl.DateTimeFormat | Intl.DisplayNames,
>(
  key: string,
  make: () => T,
) => T;

/** Tells the browser's current zone from any other (its offsets and names), in about 1 µs. */
export const systemZoneKey = () => `${new Date(JANUARY).toString()} ${new Date(JULY).toString()}`;

/** `new Intl.DateTimeFormat(locale, options)`, made once (per current zone when `options` names none). */
export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  const zone = options.timeZone ?? systemZoneKey();
  return cached(`dtf ${locale} ${zone} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** `new Intl.DisplayNames(locales, { type, fallback: 'code' })`, made once. */
export function displayNames(locales: string[], type: 'region' | 'language'): Intl.DisplayNames {
  return cached(`dn ${locales.join()} ${type}`, () => new Intl.DisplayNames(locales, { type, fallback: 'code' }));
}
