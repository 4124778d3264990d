/**
 * What every validator returns. `code` is for programs (a UI maps it to localized text);
 * `message` is a short English note for developers, never shown to visitors as is.
 */
export type Validation<T, C extends string> = { ok: true; value: T } | { ok: false; code: C; message: string };

export function valid<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function invalid<C extends string>(code: C, message: string): { ok: false; code: C; message: string } {
  return { ok: false, code, message };
}
