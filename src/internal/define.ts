/**
 * Registers a custom element unless the tag is taken already, so that a page that loads the
 * script twice (two tags, or the npm build and the CDN script) keeps working instead of throwing.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, constructor);
}
