import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/min';

/** The region used for national phone input when nothing better is known. */
export const FALLBACK_REGION = 'US';

/**
 * An ISO 3166 alpha-2 code libphonenumber knows, upper-cased; `undefined` for anything else
 * (including UN M.49 regions such as `419`), so callers treat a bad value as absent.
 */
export function normalizeRegion(value: unknown): CountryCode | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) return undefined;
  const region = value.toUpperCase();
  return isSupportedCountry(region) ? region : undefined;
}

function browserLanguages(): readonly string[] {
  // Node 20 has no `navigator`; Node 21+ has one whose languages follow the process locale.
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
  if (nav?.languages?.length) return nav.languages;
  return nav?.language ? [nav.language] : [];
}

function explicitRegion(tag: string): string | undefined {
  try {
    return normalizeRegion(new Intl.Locale(tag).region);
  } catch {
    return undefined;
  }
}

function likelyRegion(tag: string): string | undefined {
  try {
    return normalizeRegion(new Intl.Locale(tag).maximize().region);
  } catch {
    return undefined;
  }
}

/**
 * The visitor's probable region, for parsing phone numbers typed without `+`.
 *
 * An explicit region in any preferred language wins (`['en', 'en-GB']` → GB), because a bare
 * tag only says which language someone reads. Only when no tag carries a region do we take the
 * likely region of the first tag (`sv` → SE, `ja` → JP). That guess is poor for languages spoken
 * in many countries (`en` → US, `es` → ES, `pt` → BR), which is why an explicit
 * `default-country` on the element always takes precedence over this function.
 */
export function defaultRegion(languages: readonly string[] = browserLanguages()): string {
  // A form asks on every keystroke; `Intl.Locale` work is slow enough to show.
  const key = JSON.stringify(languages);
  let region = regionsByLanguages.get(key);
  if (region === undefined) regionsByLanguages.set(key, (region = regionOf(languages)));
  return region;
}

const regionsByLanguages = new Map<string, string>();

function regionOf(languages: readonly string[]): string {
  for (const tag of languages) {
    const region = explicitRegion(tag);
    if (region) return region;
  }
  const first = languages[0];
  return (first === undefined ? undefined : likelyRegion(first)) ?? FALLBACK_REGION;
}
