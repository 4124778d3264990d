/**
 * The country a `<ccai-schedule-call>` starts with: `default-country`, else the browser's region,
 * else `US`. Every form on a page asks the same, several times per keystroke, and the answer takes
 * `Intl.Locale` work, so the last answer is kept for the page, and forgotten when the browser's
 * languages change. The `languagechange` listener is there only while a form is connected: each
 * watches from connect to disconnect (`watchLanguages`), and the last one out removes it.
 */
import type * as PhoneInput from '../../internal/phone-input.js';

interface DefaultCountry {
  explicit: string | undefined;
  phoneInput: typeof PhoneInput | undefined;
  region: string;
}

let last: DefaultCountry | undefined;
let watchers = 0;
const forget = () => (last = undefined);

/** Keeps the answer current while the caller is connected; returns the end of that (idempotent). */
export function watchLanguages(): () => void {
  if (watchers++ === 0) addEventListener('languagechange', forget);
  let watching = true;
  return () => {
    if (!watching) return;
    watching = false;
    if (--watchers > 0) return;
    removeEventListener('languagechange', forget);
    last = undefined;
  };
}

/** `default-country` when it is a region, else the browser's; the phone metadata has the last word once loaded. */
export function defaultCountry(explicit: string | undefined, phoneInput: typeof PhoneInput | undefined): string {
  if (last && last.explicit === explicit && last.phoneInput === phoneInput) return last.region;
  const region = phoneInput
    ? (phoneInput.normalizeRegion(explicit) ?? phoneInput.defaultRegion())
    : provisionalRegion(explicit);
  // Kept only while a change of languages would be heard.
  if (watchers > 0) last = { explicit, phoneInput, region };
  return region;
}

const regionShape = (value: string | undefined) => (value && /^[A-Z]{2}$/.test(value) ? value : undefined);

/**
 * The country shown before the phone metadata has loaded: `default-country` as written, else the
 * rule of `defaultRegion` (an explicit region in the browser's languages, else the likely region
 * of the first), which cannot check its answer without the metadata.
 */
export function provisionalRegion(
  explicit: string | undefined,
  languages: readonly string[] = navigator.languages,
): string {
  const locales = languages.flatMap((tag) => {
    try {
      return [new Intl.Locale(tag)];
    } catch {
      return [];
    }
  });
  return (
    regionShape(explicit?.toUpperCase()) ??
    locales.map((locale) => regionShape(locale.region)).find(Boolean) ??
    regionShape(locales[0]?.maximize().region) ??
    'US'
  );
}
