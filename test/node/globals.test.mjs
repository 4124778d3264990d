// What the single-file script puts on `window`, and that its zod keeps to itself. A host page may
// run its own Lit and its own zod 4; the script must add only the names the README lists (Lit's
// own, shared by design), and neither read nor change the host's `z.config()`.
// Run after `npm run build`: it loads `dist/ccai-widgets.js` and the modules beside it, and the
// standalone file.
/* global snapshots, errors, hostZod, hostZodBefore -- set by the test pages, read in page.evaluate */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { getResponse } from 'msw';
import { chromium } from 'playwright-core';
import { createCallsApiMock } from 'ccai-widgets/mock';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

/** Lit's, and the README's list: added by every copy of Lit, made to be shared between copies. */
const LIT_GLOBALS = ['litElementVersions', 'litHtmlVersions', 'litPropertyMetadata', 'reactiveElementVersions'];

/** A call the API answers with a `status` that is not a string: our zod refuses it, with its own message. */
const UNREADABLE_CALL_ID = 77;

/** The script tag's files: `/ccai-widgets.js`, `/ccai-widgets.chunks/…`, `/ccai-widgets.standalone.js`. */
const served = async (path) =>
  /^\/ccai-widgets(\.standalone)?\.js$|^\/ccai-widgets\.chunks\/[\w-]+\.js$/.test(path)
    ? readFile(new URL(`../../dist${path}`, import.meta.url))
    : undefined;
const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

// A top-level `const` of a classic script is a global binding, not a property of `window`: the
// snapshots themselves add no name.
const SNAPSHOT = '<script>snapshots.push(Object.getOwnPropertyNames(globalThis));</script>';

const WIDGETS = `<ccai-schedule-call menu-id="9" days="mon-sun" hours="00:00-23:45" default-country="US"></ccai-schedule-call>
<ccai-call-status call-id="514"></ccai-call-status>
<ccai-customer-flags call-id="514"></ccai-customer-flags>`;

/** zod's reads (`customError`, `localeError`, `jitless`, `postProcessor`), as a host's `z.config()` would set them. */
const HOST_ZOD = `<script>
const hostZod = { customError: () => 'HOST', localeError: () => 'HOST', jitless: true, postProcessor: () => { hostZod.seen.push('postProcessor'); } };
Object.defineProperty(hostZod, 'seen', { value: [] });
const hostZodBefore = Object.entries(hostZod);
globalThis.__zod_globalConfig = hostZod;
</script>`;

const ERRORS = `<script>
const errors = [];
document.addEventListener('ccai-error', (event) => errors.push(event.detail.message));
</script>`;

const zodPage = (host, file = 'ccai-widgets.js') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support</title>${host}${ERRORS}
<script src="/${file}"></script></head>
<body><main>
<ccai-call-status call-id="514"></ccai-call-status>
<ccai-call-status call-id="${UNREADABLE_CALL_ID}"></ccai-call-status>
</main></body></html>`;

const twicePage = (file) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support</title>
<script>const snapshots = [];</script>${SNAPSHOT}
<script src="/${file}"></script>${SNAPSHOT}
<script src="/${file}"></script>${SNAPSHOT}</head>
<body><main>${WIDGETS}</main></body></html>`;

const PAGES = {
  '/twice.html': twicePage('ccai-widgets.js'),
  '/twice-standalone.html': twicePage('ccai-widgets.standalone.js'),
  '/zod.html': zodPage(''),
  '/host-zod.html': zodPage(HOST_ZOD),
  '/zod-standalone.html': zodPage('', 'ccai-widgets.standalone.js'),
  '/host-zod-standalone.html': zodPage(HOST_ZOD, 'ccai-widgets.standalone.js'),
};

let mock, site, origin, browser;

before(async () => {
  mock = createCallsApiMock();
  site = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (PAGES[path]) return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGES[path]);
    const script = await served(path);
    if (script) return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path === `/apps/api/v1/calls/${UNREADABLE_CALL_ID}`)
      return res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id: UNREADABLE_CALL_ID, status: 42 }));
    if (!path.startsWith('/apps/api/v1/')) return res.writeHead(404).end();
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = req.method === 'GET' ? undefined : Buffer.concat(chunks);
    const request = new Request(`${origin}${req.url}`, { method: req.method, headers: req.headers, body });
    const response =
      (await getResponse(mock.handlers, request)) ?? Response.json({ message: 'Resource not found' }, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${site.address().port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => site.close(resolve));
});

/** The page, with every console error and uncaught exception collected. */
async function open(path) {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(`${origin}${path}`);
  return { tab, problems };
}

const added = (before, after) => after.filter((name) => !before.includes(name)).sort();

for (const [file, path, atOnce] of [
  // The script tag's modules load once a widget is in the document (after <head>); the standalone
  // file runs all its code at once.
  ['ccai-widgets.js', '/twice.html', []],
  ['ccai-widgets.standalone.js', '/twice-standalone.html', LIT_GLOBALS],
]) {
  test(`${file}, loaded twice and used, adds only Lit’s shared globals to window, and the README names them`, async () => {
    mock.reset();
    const { tab, problems } = await open(path);

    // Used: a callback booked (phone metadata, the request schemas, storage), its live status, the flags.
    await tab.getByRole('checkbox', { name: 'Bad actor' }).waitFor();
    await tab.getByText('Call ended', { exact: true }).waitFor();
    await tab.getByLabel('Phone number').fill('(201) 555-0123');
    await tab.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
    await tab.getByRole('button', { name: 'Schedule call' }).click();
    await tab.getByText('Your call is scheduled for').waitFor();
    await tab.getByText('Scheduled', { exact: true }).waitFor();

    const [initial, once, twice] = await tab.evaluate(() => snapshots);
    const now = await tab.evaluate(() => Object.getOwnPropertyNames(globalThis));
    assert.deepEqual(added(initial, once), atOnce, 'the first load');
    assert.deepEqual(added(once, twice), [], 'the second load');
    assert.deepEqual(added(initial, now), LIT_GLOBALS, 'after the widgets were used');
    assert.ok(!now.includes('CcaiWidgets') && !now.some((name) => name.startsWith('__zod')));
    for (const name of LIT_GLOBALS) assert.ok(readme.includes(`\`${name}\``), `the README names ${name}`);
    assert.deepEqual(problems, []);
    await tab.close();
  });
}

for (const suffix of ['', '-standalone']) {
  test(`a host page’s zod config (customError, localeError, jitless, postProcessor) neither reaches our schemas nor is changed by them${suffix && ' (standalone)'}`, async () => {
    const seen = {};
    for (const path of [`/zod${suffix}.html`, `/host-zod${suffix}.html`]) {
      const { tab, problems } = await open(path);
      await tab.getByText('Call ended', { exact: true }).waitFor(); // call 514, read and parsed as usual
      await tab.waitForFunction(() => errors.length > 0);
      seen[path] = await tab.evaluate(() => ({
        errors,
        host:
          typeof hostZod === 'undefined'
            ? undefined
            : {
                same: globalThis.__zod_globalConfig === hostZod,
                unchanged:
                  Object.entries(hostZod).length === hostZodBefore.length &&
                  hostZodBefore.every(([key, value]) => hostZod[key] === value),
                postProcessed: hostZod.seen.length,
              },
      }));
      assert.deepEqual(problems, []);
      await tab.close();
    }
    assert.match(seen[`/zod${suffix}.html`].errors[0], /^Unexpected response at status: /);
    assert.deepEqual(
      seen[`/host-zod${suffix}.html`].errors,
      seen[`/zod${suffix}.html`].errors,
      'our own validation message, not the host’s',
    );
    assert.deepEqual(
      seen[`/host-zod${suffix}.html`].host,
      { same: true, unchanged: true, postProcessed: 0 },
      'the host’s object untouched, its post-processor never run on our schemas',
    );
  });
}
