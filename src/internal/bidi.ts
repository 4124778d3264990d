import { html, type TemplateResult } from 'lit';

/** Stands for the inserted value while a catalogue sentence is split (a noncharacter: never in copy). */
const MARK = '\u{10FFFF}';

/** A sentence as Lit renders it: text with isolated values between. */
export type Isolated = (string | TemplateResult)[];

const isolate = (value: string) => html`<bdi>${value}</bdi>`;

/**
 * A catalogue sentence with the value it inserts bidi-isolated in a `<bdi>`, so that a name, a
 * date or server text written in the other direction neither reorders the sentence around it nor
 * is reordered by it (on a right-to-left page, "Agent: <Hebrew name>" stays in order). The message
 * function is called with a mark and the sentence is split there, so overrides given through
 * `messages` keep working; one that leaves the value out has nothing to isolate.
 */
export function withIsolated(message: (value: string) => string, value: string): Isolated {
  return message(MARK)
    .split(MARK)
    .flatMap((text, index) => (index === 0 ? [text] : [isolate(value), text]));
}

/** `text` with its last occurrence of `value` (server text that was inserted into it) isolated. */
export function isolatedIn(text: string, value: string): Isolated {
  const at = value ? text.lastIndexOf(value) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), isolate(value), text.slice(at + value.length)];
}
