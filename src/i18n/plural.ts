/**
 * Count-dependent copy. A catalogue gives one form per plural category its language has (English
 * `one` and `other`; Arabic `zero`, `one`, `two`, `few`, `many`, `other`; Chinese only `other`),
 * and `Intl.PluralRules` picks the form for the count: no hand-written `count === 1` anywhere.
 *
 * English imports it; the lazily loaded catalogues are handed it (`(plural) => Messages`) rather
 * than import it: an import would tie each catalogue's chunk to the page's entry chunk, and a
 * bundler then splits shared code out of the entry (an extra request and ≈ 0.3 KB gz on load).
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The form of `forms` for `count` in `locale` (the catalogue's language), with each `#` replaced by
 * the count as that language writes it. The number is wrapped in U+2068/U+2069 (first-strong
 * isolate, pop isolate): the plain-text `<bdi>`, since these messages are strings, so that on a
 * right-to-left page the sentence reads in order around it. (Formatters are made per call: counts
 * are worded only when a check fails, and a cache would cost the page's entry more bytes.)
 */
export function plural(locale: string, count: number, forms: PluralForms): string {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return form.replaceAll('#', `\u2068${new Intl.NumberFormat(locale).format(count)}\u2069`);
}

export type Plural = typeof plural;
