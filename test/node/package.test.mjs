// The package as an outside user sees it, and as npm would publish it: run after `npm run build`.
// The tarball is packed once (scripts/pack.mjs) and checked with publint, @arethetypeswrong/cli
// and `npm publish --dry-run`, and its file list is compared with what is meant to ship.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { pack, root } from '../../scripts/pack.mjs';

const run = promisify(execFile);
const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
const dist = (file) => readFile(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

/**
 * Everything the tarball may hold. Source maps are not shipped: the ESM build is not minified
 * (class and function names and the code read as written; the user's bundler minifies and maps
 * its own output), so maps would only repeat it, and they were 1.47 MB of 2.0 MB unpacked. The
 * script files are minified without maps: a CDN user debugs with the npm build or the ESM build.
 */
const SHIPPED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^custom-elements\.json$/,
  /^bin\/ccai-gateway\.mjs$/,
  /^dist\/[\w-]+\.js$/, // ESM entries and their shared chunks, the script tag
  /^dist\/ccai-widgets\.standalone\.js$/,
  /^dist\/ccai-widgets\.chunks\/[\w-]+\.js$/, // the script tag's modules
  /^dist\/(core|elements|i18n|internal|mock)\/[\w/.-]+\.d\.ts$/, // ESM types, by source module
  /^dist\/(index|classes)\.d\.ts$/,
  /^dist\/frameworks\/(react|vue|svelte)(-elements)?\.d\.ts$/, // framework typings
  /^dist\/node\/(core|mock|server)\/[\w/.-]+\.(js|d\.ts)$/, // the gateway (and what it imports), for Node
];

/** What must be there: the entries, their types, the scripts, the typings. */
const REQUIRED = [
  'LICENSE',
  'README.md',
  'custom-elements.json',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/ccai-widgets.js',
  'dist/ccai-widgets.chunks/elements.js',
  'dist/ccai-widgets.standalone.js',
  'dist/frameworks/react.d.ts',
  'dist/frameworks/vue.d.ts',
  'dist/frameworks/svelte.d.ts',
  'dist/node/server/index.js',
];

let packed;
before(async () => {
  packed = await pack();
});

test('every file named by package.json exports exists', async () => {
  const targets = Object.values(pkg.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
  for (const target of [...targets, pkg.unpkg, pkg.jsdelivr, pkg.types]) {
    await assert.doesNotReject(access(new URL(`../../${target}`, import.meta.url)), `${target} is missing`);
  }
});

test('the tarball holds what is meant to ship and nothing else (no source maps, sources or tests)', () => {
  const unexpected = packed.files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
  assert.deepEqual(unexpected, [], 'unexpected files in the tarball');
  assert.deepEqual(
    REQUIRED.filter((file) => !packed.files.includes(file)),
    [],
    'missing from the tarball',
  );
  // No file from an earlier build: every script chunk is one the loader or another chunk names.
  // 271 since the client, the status's polling and the rest of the English copy load on first use
  // (their chunks in the ESM build and the script tag's folder, their types).
  assert.ok(packed.files.length < 280, `${packed.files.length} files`);
});

test('publint finds nothing, not even a suggestion', async () => {
  const tarball = await readFile(packed.tarball);
  const { messages, pkg: linted } = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    level: 'suggestion',
  });
  assert.deepEqual(
    messages.map((message) => formatMessage(message, linted)),
    [],
  );
});

test('@arethetypeswrong/cli: every module entry resolves to its types under node16 (ESM) and bundler resolution', async () => {
  // An ESM-only package (`esm-only`: CommonJS `require` and node10 are out of scope). The two
  // script files are classic scripts for a <script> tag, not modules: nothing imports them.
  const result = await run(
    join(root, 'node_modules', '.bin', 'attw'),
    [
      packed.tarball,
      '--profile',
      'esm-only',
      '--format',
      'table-flipped',
      '--exclude-entrypoints',
      './ccai-widgets.js',
      './ccai-widgets.standalone.js',
      './custom-elements.json',
    ],
    { cwd: root },
  ).catch((error) => error);
  assert.equal(result.code ?? 0, 0, `${result.stdout}\n${result.stderr}`);
});

test('npm publish --dry-run passes', async () => {
  const { stdout, stderr } = await run('npm', ['publish', '--dry-run', '--ignore-scripts', packed.tarball], {
    cwd: root,
  });
  assert.match(`${stdout}\n${stderr}`, /\+ ccai-widgets@\d+\.\d+\.\d+/);
});

test('class names are readable in the ESM build (`CcaiScheduleCall.name` is its name)', async () => {
  const chunks = await Promise.all(
    packed.files.filter((file) => /^dist\/[\w-]+\.js$/.test(file)).map((file) => dist(file.slice('dist/'.length))),
  );
  for (const name of ['CcaiScheduleCall', 'CcaiCallStatus', 'CcaiCustomerFlags', 'CallsClient', 'CallsApiError']) {
    assert.ok(
      chunks.some((code) => code.includes(`class ${name} `) || code.includes(`var ${name} = class `)),
      `class ${name} is declared under its name`,
    );
  }
});

test('prepack builds, and nothing builds on install', () => {
  assert.equal(pkg.scripts.prepack, 'npm run build');
  for (const hook of ['prepare', 'install', 'postinstall', 'preinstall'])
    assert.equal(pkg.scripts[hook], undefined, hook);
});

test('every module entry can be imported on the server (Node, no DOM) without throwing', async () => {
  // What the README's server-rendering section promises: importing is safe, drawing is the browser's.
  const entries = Object.entries(pkg.exports).filter(([, target]) => typeof target === 'object');
  assert.ok(entries.length >= 10);
  for (const [name] of entries) await assert.doesNotReject(import(`ccai-widgets${name.slice(1)}`), name);
  assert.equal(typeof globalThis.document, 'undefined');
});

test('ccai-widgets/core loads in Node without a DOM and validates', async () => {
  const core = await import('ccai-widgets/core');
  assert.equal(typeof core.createCallsClient, 'function');
  assert.equal(core.validatePhoneNumber('+1 859-657-9625').ok, true);
  assert.equal(core.validatePhoneNumber('123123').ok, false);
  assert.equal(core.normalizeCallType('ScheduledCall'), 'Voice Scheduled (API)');
  assert.equal(typeof globalThis.document, 'undefined');
});

test('the script tag is one classic script that imports the module beside it; that module exists', async () => {
  const source = await readFile(new URL(`../../${pkg.unpkg}`, import.meta.url), 'utf8');
  assert.equal(pkg.jsdelivr, pkg.unpkg);
  assert.doesNotMatch(source, /^\s*(import|export)\s[\w{*]/m, 'no static import/export');
  assert.doesNotThrow(() => new Function(source), 'parses as a classic script');
  // Minified: `new URL("…", t.src)`, the script element's name shortened.
  const [, entry] = source.match(/new URL\("([^"]+)",\s*\w+\.src\)/) ?? [];
  assert.ok(entry, 'resolves its module from its own URL');
  assert.ok(packed.files.includes(`dist/${entry}`), `dist/${entry} is shipped`);
});

test('the standalone script is a classic script with no module syntax and no further requests', async () => {
  const source = await dist('ccai-widgets.standalone.js');
  assert.doesNotMatch(source, /^\s*(import|export)\s[\w{*]/m, 'no static import/export');
  assert.doesNotMatch(source, /\bimport\(/, 'no dynamic import() (it would fetch a chunk)');
  assert.doesNotThrow(() => new Function(source), 'parses as a classic script');
});
