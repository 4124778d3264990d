/** `npm run analyze`: custom-elements.json from the elements' JSDoc (and the shared base class). */
export default {
  globs: ['src/elements/**/*.ts', 'src/internal/ccai-element.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
