/** `npm run analyze`: custom-elements.json from the elements' JSDoc (and the shared base class). */

/**
 * The analyzer also records `dispatchEvent(new SomeEvent(detail))` as an event without a name (or
 * named after the argument); the `@fires` JSDoc names each real one, all `ccai-…`, so only those stay.
 */
function dropNamelessEvents() {
  return {
    name: 'drop-nameless-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events)
            declaration.events = declaration.events.filter((event) => event.name?.startsWith('ccai-'));
        }
      }
    },
  };
}

/**
 * Modules come out in the order the file globbing returned them, which varies with the machine's
 * load: sort them, so the committed manifest and a fresh one compare equal.
 */
function sortModules() {
  return {
    name: 'sort-modules',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/internal/ccai-element.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [dropNamelessEvents(), sortModules()],
};
