// Bundles ngc's AOT output (out/, see tsconfig.json) for production. Angular's own packages ship
// partially compiled (`ɵɵngDeclare…` calls) and must be linked into full definitions at build
// time, as the Angular CLI does, or the page would need the JIT compiler: the linker is a Babel
// plugin of @angular/compiler-cli, run here on the files that need it.
import { createRequire } from 'node:module';
import { needsLinking } from '@angular/compiler-cli/linker';
import linker from '@angular/compiler-cli/linker/babel';
import { defineConfig } from 'vite';

// The Babel that @angular/compiler-cli itself depends on, for its linker plugin.
const babel = createRequire(import.meta.resolve('@angular/compiler-cli/package.json'))('@babel/core');

const angularLinker = {
  name: 'angular-linker',
  async transform(code, id) {
    if (!needsLinking(id, code)) return undefined;
    const linked = await babel.transformAsync(code, {
      filename: id,
      plugins: [linker],
      babelrc: false,
      configFile: false,
      compact: false,
    });
    return { code: linked.code, map: null };
  },
};

export default defineConfig({
  plugins: [angularLinker],
  // What the Angular CLI defines for a production build: no dev-mode checks, no JIT.
  define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
  logLevel: 'warn',
});
