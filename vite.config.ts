import { defineConfig, type UserConfig } from 'vite';

/** ES modules for npm users: one file per public entry, shared code in chunks, dependencies left as imports. */
const library: UserConfig = {
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        classes: 'src/classes.ts',
        'schedule-call': 'src/elements/schedule-call/define.ts',
        'call-status': 'src/elements/call-status/define.ts',
        'customer-flags': 'src/elements/customer-flags/define.ts',
        core: 'src/core/index.ts',
        mock: 'src/mock/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^libphonenumber-js($|\/)/, /^msw($|\/)/],
    },
  },
};

/**
 * The single classic script named by `unpkg`/`jsdelivr`: everything inlined (Lit, zod, the phone
 * metadata), no module loader, no further requests. Built after the library, into the same `dist/`.
 */
const script: UserConfig = {
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      name: 'CcaiWidgets',
      formats: ['iife'],
      fileName: () => 'ccai-widgets.js',
    },
  },
};

/** `npm start`: the offline demo page, answered by the mock through MSW's service worker. */
const demo: UserConfig = {
  root: 'demo',
  publicDir: false,
  server: { open: false },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
};

export default defineConfig(({ command, mode }) => {
  if (mode === 'script') return script;
  if (command === 'serve' || mode === 'demo') return demo;
  return library;
});
