/**
 * Count-dependent copy. A catalogue gives one form per plural category its language has (English
 * `one` and `other`; Arabic `zero`, `one`, `two`, `few`, `many`, `other`; Chinese only `other`),
 * and `Intl.PluralRules` picks the form for the count: no hand-written `count === 1` anywhere.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<string, [Intl.PluralRules, Intl.NumberFormat]>();

/**
 * The form of `forms` for `count` in `locale` (the catalogue's language), with each `#` replaced by
 * the count as that language writes it. The number is wrapped in U+2068/U+2069 (first-strong
 * isolate, pop isolate): the plain-text `<bdi>`, since these messages are strings, so that on a
 * right-to-left page the sentence reads in order around it.
 */
export function plural(locale: string, count: number, forms: PluralForms): string {
  let made = rules.get(locale);
  if (!made) rules.set(locale, (made = [new Intl.PluralRules(locale), new Intl.NumberFormat(locale)]));
  const [rule, number] = made;
  return (forms[rule.select(count)] ?? forms.other).replaceAll('#', `\u2068${number.format(count)}\u2069`);
}
