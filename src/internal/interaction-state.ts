/**
 * When a field's error may be shown: once the visitor changed the field and left it, or once they
 * submitted the form, and from then on after every change. Not while they type for the first time.
 * (The idea of Lion's `InteractionStateMixin`, as a plain object instead of a mixin.)
 */
export class InteractionState<Field extends string> {
  readonly #touched = new Set<Field>();
  readonly #changed = new Set<Field>();
  #submitted = false;

  changed(field: Field): void {
    this.#changed.add(field);
  }

  left(field: Field): void {
    this.#touched.add(field);
  }

  submitted(): void {
    this.#submitted = true;
  }

  shows(field: Field): boolean {
    return this.#submitted || (this.#touched.has(field) && this.#changed.has(field));
  }

  reset(): void {
    this.#touched.clear();
    this.#changed.clear();
    this.#submitted = false;
  }
}
