/**
 * Finding things in an element the way a visitor does, and waiting for them; every element suite
 * uses these names: `root` (the shadow root), `control` (the control a visible label names),
 * `textOf` (text as read), `until` (wait until something holds).
 */
import { waitUntil } from '@open-wc/testing';

/** The element's shadow root. */
export const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** A node's text as read: white space collapsed, trimmed; `''` without the node. */
export const textOf = (node: Node | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The control that a visible label names (`<label for>` or a wrapping `<label>`), in the element's shadow root. */
export function control<T extends HTMLElement = HTMLInputElement & HTMLSelectElement>(el: Element, label: string): T {
  const controls = root(el).querySelectorAll<HTMLInputElement>('input, select, textarea, button');
  const found = [...controls].find((candidate) =>
    [...(candidate.labels ?? [])].some((name) => name.textContent!.trim() === label),
  );
  if (!found) throw new Error(`no control labelled "${label}"`);
  return found as unknown as T;
}

/**
 * Waits until `predicate` holds, with room for a loaded machine: 5 s by default (the runner's own
 * default of 1 s is tight with two pages side by side).
 */
export const until = (predicate: () => unknown, message?: string, { timeout = 5000 }: { timeout?: number } = {}) =>
  waitUntil(predicate, message, { timeout });
