import { readFile } from 'node:fs/promises';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * Comments and layout out of a static CSS text. Conservative: quoted strings stay as written, and
 * only spaces that CSS never needs go (around `{};,>` and after `:`; `+`, `-`, `*`, `/` keep theirs for `calc()`).
 * Comments go first: an apostrophe in one would otherwise read as the start of a string.
 */
function minifyCss(text: string): string {
  const squeeze = (css: string) =>
    css
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}');
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^']*'|"[^"]*")/)
    .map((part, index) => (index % 2 ? part : squeeze(part)))
    .join('')
    .trim();
}

/**
 * Lit hands our `css` literals to the browser as written, comments and indentation included
 * (≈ 0.4 KB gz over the three elements). Static literals only (no `${}`). The line breaks taken
 * out are put back after the literal, so the source map stays right for the code that follows.
 */
function minifyCssLiterals(): Plugin {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!id.includes('/src/') || !code.includes('css`')) return null;
      const minified = code.replace(
        /\bcss`([^`$]*)`/g,
        (_, text: string) => `css\`${minifyCss(text)}\`${'\n'.repeat(text.split('\n').length - 1)}`,
      );
      return { code: minified, map: null };
    },
  };
}

interface TemplateNode {
  type: string;
  start: number;
  end: number;
  tag?: { type: string; name?: string };
  quasi?: { quasis: { start: number; end: number }[] };
  [key: string]: unknown;
}

/** Every `html`/`svg` tagged template in an ESTree, nested ones included. */
function litTemplates(node: unknown, found: TemplateNode[] = []): TemplateNode[] {
  if (Array.isArray(node)) {
    for (const child of node) litTemplates(child, found);
  } else if (node && typeof node === 'object') {
    const candidate = node as TemplateNode;
    if (
      candidate.type === 'TaggedTemplateExpression' &&
      candidate.tag?.type === 'Identifier' &&
      (candidate.tag.name === 'html' || candidate.tag.name === 'svg')
    ) {
      found.push(candidate);
    }
    for (const [key, value] of Object.entries(candidate))
      if (key !== 'parent' && typeof value === 'object') litTemplates(value, found);
  }
  return found;
}

/**
 * Lit's `html` templates are written for people (one attribute a line, indented) and shipped as
 * written. Every run of whitespace that holds a line break becomes one space, which HTML renders
 * the same (no template here has `<pre>` or `<textarea>`; a test would show it): ≈ the bytes of the
 * old one-line templates. The line breaks taken out go after the template's closing backtick (in
 * code, where they change nothing), so the source map stays right for the lines that follow.
 */
function minifyHtmlLiterals(): Plugin {
  return {
    name: 'minify-html-literals',
    transform(code, id) {
      if (!id.includes('/src/') || !/\b(html|svg)`/.test(code)) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      for (const template of litTemplates(this.parse(code))) {
        let newlines = 0;
        for (const quasi of template.quasi?.quasis ?? []) {
          const raw = code.slice(quasi.start, quasi.end);
          const squeezed = raw.replace(/[ \t]*\n\s*/g, (run) => {
            newlines += run.split('\n').length - 1;
            return ' ';
          });
          if (squeezed !== raw) edits.push({ start: quasi.start, end: quasi.end, text: squeezed });
        }
        if (newlines > 0) edits.push({ start: template.end, end: template.end, text: '\n'.repeat(newlines) });
      }
      if (edits.length === 0) return null;
      // From the end, so that earlier positions stay valid; at one position the insertion (after a
      // nested template) goes after the text edit before it.
      edits.sort((a, b) => b.start - a.start || b.end - a.end);
      let out = code;
      for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}

/**
 * For the single-file script: `import('./x.js')` becomes a static import. Everything is in the one
 * file anyway, and the bundler would otherwise wrap each lazily reached module in code that defers
 * its evaluation (≈ 1 KB gz). The modules are simply evaluated when the script runs.
 */
function staticDynamicImports(): Plugin {
  return {
    name: 'static-dynamic-imports',
    transform(code, id) {
      if (!id.includes('/src/') || !code.includes('import(')) return null;
      const hoisted: string[] = [];
      const rewritten = code.replace(/\bimport\((['"])(\.{1,2}\/[^'"]+)\1\)/g, (_, quote: string, path: string) => {
        const name = `lazyModule${hoisted.length}`;
        hoisted.push(`import * as ${name} from ${quote}${path}${quote};`);
        return `Promise.resolve(${name})`;
      });
      // On the first line, so that no line number moves.
      return { code: hoisted.join(' ') + rewritten, map: null };
    },
  };
}

/**
 * For the single-file script: zod 4 keeps `z.config()` (error messages, `jitless`, a schema
 * post-processor) on `globalThis.__zod_globalConfig`, one object for every zod 4 on the page
 * (zod's choice, colinhacks/zod#5889; it offers no opt-out). The script's zod is a private copy,
 * so it gets a private config: in zod's modules, `globalThis` before `.__zod_…` becomes an object
 * of this bundle's own. A zod that reaches `globalThis` any other way fails the build, so an
 * upgrade cannot quietly share again.
 */
function privateZodGlobals(): Plugin {
  const scope = 'virtual:zod-scope';
  return {
    name: 'private-zod-globals',
    resolveId: (id) => (id === scope ? `\0${scope}` : null),
    load: (id) => (id === `\0${scope}` ? 'export default {};' : null),
    transform(code, id) {
      if (!id.includes('/node_modules/zod/') || !code.includes('globalThis')) return null;
      const patched = code.replace(/\bglobalThis(?=\)?\.__zod_\w+)/g, 'zodScope');
      if (patched.includes('globalThis'))
        this.error(`${id} uses globalThis other than for __zod_*: keep the script's zod private`);
      // On the first line, so that no line number moves.
      return { code: `import zodScope from '${scope}'; ${patched}`, map: null };
    },
  };
}

/** ES modules for npm users: one file per public entry, shared code in chunks, dependencies left as imports. */
const library: UserConfig = {
  publicDir: false,
  plugins: [minifyCssLiterals(), minifyHtmlLiterals()],
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
  plugins: [minifyCssLiterals(), minifyHtmlLiterals(), staticDynamicImports(), privateZodGlobals()],
  // Lit's production build, whatever NODE_ENV says: its development build adds warnings and ≈ 2 KB.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      // Vite requires a name for an IIFE, but with no entry exports (below) none is declared on `window`.
      name: 'CcaiWidgets',
      formats: ['iife'],
      fileName: () => 'ccai-widgets.js',
    },
    // No `var CcaiWidgets`: the classes stay reachable through `customElements.get(tag)`.
    rolldownOptions: { preserveEntrySignatures: false },
  },
};

/**
 * The demo page: `npm run start:static` and `build:demo` answer it with the mock through MSW's
 * service worker; `npm start` (scripts/start.mjs) serves it with this config, through the gateway.
 */
const demo: UserConfig = {
  root: 'demo',
  publicDir: false,
  server: { open: false },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
  plugins: [
    {
      // The dev server serves it from `demo/`; the build must put it at the root too, or the worker controls nothing.
      name: 'msw-worker',
      apply: 'build',
      async generateBundle() {
        const source = await readFile(new URL('./demo/mockServiceWorker.js', import.meta.url), 'utf8');
        this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source });
      },
    },
  ],
};

export default defineConfig(({ command, mode }) => {
  if (mode === 'script') return script;
  if (command === 'serve' || mode === 'demo') return demo;
  return library;
});
