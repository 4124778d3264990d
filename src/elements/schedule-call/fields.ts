/** The fields of `<ccai-schedule-call>` that can be refused. */

/** The fields that can be refused, in the order the form shows them. */
export const CHECKED_FIELDS = ['phone', 'time', 'language'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];
