/**
 * What `<ccai-schedule-call>` needs of its fields before the checks (`checks.ts`) have loaded
 * with the phone metadata: which fields are checked, the `languages` attribute, the first country.
 */

/** The fields that can be refused, in the order the form shows them. */
export const CHECKED_FIELDS = ['phone', 'time', 'language'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

/** The `languages` attribute: a comma list, blanks dropped. */
export const languageList = {
  fromAttribute: (value: string | null): string[] =>
    (value ?? '')
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code !== ''),
};

const regionShape = (value: string | undefined) => (value && /^[A-Z]{2}$/.test(value) ? value : undefined);

/**
 * The country shown before the phone metadata has loaded: `default-country` as written, else the
 * rule of `defaultRegion` (an explicit region in the browser's languages, else the likely region
 * of the first), which cannot check its answer without the metadata. Once loaded, `defaultRegion`
 * and `normalizeRegion` have the last word.
 */
export function provisionalRegion(explicit: string | undefined, languages: readonly string[] = navigator.languages): string {
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
