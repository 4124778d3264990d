/**
 * Everything a phone field needs that carries libphonenumber's metadata (≈ 19 KB gz). Widgets load
 * this module with `import()` on first use, so a page that never touches the form never loads it.
 */
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { memo } from './memo.js';

export { formatPhoneAsTyped, validatePhoneNumber } from '../core/validation/phone.js';
export { defaultRegion, normalizeRegion } from '../core/validation/region.js';

export interface CountryOption {
  /** ISO 3166 alpha-2. */
  code: string;
  /** The region's name in `locale` and its calling code, e.g. `Japan (+81)`. */
  label: string;
}

/** Per locale (from `lang` attributes: at most 20 kept). */
const byLocale = memo<CountryOption[]>(20);

/** Every region libphonenumber knows, named in `locale` and sorted as that language sorts. */
export function countryOptions(locale: string): CountryOption[] {
  return byLocale(locale, () => {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    return getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code) }))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map(({ code, name, callingCode }) => ({ code, label: `${name} (+${callingCode})` }));
  });
}

/** An E.164 number as a visitor of its region types it: its region and its national format (`undefined` when unreadable). */
export function nationalNumber(e164: string): { country: string; text: string } | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.country ? { country: parsed.country, text: parsed.formatNational() } : undefined;
}
