import { defineConfig } from 'vite';

// Library build: one ES module per public entry (shared code split into chunks) for npm users.
// `publicDir: false` keeps the MSW worker of the demo out of `dist/`.
export default defineConfig({
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: {
      entry: {
        core: 'src/core/index.ts',
        mock: 'src/mock/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      // Dependencies stay imports for npm consumers; the single-file script bundles them itself.
      external: [/^lit/, /^@lit\//, /^zod/, /^libphonenumber-js/, /^msw/],
    },
  },
});
