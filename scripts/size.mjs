/**
 * `npm run size`: what the package weighs, gzip -9, and whether it keeps its budgets.
 *
 * 1. Every shipped JavaScript file in `dist/` as it is (the npm build leaves its ES files
 *    unminified on purpose, for the user's bundler), plus the totals of types (and of source
 *    maps, none since issue 12).
 * 2. What a page really loads: each public ES entry is bundled the way a user's bundler would
 *    (Vite, production conditions, minified, code-splitting on) with lit, @lit/task, zod and
 *    libphonenumber-js resolved from node_modules. A page loads the entry chunk and every chunk
 *    it imports statically; chunks reachable only through `import()` load later and are listed
 *    apart (the phone metadata and the form's checks on the form's first use, the zod schemas
 *    with the first request, the Japanese catalogue where it is shown). Each chunk is its own
 *    request, so each is gzipped alone.
 * 3. The script tag (`dist/ccai-widgets.js`, what unpkg and jsDelivr serve): the loader alone (a
 *    page with no widget), then the loader and the modules it imports when a widget appears,
 *    before any is used; the chunks that load later are listed apart.
 * 4. The standalone script by package: built again without each one, the difference.
 * 5. The budgets (issue 12), planned for the work under way beside it:
 *    - the script tag before any widget is used ≤ 24 KB gz, and ≤ 1 KB over the ESM entry;
 *    - the script tag on a page without a widget ≤ 1 KB;
 *    - `import 'ccai-widgets'` before the phone field is used ≤ 24 KB (issue 10 allows 27; see
 *      the constant);
 *    - each lazy language catalogue ≤ 3 KB (they load only where shown; see the constant);
 *    - the standalone file ≤ 109 KB: it must inline every catalogue (it makes no further
 *      request; see the constant);
 *    - libphonenumber-js in none of the chunks the ESM entry or the script tag load at once.
 *    1 KB = 1000 bytes (the stricter reading, and Vite's).
 *
 * Exits 1 over budget. Reads `dist/` as built: run `npm run build` first (`npm run size` does).
 *
 * `node scripts/size.mjs --modules` prints instead where the script tag's bytes go before use: the
 * module it loads when a widget appears, built again in memory, with each source module's marginal
 * gzip size (the module's rendered code left out, the rest gzipped again: what moving it out alone
 * would save, before minification's share), and the chunks that load later with their modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

const SCRIPT_TAG_BUDGET = 24_000;
const SCRIPT_TAG_OVER_ESM = 1_000;
const EMPTY_PAGE_BUDGET = 1_000;
// Issue 10 lets the ESM entry grow by 1.5 KB over the 25.5 KB it had (27 KB). Planned at 23 KB so
// that the script tag (≈ 0.3 KB over it) stays under its 24; measured directly since, the script tag
// has its own budget. The fixes of issue 10's visitor scenarios added ≈ 0.9 KB that a page needs
// before use (a booking marked pending over a reload, focus after each view, text on the accent
// following the accent): 23.4 KB measured, 24 KB allowed, still 3 KB inside the issue's limit.
const ENTRY_BUDGET = 24_000;
// Planned at 2.5 KB before issue 10 added its ≈ 35 keys ("call me now", Change time, the calendar);
// every catalogue grew by ≈ 0.45 KB with them (ja 2.13 -> 2.60, ar -> 2.62). A catalogue loads only
// on a page in its language, after the page: 2.75 KB kept the headroom the plan had. The fixes of
// the visitor scenarios added 7 sentences (a call that can no longer be cancelled, a booking cut
// off by a reload, a kept call gone, …): ar 2.82 KB and ja 2.76 measured, 3 KB allowed.
const CATALOGUE_BUDGET = 3_000;
// Planned at 101 KB: 78 KB of code plus 11 catalogues of ≈ 2.1 KB. The catalogues came at 2.25–2.62
// KB (issue 10's keys, ≈ +4 KB for the 12 beside English), and the standalone file, which inlines
// every lazy module, pays ≈ 0.5 KB for the script tag's split (each module reached by `import()`
// becomes a namespace object there): 103.2 KB measured, 104 KB allowed. Then the fixes of the
// visitor scenarios (their code and 7 sentences in 13 languages): 106.4 KB measured, 108 KB allowed.
// Then every booking of the tab kept and listed (the list's code and styles, one sentence in 13
// languages), the call status's live module and the English copy tried again after a failed load:
// 108.3 KB measured, 109 KB allowed.
const STANDALONE_BUDGET = 109_000;

/** Public ES entries a page can import (package.json `exports`, without the test-only mock). */
const ENTRIES = [
  ['ccai-widgets', 'index.js'],
  ['ccai-widgets/schedule-call', 'schedule-call.js'],
  ['ccai-widgets/call-status', 'call-status.js'],
  ['ccai-widgets/customer-flags', 'customer-flags.js'],
  ['ccai-widgets/core', 'core.js'],
];

const gz = (data) => gzipSync(data, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} KB`;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Bundles one dist entry as a site's build would: every export kept (the site may use any), shared
 * code free to join the entry's chunk as it joins a site's own entry (`allow-extension`), comments
 * dropped (Vite's app build drops them when minifying). Returns the gzip size of what loads at
 * once and of each lazy chunk.
 */
async function pageLoad(entry) {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    mode: 'production',
    publicDir: false,
    build: {
      write: false,
      target: 'es2022',
      // Library mode leaves out Vite's own preload helper (bundler glue, not ours); its ES output
      // skips whitespace minification unless asked, which a site's build would not skip.
      lib: { entry: join(dist, entry), formats: ['es'] },
      minify: true,
      rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true, comments: false } },
    },
  });
  const chunks = (Array.isArray(result) ? result : [result])
    .flatMap((output) => output.output)
    .filter((file) => file.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const eager = new Set();
  const visit = (name) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const imported of byName.get(name).imports) visit(imported);
  };
  visit(chunks.find((chunk) => chunk.isEntry).fileName);
  const lazy = chunks
    .filter((chunk) => !eager.has(chunk.fileName))
    .map((chunk) => ({
      name: basename(chunk.facadeModuleId ?? chunk.name, '.js').replace(/-[\w-]{8}$/, ''),
      size: gz(chunk.code),
    }));
  const eagerModules = [...eager].flatMap((name) => Object.keys(byName.get(name).modules));
  return {
    eager: [...eager].reduce((sum, name) => sum + gz(byName.get(name).code), 0),
    chunks: eager.size,
    lazy,
    eagerPhone: eagerModules.some((id) => id.includes('/node_modules/libphonenumber-js/')),
  };
}

/**
 * The script tag as shipped: the loader, the module it imports when a widget appears, and every
 * chunk that module imports statically (each its own request, gzipped alone); the rest are lazy.
 */
function scriptTagLoad() {
  const loader = readFileSync(join(dist, 'ccai-widgets.js'), 'utf8');
  const [, entry] = loader.match(/new URL\("([^"]+)",\s*\w+\.src\)/) ?? [];
  if (!entry) throw new Error('dist/ccai-widgets.js names no module');
  const folder = join(dist, entry, '..');
  const eager = new Set();
  const visit = (file) => {
    if (eager.has(file)) return;
    eager.add(file);
    const code = readFileSync(join(folder, file), 'utf8');
    for (const [, imported] of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)) visit(imported);
  };
  visit(basename(entry));
  const lazy = readdirSync(folder)
    .filter((file) => !eager.has(file))
    .map((file) => ({ name: file.replace(/-[\w-]{8}\.js$/, ''), size: gz(readFileSync(join(folder, file))) }));
  const eagerFiles = [...eager].map((file) => readFileSync(join(folder, file), 'utf8'));
  return {
    loader: gz(loader),
    eager: gz(loader) + eagerFiles.reduce((sum, code) => sum + gz(code), 0),
    chunks: eager.size,
    lazy,
    // libphonenumber-js's metadata carries this key; no chunk that loads at once may.
    eagerPhone: eagerFiles.some((code) => code.includes('country_calling_codes')),
  };
}

/** The standalone script (its own config) built without `external` packages: gzip size. */
async function scriptWithout(external) {
  const result = await build({
    configFile: join(root, 'vite.config.ts'),
    mode: 'standalone',
    logLevel: 'silent',
    build: {
      write: false,
      sourcemap: false,
      rolldownOptions: { external, output: { globals: (id) => id.replace(/\W/g, '_') } },
    },
  });
  const [chunk] = (Array.isArray(result) ? result : [result])
    .flatMap((output) => output.output)
    .filter((file) => file.type === 'chunk');
  return gz(chunk.code);
}

const pad = (text, width) => String(text).padEnd(width);
const padStart = (text, width) => String(text).padStart(width);

/** `--modules`: the script tag's eager module by source module, and its lazy chunks (see above). */
async function printModules() {
  const result = await build({
    configFile: join(root, 'vite.config.ts'),
    mode: 'script',
    logLevel: 'silent',
    build: { write: false },
  });
  const chunks = (Array.isArray(result) ? result : [result])
    .flatMap((output) => output.output)
    .filter((file) => file.type === 'chunk');
  const main = chunks.find((chunk) => chunk.isEntry);
  const name = (id) =>
    id
      .replace('\0', '')
      .replace(root, '')
      .replace(/.*node_modules\//, '');
  const modules = Object.entries(main.modules).map(([id, module]) => [name(id), module.code ?? '']);
  const all = gz(modules.map(([, code]) => code).join('\n'));
  const rows = modules.map(([id], index) => [
    id,
    all -
      gz(
        modules
          .filter((_, other) => other !== index)
          .map(([, code]) => code)
          .join('\n'),
      ),
  ]);
  console.log(
    `${main.fileName}: ${kb(gz(main.code))} gzip -9 as shipped (minified); each module's marginal share, of its rendered code before minification:\n`,
  );
  for (const [id, size] of rows.sort((a, b) => b[1] - a[1]).filter(([, size]) => size > 0))
    console.log(`${padStart(kb(size), 10)}  ${id}`);
  console.log('\nLater, on first use:\n');
  for (const chunk of chunks.filter((chunk) => chunk !== main)) {
    const ids = Object.keys(chunk.modules).map(name);
    const ours = ids.filter((id) => id.startsWith('src/'));
    const packages = [...new Set(ids.filter((id) => !id.startsWith('src/')).map((id) => id.split('/')[0]))];
    const from = packages.length ? ` (and ${packages.join(', ')})` : '';
    console.log(`${padStart(kb(gz(chunk.code)), 10)}  ${basename(chunk.fileName)}: ${ours.join(' ')}${from}`);
  }
}

if (process.argv.includes('--modules')) {
  await printModules();
  process.exit(0);
}

console.log('Shipped files (dist/, as published)\n');
console.log(`${pad('file', 44)}${padStart('raw', 12)}${padStart('gzip -9', 12)}`);
const files = filesUnder(dist).sort();
for (const path of files.filter((file) => file.endsWith('.js'))) {
  const data = readFileSync(path);
  console.log(`${pad(relative(root, path), 44)}${padStart(kb(data.length), 12)}${padStart(kb(gz(data)), 12)}`);
}
for (const [label, suffix] of [
  ['all .d.ts (types)', '.d.ts'],
  ['all .map (source maps)', '.map'],
]) {
  const matching = files.filter((file) => file.endsWith(suffix));
  const raw = matching.reduce((sum, file) => sum + statSync(file).size, 0);
  const zipped = matching.reduce((sum, file) => sum + gz(readFileSync(file)), 0);
  console.log(`${pad(`${label}, ${matching.length} files`, 44)}${padStart(kb(raw), 12)}${padStart(kb(zipped), 12)}`);
}

console.log('\nWhat a page loads through a bundler (minified, production, code-split; each chunk gzipped)\n');
console.log(`${pad('import', 30)}${padStart('on load', 11)}${padStart('chunks', 8)}   later, on first use`);
const loads = new Map();
for (const [specifier, entry] of ENTRIES) {
  const load = await pageLoad(entry);
  loads.set(entry, load);
  const later = load.lazy.map(({ name, size }) => `${name} ${kb(size)}`).join(', ') || '—';
  console.log(`${pad(specifier, 30)}${padStart(kb(load.eager), 11)}${padStart(load.chunks, 8)}   ${later}`);
}

console.log('\nThe script tag, dist/ccai-widgets.js (each request gzipped alone)\n');
const tag = scriptTagLoad();
console.log(`${pad('a page without a widget (the loader)', 44)}${padStart(kb(tag.loader), 12)}`);
console.log(`${pad(`a page with widgets, before use (${tag.chunks} modules)`, 44)}${padStart(kb(tag.eager), 12)}`);
console.log(
  `${pad('later, on first use', 44)}   ${tag.lazy.map(({ name, size }) => `${name} ${kb(size)}`).join(', ')}`,
);

console.log('\nThe standalone script by package (built without it: the difference)\n');
const PACKAGES = [
  ['libphonenumber-js (code and metadata)', [/^libphonenumber-js($|\/)/]],
  ['zod', [/^zod($|\/)/]],
  ['lit, @lit/task', [/^lit($|\/)/, /^@lit\//]],
];
const whole = await scriptWithout([]);
for (const [label, external] of PACKAGES)
  console.log(`${pad(label, 44)}${padStart(kb(whole - (await scriptWithout(external))), 12)}`);
const ours = await scriptWithout(PACKAGES.flatMap(([, external]) => external));
console.log(`${pad('ccai-widgets itself (and the bundle glue)', 44)}${padStart(kb(ours), 12)}`);

const standalone = readFileSync(join(dist, 'ccai-widgets.standalone.js'), 'utf8');
const esmEntry = loads.get('index.js').eager;
const catalogues = loads.get('index.js').lazy.filter(({ name }) => /^[a-z]{2}(-[A-Z]{2})?$/.test(name));
const checks = [
  ['script tag, a page with widgets, before use', tag.eager, SCRIPT_TAG_BUDGET],
  ['script tag over the ESM entry', tag.eager - esmEntry, SCRIPT_TAG_OVER_ESM],
  ['script tag, a page without a widget', tag.loader, EMPTY_PAGE_BUDGET],
  ["import 'ccai-widgets' before the phone field is used", esmEntry, ENTRY_BUDGET],
  ...catalogues.map(({ name, size }) => [`the ${name} catalogue (lazy)`, size, CATALOGUE_BUDGET]),
  ['standalone dist/ccai-widgets.standalone.js', gz(standalone), STANDALONE_BUDGET],
];
console.log('\nBudgets\n');
let over = false;
for (const [label, size, limit] of checks) {
  over ||= size > limit;
  console.log(`${size > limit ? 'OVER' : 'ok  '} ${pad(label, 56)}${padStart(kb(size), 10)} of ${kb(limit)}`);
}
// Lit's development build (warnings, ~2 KB more) must never ship: it comes with the `development` condition.
const scriptCode = readdirSync(join(dist, 'ccai-widgets.chunks')).map((file) =>
  readFileSync(join(dist, 'ccai-widgets.chunks', file), 'utf8'),
);
const devLit = [standalone, ...scriptCode].some((code) => code.includes('Lit is in dev mode'));
console.log(`${devLit ? 'FAIL' : 'ok  '} Lit's production build in the script tag's modules and the standalone file`);
const eagerPhone = loads.get('index.js').eagerPhone || tag.eagerPhone;
console.log(`${eagerPhone ? 'FAIL' : 'ok  '} libphonenumber-js only in chunks that load on first use`);
process.exitCode = over || devLit || eagerPhone ? 1 : 0;
