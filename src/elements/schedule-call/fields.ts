/** The fields of `<ccai-schedule-call>` that can be refused, and the `languages` attribute. */

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
