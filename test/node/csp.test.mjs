// Under the strictest usual Content-Security-Policy — `default-src 'self'; script-src 'self';
// style-src 'self'`: no inline script or style, no eval — the three elements must render, be
// styled and work, and the browser must report no violation. One origin serves the page, the
// widgets and the Calls API (the built mock), so the API falls under `connect-src` 'self'.
// Run after `npm run build`: the script tag self-hosted (the loader and its modules under
// `script-src 'self'`), the script tag from a CDN on another origin (`script-src` naming it; the
// CDN answers CORS as unpkg and jsDelivr do), the standalone file, and the ESM build (bundled as an
// integrator's bundler would, its lazy phone chunk kept apart) are all checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { createCallsApiMock } from 'ccai-widgets/mock';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'";
const ACCENT = 'rgb(11, 87, 208)'; // --_accent's light default, #0b57d0

/** Registered by the first script of each page, before any widget code runs (inline scripts are blocked). */
const LISTENER = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' + (event.sourceFile || '') + ':' + event.lineNumber);
});`;

const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
const standalone = await readFile(join(distDir, 'ccai-widgets.standalone.js'));

/** A file of `dist/` for a request path under `prefix`, or undefined (never outside `dist/`). */
async function distFile(path, prefix) {
  if (!path.startsWith(prefix)) return undefined;
  const file = normalize(join(distDir, decodeURIComponent(path.slice(prefix.length))));
  if (!file.startsWith(distDir) || !file.endsWith('.js')) return undefined;
  return readFile(file).catch(() => undefined);
}
/** The ESM build as a bundler ships it: `ccai-widgets` resolved through package.json `exports`, its lazy chunk split off. */
const esm = await build({
  configFile: false,
  logLevel: 'silent',
  build: {
    write: false,
    target: 'es2022',
    lib: { entry: fileURLToPath(import.meta.resolve('ccai-widgets')), formats: ['es'], fileName: 'index' },
  },
});
const esmFiles = new Map(
  [esm]
    .flat()
    .flatMap((bundle) => bundle.output)
    .map((file) => [`/esm/${file.fileName}`, file.code ?? file.source]),
);

const page = (widgets) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support</title>
<script src="/csp-listener.js"></script>${widgets}</head>
<body><main>
<ccai-schedule-call menu-id="9" days="mon-sun" hours="00:00-23:45" default-country="US"></ccai-schedule-call>
<ccai-call-status call-id="514"></ccai-call-status>
<ccai-customer-flags call-id="514"></ccai-customer-flags>
</main></body></html>`;

/** Where the "CDN" serves the package, as unpkg does: `/<name>@<version>/<file>`. */
const CDN_PATH = '/ccai-widgets@0.1.0/dist/';

const PAGES = {
  '/': page('<script src="/ccai-widgets.js"></script>'),
  '/cdn.html': () => page(`<script src="${cdn}${CDN_PATH}ccai-widgets.js"></script>`),
  '/standalone.html': page('<script src="/ccai-widgets.standalone.js"></script>'),
  '/esm.html': page('<script type="module" src="/esm/index.js"></script>'),
};

/** The page's policy: `'self'`, and for the CDN page the CDN's origin beside it. */
const policyFor = (path) =>
  path === '/cdn.html' ? POLICY.replace("script-src 'self'", `script-src 'self' ${cdn}`) : POLICY;

let mock, site, origin, cdnServer, cdn, browser;
/** Every script the CDN served, by path. */
const cdnServed = [];

before(async () => {
  mock = createCallsApiMock();
  site = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const headers = { 'Content-Security-Policy': policyFor(path) };
    const html = typeof PAGES[path] === 'function' ? PAGES[path]() : PAGES[path];
    if (html) return res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    if (path === '/csp-listener.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(LISTENER);
    if (path === '/ccai-widgets.standalone.js')
      return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(standalone);
    const own = await distFile(path, '/');
    if (own && !path.startsWith('/esm/')) return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(own);
    if (path === '/favicon.ico') return res.writeHead(204).end(); // a 404 would be a console error
    if (esmFiles.has(path)) return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(esmFiles.get(path));
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
  // The CDN: another origin (localhost, not 127.0.0.1), answering CORS for every file, as unpkg does.
  cdnServer = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = await distFile(path, CDN_PATH);
    if (!file) return res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
    cdnServed.push(path.slice(CDN_PATH.length));
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' }).end(file);
  });
  await new Promise((resolve) => cdnServer.listen(0, '127.0.0.1', resolve));
  cdn = `http://localhost:${cdnServer.address().port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => site.close(resolve));
  await new Promise((resolve) => cdnServer.close(resolve));
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

/** A computed style of the first element matching `selector` in `tag`'s shadow root. */
const shadowStyle = (tab, tag, selector, property) =>
  tab.evaluate(
    ([tag, selector, property]) =>
      getComputedStyle(document.querySelector(tag).shadowRoot.querySelector(selector))[property],
    [tag, selector, property],
  );

for (const [shipped, path] of [
  ["the script tag, self-hosted under script-src 'self'", '/'],
  ['the script tag from a CDN on another origin', '/cdn.html'],
  ['the standalone script', '/standalone.html'],
  ['the ESM build', '/esm.html'],
]) {
  test(`with ${shipped}, the three elements render, are styled and work with no CSP violation`, async () => {
    mock.reset();
    const { tab, problems } = await open(path);

    // Rendered, and styled by their own sheets: the UA default button is grey, not the accent.
    await tab.getByRole('checkbox', { name: 'Bad actor' }).waitFor();
    await tab.getByText('Call ended', { exact: true }).waitFor();
    assert.equal(await shadowStyle(tab, 'ccai-schedule-call', 'button[type=submit]', 'backgroundColor'), ACCENT);
    assert.equal(await shadowStyle(tab, 'ccai-schedule-call', 'select', 'borderRadius'), '8px');
    assert.equal(await shadowStyle(tab, 'ccai-call-status', '.base', 'display'), 'grid');
    assert.equal(await shadowStyle(tab, 'ccai-customer-flags', 'label', 'display'), 'flex');

    // Works: a callback booked by the labels, its live status shown; a flag toggled and saved.
    await tab.getByLabel('Phone number').fill('(201) 555-0123');
    await tab.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
    await tab.getByRole('button', { name: 'Schedule call' }).click();
    await tab.getByText('Your call is scheduled for').waitFor();
    await tab.getByText('Scheduled', { exact: true }).waitFor();
    assert.equal(Object.values(mock.world.calls).filter((call) => call.status === 'scheduled').length, 1);

    await tab.getByRole('checkbox', { name: 'Bad actor' }).check();
    await tab.waitForFunction(
      () => !document.querySelector('ccai-customer-flags').shadowRoot.querySelector('[aria-disabled=true]'),
    );
    assert.equal(mock.world.flags[514]?.bad_actor, true);

    assert.deepEqual(await tab.evaluate(() => window.cspViolations), []);
    assert.deepEqual(problems, []);
    if (path === '/cdn.html') {
      // Resolved from the script's own URL: the modules came from the CDN, under its version path.
      assert.ok(cdnServed.includes('ccai-widgets.js'));
      assert.ok(cdnServed.includes('ccai-widgets.chunks/elements.js'));
      assert.ok(cdnServed.some((file) => /^ccai-widgets\.chunks\/phone-input-[\w-]+\.js$/.test(file)));
    }
    await tab.close();
  });
}

test('the script tag on a page without a widget loads nothing more, and registers the elements when one is added', async () => {
  PAGES['/empty.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title>
<script src="/csp-listener.js"></script><script src="/ccai-widgets.js"></script></head><body><main></main></body></html>`;
  const { tab, problems } = await open('/empty.html');
  const scripts = [];
  tab.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await tab.waitForLoadState('networkidle');
  assert.deepEqual(scripts, [], 'no module requested without a widget');
  assert.equal(await tab.evaluate(() => customElements.get('ccai-call-status')), undefined);

  await tab.evaluate(() => {
    const status = document.createElement('ccai-call-status');
    status.setAttribute('call-id', '514');
    document.querySelector('main').append(status);
  });
  await tab.getByText('Call ended', { exact: true }).waitFor();
  assert.ok(
    await tab.evaluate(() => ['ccai-schedule-call', 'ccai-customer-flags'].every((tag) => customElements.get(tag))),
  );
  assert.ok(scripts.includes('/ccai-widgets.chunks/elements.js'));
  assert.ok(!scripts.some((path) => /phone-input|checks/.test(path)), 'no form code before the form is used');
  assert.deepEqual(await tab.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await tab.close();
});

test('the script tag on a page whose widgets are not used loads the elements module alone; each use loads its part', async () => {
  PAGES['/unused.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Support</title>
<script src="/csp-listener.js"></script><script src="/ccai-widgets.js"></script></head><body><main>
<ccai-schedule-call menu-id="9" days="mon-sun" hours="00:00-23:45" default-country="US"></ccai-schedule-call>
<ccai-call-status></ccai-call-status>
<ccai-customer-flags></ccai-customer-flags>
</main></body></html>`;
  mock.reset();
  const tab = await browser.newPage();
  const problems = [];
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  tab.on('pageerror', (error) => problems.push(error.message));
  const scripts = [];
  const api = [];
  tab.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    // A chunk by its name, without its hash.
    if (request.resourceType() === 'script')
      scripts.push(path.replace(/^(\/ccai-widgets\.chunks\/.+)-[\w-]{8}\.js$/, '$1'));
    if (path.startsWith('/apps/')) api.push(path);
  });
  await tab.goto(`${origin}/unused.html`);
  await tab.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().waitFor();
  await tab.waitForLoadState('networkidle');
  // The form's labels are there, from the copy that loads with the page.
  await tab.getByLabel('Phone number').waitFor();
  assert.deepEqual(scripts, ['/csp-listener.js', '/ccai-widgets.js', '/ccai-widgets.chunks/elements.js']);
  assert.deepEqual(api, [], 'nothing asked of the API before use');

  // A status given a call id: its polling, the client and the rest of the copy.
  await tab.evaluate(() => document.querySelector('ccai-call-status').setAttribute('call-id', '514'));
  await tab.getByText('Call ended', { exact: true }).waitFor();
  for (const part of ['live', 'client', 'en-later'])
    assert.ok(scripts.includes(`/ccai-widgets.chunks/${part}`), `${part} once a status has a call id`);
  assert.ok(!scripts.some((path) => /phone-input|checks/.test(path)), 'no form code before the form is used');

  // The form's first use: its checks and phone metadata.
  await tab.getByLabel('Phone number').focus();
  await tab.waitForFunction(() =>
    performance.getEntriesByType('resource').some((entry) => /phone-input-/.test(entry.name)),
  );
  assert.deepEqual(await tab.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await tab.close();
});

test('the violation listener does catch a violation (so the test above can fail)', async () => {
  const { tab, problems } = await open('/');
  await tab.getByRole('button', { name: 'Schedule call' }).waitFor();
  await tab.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'main { color: red }';
    document.head.append(style);
  });
  await tab.waitForFunction(() => window.cspViolations.length > 0);
  assert.match((await tab.evaluate(() => window.cspViolations))[0], /^style-src/);
  assert.ok(
    problems.some((text) => text.includes('Content Security Policy')),
    'the console reports it too',
  );
  await tab.close();
});
