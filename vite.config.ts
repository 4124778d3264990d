import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';
import ts from 'typescript';
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
 * For the standalone script: `import('./x.js')` becomes a static import. Everything is in the one
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
 * For the script builds (the tag's modules and the standalone file): zod 4 keeps `z.config()` (error messages, `jitless`, a schema
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

/**
 * Lit's `@property()` and `@state()` decorators become the class's `static properties`, which Lit
 * reads the same way when the class is first used (same options, same accessors, same order).
 * Decorators cost every page Lit's decorator module and a helper call per property (≈ 0.8 KB gz,
 * measured with `npm run size`); the sources keep them for the type checker, the manifest analyzer
 * and the reader. A decorator with anything else than these two calls fails the build, so nothing
 * is left half-converted. Lines stay where they are (the block is inserted after the class's `{`).
 */
function litStaticProperties(): Plugin {
  return {
    name: 'lit-static-properties',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/src/') || !id.endsWith('.ts') || !/@(property|state)\(/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
          const entries: string[] = [];
          for (const member of node.members) {
            for (const decorator of ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : []) {
              const call = decorator.expression;
              const callee = ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? call.expression.text : '';
              if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name) || !ts.isCallExpression(call))
                this.error(`${id}: a decorator other than @property()/@state() on a field`);
              if (callee !== 'property' && callee !== 'state') this.error(`${id}: @${callee} is not converted`);
              const options = call.arguments[0]?.getText(source) ?? '{}';
              entries.push(`${member.name.text}: ${callee === 'state' ? `{ ...${options}, state: true }` : options}`);
              edits.push({ start: decorator.getStart(source), end: decorator.getEnd(), text: '' });
            }
          }
          if (entries.length) {
            const open = node.members.pos; // just after the class body's `{`
            edits.push({ start: open, end: open, text: ` static properties = { ${entries.join(', ')} };` });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (!edits.length) return null;
      // The decorators' import goes too (lit declares no `sideEffects: false`, so a bundler would keep it).
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start))
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      out = out.replace(/^import \{[^}]*\} from 'lit\/decorators\.js';$/m, (line) =>
        /@(property|state)\(/.test(out) ? line : '',
      );
      return { code: out, map: null };
    },
  };
}

/** ES modules for npm users: one file per public entry, shared code in chunks, dependencies left as imports. */
const library: UserConfig = {
  publicDir: false,
  plugins: [litStaticProperties(), minifyCssLiterals(), minifyHtmlLiterals()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Not minified: the user's bundler minifies its own build, and readable files (class names such as
    // `CcaiScheduleCall`, stack traces, a debugger's step-through) need no source maps. Maps made up
    // 1.47 MB of the 2.0 MB unpacked package while mapping to `src/`, which is not shipped. The `css`
    // and `html` literals are still squeezed above: that saving is ours, a bundler cannot make it.
    minify: false,
    sourcemap: false,
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

/** Where the script tag's modules go, beside `dist/ccai-widgets.js`. */
const SCRIPT_CHUNKS = 'ccai-widgets.chunks';

/** The elements' tags: the script loads the elements when the page first shows one of them. */
const TAGS = ['ccai-schedule-call', 'ccai-call-status', 'ccai-customer-flags'];

/**
 * `dist/ccai-widgets.js`, the file `unpkg`/`jsdelivr` name: one classic script that registers the
 * three elements as soon as the page shows one of them (in the document, now or later), loading
 * them as modules from the folder beside the script, resolved from the script's own URL (so it
 * works from any origin and path, a CDN's or the site's own). A site that puts the tag in its
 * layout pays ≈ 0.5 KB on pages without a widget; the phone metadata, the form's checks and the
 * zod schemas stay in chunks until the form is used. One module for all three elements, not one
 * each: split, they shared ≈ 2.5 KB gz less well (measured). `import()` of a URL on the script's
 * own origin passes `script-src 'self'`; from a CDN it is a CORS request (unpkg and jsDelivr answer
 * `Access-Control-Allow-Origin: *`). The module is evaluated once per page however often the tag
 * is included (the module map holds one instance per URL). A tag rendered only inside another
 * shadow root is not seen by the document's observer: such apps use the npm package (README).
 */
function scriptLoader(entry: string): Plugin {
  return {
    name: 'script-loader',
    async generateBundle() {
      // Only added nodes are looked at (not the whole document on every change), and only until loaded.
      const source = `/*! ccai-widgets: <ccai-schedule-call>, <ccai-call-status>, <ccai-customer-flags>. MIT License. */
(function () {
  var script = document.currentScript;
  if (!script || !script.src) {
    console.error('ccai-widgets: load ccai-widgets.js with <script src>: it finds its modules from its own URL');
    return;
  }
  var selector = ${JSON.stringify(TAGS.join(','))};
  var loaded = false;
  var observer = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      for (var j = 0; j < records[i].addedNodes.length; j++) {
        var node = records[i].addedNodes[j];
        if (node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector))) return load();
      }
    }
  });
  function load() {
    if (loaded) return;
    loaded = true;
    observer.disconnect();
    var url = new URL(${JSON.stringify(entry)}, script.src).href;
    import(url).catch(function (error) {
      console.error('ccai-widgets: could not load ' + url + ' (is its origin allowed by script-src? does it answer CORS?)', error);
    });
  }
  observer.observe(document, { childList: true, subtree: true });
  if (document.querySelector(selector)) load();
})();
`;
      // Minified as the modules are (every page with the tag pays for it; the licence comment stays).
      const { code } = await transform(source, { minify: true, legalComments: 'inline' });
      this.emitFile({ type: 'asset', fileName: 'ccai-widgets.js', source: code });
    },
  };
}

/**
 * The script tag's modules: Lit, zod and libphonenumber-js bundled in (a page with no bundler has
 * no `node_modules`), minified, with Lit's production build; the lazy parts in chunks beside it.
 * Built after the library, into `dist/`.
 */
const script: UserConfig = {
  publicDir: false,
  plugins: [
    litStaticProperties(),
    minifyCssLiterals(),
    minifyHtmlLiterals(),
    privateZodGlobals(),
    scriptLoader(`${SCRIPT_CHUNKS}/elements.js`),
  ],
  // Lit's production build, whatever NODE_ENV says: its development build adds warnings and ≈ 2 KB.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    sourcemap: false,
    lib: { entry: { elements: 'src/index.ts' }, formats: ['es'] },
    rolldownOptions: {
      // Nothing imports this module but the loader: its exports are not needed, and code shared
      // with the lazy chunks joins it instead of making more requests.
      preserveEntrySignatures: false,
      output: {
        entryFileNames: `${SCRIPT_CHUNKS}/[name].js`,
        chunkFileNames: `${SCRIPT_CHUNKS}/[name]-[hash].js`,
        // Vite's library mode leaves whitespace in ES output unless the output asks for minification.
        minify: true,
        comments: false,
      },
    },
  },
};

/**
 * `dist/ccai-widgets.standalone.js`: everything in one classic script (Lit, zod, the phone
 * metadata), no module loader, no further requests, for sites that must serve exactly one file.
 * Built last, into the same `dist/`.
 */
const standalone: UserConfig = {
  publicDir: false,
  plugins: [
    litStaticProperties(),
    minifyCssLiterals(),
    minifyHtmlLiterals(),
    staticDynamicImports(),
    privateZodGlobals(),
  ],
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/index.ts',
      // Vite requires a name for an IIFE, but with no entry exports (below) none is declared on `window`.
      name: 'CcaiWidgets',
      formats: ['iife'],
      fileName: () => 'ccai-widgets.standalone.js',
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
  if (mode === 'standalone') return standalone;
  if (command === 'serve' || mode === 'demo') return demo;
  return library;
});
