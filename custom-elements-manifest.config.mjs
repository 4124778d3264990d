/** `npm run analyze`: custom-elements.json from the elements' JSDoc (and the shared base class). */

/**
 * The analyzer also records `dispatchEvent(new SomeEvent(...))` as an event without a name; the
 * `@fires` JSDoc already names each one, so the nameless duplicates are dropped.
 */
function dropNamelessEvents() {
  return {
    name: 'drop-nameless-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/internal/ccai-element.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [dropNamelessEvents()],
};
