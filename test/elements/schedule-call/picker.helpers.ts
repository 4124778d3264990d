/**
 * The day and time pickers of `<ccai-schedule-call>`, found as a visitor finds them: a radio group
 * by its legend ("Date", "Time"), a choice by what it says or by its value. DOM only (no mock), so
 * that suites which need no API (test/tz) can use them too.
 */
import { root, textOf } from '../../helpers/dom.js';

/** The choices (radios) of the picker whose legend is `legend`, in the order shown. */
export function choices(el: Element, legend: string): HTMLInputElement[] {
  const group = [...root(el).querySelectorAll('fieldset')].find(
    (fieldset) => textOf(fieldset.querySelector(':scope > legend')) === legend,
  );
  if (!group) throw new Error(`no group "${legend}"`);
  return [...group.querySelectorAll<HTMLInputElement>('input[type=radio]')];
}

/** The offered days (`YYYY-MM-DD`) or times (ISO instants), as the radios' values. */
export const offered = (el: Element, legend = 'Time') => choices(el, legend).map((radio) => radio.value);

/** The chosen day or time, `''` when none is. */
export const chosen = (el: Element, legend = 'Time') => choices(el, legend).find((radio) => radio.checked)?.value ?? '';

/** What a choice says (its label), e.g. "9:15 AM". */
export const choiceText = (radio: HTMLInputElement) => textOf(radio.labels?.[0]);

/** The radio the group's Tab stop is on, which carries its `aria-*` (the chosen one, else the first). */
export const tabStop = (el: Element, legend = 'Time') => choices(el, legend).find((radio) => radio.id !== '') ?? null;

/** Clicks the choice with this value, as a visitor does (the browser checks it and fires `change`). */
export function pick(el: Element, value: string, legend = 'Time'): void {
  const radio = choices(el, legend).find((candidate) => candidate.value === value);
  if (!radio) throw new Error(`no choice ${value} under "${legend}"`);
  radio.click();
}
