/**
 * Everything a phone field needs that carries libphonenumber's metadata (≈ 19 KB gz). Widgets load
 * this module with `import()` on first use, so a page that never touches the form never loads it.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

export { formatPhoneAsTyped, validatePhoneNumber } from '../core/validation/phone.js';
export { defaultRegion, normalizeRegion } from '../core/validation/region.js';

export interface CountryOption {
  /** ISO 3166 alpha-2. */
  code: string;
  /** The region's name in `locale` and its calling code, e.g. `Japan (+81)`. */
  label: string;
}

const cache = new Map<string, CountryOption[]>();

/** Every region libphonenumber knows, named in `locale` and sorted as that language sorts. */
export function countryOptions(locale: string): CountryOption[] {
  let options = cache.get(locale);
  if (!options) {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    options = getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code) }))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map(({ code, name, callingCode }) => ({ code, label: `${name} (+${callingCode})` }));
    cache.set(locale, options);
  }
  return options;
}
