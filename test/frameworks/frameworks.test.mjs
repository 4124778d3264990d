// The packed tarball in tiny React 19, Vue 3, Svelte 5 and Angular apps (test/frameworks/<app>), as
// an integrator uses it: installed from the tarball, one import, no declarations of the app's own.
// Each app is type-checked with its framework's checker (tsc, vue-tsc, svelte-check, Angular's ngc
// in strict template mode), the typings must refuse a made-up attribute and a wrong payload (Angular:
// a wrong payload; its CUSTOM_ELEMENTS_SCHEMA checks no attribute, so the templates' names are
// checked against custom-elements.json here), and each builds for production with Vite; the React
// and Angular apps then run in Chromium and book a call through the mock.
//
// Where the apps' dependencies come from: the project's devDependencies (react, react-dom, vue,
// svelte, @angular/*, their Vite plugins and checkers), installed by `npm ci` with everything else and found by
// walking up from `tmp/frameworks/`, where the apps are laid out. No install at test time: no
// registry round trips, nothing that a flaky network or a new release can break, and the versions
// tested are the lockfile's. ccai-widgets itself is unpacked from the tarball into each app's own
// `node_modules`, as `npm install ./ccai-widgets-x.tgz` lays it out, so nothing resolves to the
// project's sources. Each app has a package.json of its own: without it, the apps (laid out inside
// this package) resolve `ccai-widgets/…` to this package's `dist/` by its own name, not to the
// tarball. Run after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { getResponse } from 'msw';
import { chromium } from 'playwright-core';
import { createCallsApiMock } from 'ccai-widgets/mock';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { installInto, pack, root } from '../../scripts/pack.mjs';
import { ngcErrors, unknownBindings } from './angular-checks.mjs';
import { startChain } from '../node/gateway-harness.mjs';

const run = promisify(execFile);
const bin = (name) => join(root, 'node_modules', '.bin', name);
// Not under node_modules: svelte-check skips every file there. `tmp/` is git-ignored.
const apps = join(root, 'tmp', 'frameworks');

/** Runs a tool in an app's folder; on failure, its output is the assertion's message. */
async function inApp(app, command, args) {
  try {
    return await run(bin(command), args, { cwd: join(apps, app), maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    assert.fail(`${command} ${args.join(' ')} in the ${app} app failed:\n${error.stdout}\n${error.stderr}`);
  }
}

before(async () => {
  const { tarball } = await pack();
  await rm(apps, { recursive: true, force: true });
  for (const app of ['react', 'vue', 'svelte', 'angular']) {
    await cp(new URL(`./${app}`, import.meta.url), join(apps, app), { recursive: true });
    await installInto(tarball, join(apps, app));
  }
});

test('React 19: the tags type-check with their attributes, properties and on… event props, and the app builds', async () => {
  await inApp('react', 'tsc', ['-p', '.']);
  await inApp('react', 'vite', ['build']);
});

test('Vue 3: vue-tsc refuses an unknown prop and types event payloads, and the app builds', async () => {
  await inApp('vue', 'vue-tsc', ['-p', '.']);
  await inApp('vue', 'vite', ['build']);
});

test('Svelte 5: svelte-check passes the app, refuses a wrong type, an unknown payload field and made-up names, and the app builds', async () => {
  // The five mistakes of src/Checks.svelte, and nothing else, are reported (markup has no expect-error):
  // the standard attributes, events and property names on its other tags are taken.
  const { stdout } = await run(bin('svelte-check'), ['--output', 'machine', '--tsconfig', './tsconfig.json'], {
    cwd: join(apps, 'svelte'),
  }).catch((error) => error);
  const errors = stdout.split('\n').filter((line) => / ERROR /.test(line));
  assert.equal(errors.filter((line) => !line.includes('src/Checks.svelte')).length, 0, errors.join('\n'));
  assert.equal(errors.length, 5, errors.join('\n'));
  assert.match(errors[0], /"src\/Checks.svelte" 7:\d+ "Type 'number' is not assignable to type 'string \| string\[\]/);
  assert.match(errors[1], /"src\/Checks.svelte" 8:\d+ "Property 'nope' does not exist/);
  assert.match(errors[2], /"src\/Checks.svelte" 9:\d+ .*'\\"calId\\"' does not exist/);
  assert.match(errors[3], /"src\/Checks.svelte" 10:\d+ .*'\\"menu-idd\\"' does not exist/);
  assert.match(errors[4], /"src\/Checks.svelte" 11:\d+ .*'\\"onccai-call-schedule\\"' does not exist/);
  await inApp('svelte', 'vite', ['build']);
});

/**
 * ngc on src/checks.component.ts (tsconfig.checks.json), which must fail: its output. Started by
 * the first Angular test, so that it runs on the other core while that test compiles and builds.
 */
let angularChecks;
const compileAngularChecks = () =>
  (angularChecks ??= run(bin('ngc'), ['-p', 'tsconfig.checks.json'], { cwd: join(apps, 'angular') }).then(
    () => assert.fail('ngc accepted src/checks.component.ts'),
    (error) => `${error.stdout}\n${error.stderr}`,
  ));

test('Angular: ngc compiles the README’s component in strict template mode, and its AOT output builds for production', async () => {
  compileAngularChecks().catch(() => {});
  await inApp('angular', 'ngc', ['-p', '.']);
  // Linked and built without the JIT compiler: no partial declaration is left for the page to compile.
  await inApp('angular', 'vite', ['build']);
  const out = join(apps, 'angular', 'dist', 'assets');
  const scripts = await Promise.all((await readdir(out)).map((file) => readFile(join(out, file), 'utf8')));
  assert.ok(scripts.some((code) => code.includes('ccai-call-scheduled')));
  assert.ok(!scripts.some((code) => code.includes('ngDeclare')), 'an Angular declaration was left unlinked');
});

test('Angular: with strictTemplates, $event of a (ccai-…) binding has the package’s event type', async () => {
  // src/checks.component.ts reads a field the detail lacks, and .detail of a misspelled event.
  const errors = ngcErrors(await compileAngularChecks());
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors[0], /^src\/checks.component.ts:13: TS2339 Property 'nope' does not exist on type '\{ call: /);
  assert.match(errors[1], /^src\/checks.component.ts:14: TS2339 Property 'detail' does not exist on type 'Event'/);
});

test('Angular: the names the templates bind on <ccai-…> tags are the attributes, properties and events of custom-elements.json', async () => {
  const app = join(apps, 'angular');
  // The manifest the tarball ships.
  const manifest = JSON.parse(
    await readFile(join(app, 'node_modules', 'ccai-widgets', 'custom-elements.json'), 'utf8'),
  );
  const unknownIn = async (file) => unknownBindings(await readFile(join(app, file), 'utf8'), manifest);
  assert.deepEqual(await unknownIn('src/support.component.ts'), []);
  // The misspelled event that ngc refused for its $event (line 14), and what it let through (the last tag).
  assert.deepEqual(await unknownIn('src/checks.component.ts'), [
    '<ccai-schedule-call> (ccai-call-schedule): no such event',
    '<ccai-schedule-call> menuid: no such attribute',
    '<ccai-schedule-call> [language]: no such property',
    '<ccai-schedule-call> (ccai-call-cancel): no such event',
  ]);
});

/**
 * A site on a free port: `files(path)` answers what it has ({ type, body }); the Calls API is the
 * mock's (HEAD, which the form sends to learn the server's time, answers 204). Booking requests'
 * bodies are kept in `bookings`.
 */
async function serve(mock, files, { gateway } = {}) {
  const bookings = [];
  let origin;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'HEAD' || path === '/favicon.ico') return res.writeHead(204).end();
    if (path.startsWith('/apps/api/v1/')) {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = req.method === 'GET' ? undefined : Buffer.concat(chunks);
      if (req.method === 'POST' && path === '/apps/api/v1/calls') bookings.push(JSON.parse(body.toString()));
      const request = new Request(`${origin}${req.url}`, { method: req.method, headers: req.headers, body });
      // Through `ccai-gateway` (the site forwards its API path to it, as a reverse proxy would), else the mock.
      const cut = new AbortController();
      res.on('close', () => cut.abort());
      const response = gateway
        ? await fetch(new Request(`${gateway()}${req.url}`, request), { signal: cut.signal })
        : ((await getResponse(mock.handlers, request)) ??
          Response.json({ message: 'Resource not found' }, { status: 404 }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      // Streamed as it comes: the gateway's live status is an open event stream.
      if (!response.body) return res.end();
      return Readable.fromWeb(response.body)
        .on('error', () => res.destroy())
        .pipe(res);
    }
    const file = await files(path);
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file.type }).end(file.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    bookings,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

/** A tab on `url`, with every console error, uncaught exception and failed response collected. */
async function open(browser, url) {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  tab.on('pageerror', (error) => problems.push(error.message));
  tab.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
  await tab.goto(url);
  return { tab, problems };
}

/** Books a call as a visitor does, by the form's labels. */
async function book(tab, { consent = false } = {}) {
  await tab.getByLabel('Phone number').fill('(201) 555-0123');
  await tab.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
  if (consent) await tab.getByLabel('Allow this call to be recorded').check();
  await tab.getByRole('button', { name: 'Schedule call' }).click();
  await tab.getByText('Your call is scheduled for').waitFor();
}

/** An app's production build (`dist/`, made by its test above) served with the mock. */
function serveBuilt(app, mock) {
  const out = join(apps, app, 'dist');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  return serve(mock, async (path) => {
    const file = path === '/' ? 'index.html' : path.slice(1);
    const body = await readFile(join(out, file)).catch(() => undefined);
    return body && { type: types[extname(file)] ?? 'application/octet-stream', body };
  });
}

/** An app's production build served with a fresh mock, open in Chromium; closed after the test `t`. */
async function openBuilt(t, app) {
  const mock = createCallsApiMock();
  const site = await serveBuilt(app, mock);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  t.after(async () => {
    await browser.close();
    await site.close();
  });
  return { mock, site, ...(await open(browser, site.origin)) };
}

test('the React app, built, books a call through the mock in Chromium', async (t) => {
  const { mock, site, tab, problems } = await openBuilt(t, 'react');

  // languages="en,ja" reached the element as a string property: the form offers both.
  await tab.getByLabel('Language').waitFor();
  await book(tab, { consent: true });

  // The event's call.id went straight into <ccai-call-status call-id> and <ccai-customer-flags>.
  const booked = Number(await tab.locator('#booked').textContent());
  const scheduled = Object.values(mock.world.calls).filter((call) => call.status === 'scheduled');
  assert.deepEqual(
    scheduled.map((call) => call.id),
    [booked],
  );
  // The bare `recording-consent` JSX attribute reached the element: the consent box was there, and sent.
  assert.equal(site.bookings.length, 1);
  assert.equal(site.bookings[0].recording_permission, 'recording_permission_granted');
  const shown = await tab.evaluate(() =>
    ['ccai-call-status', 'ccai-customer-flags'].map((tag) => document.querySelector(`main > ${tag}`)?.callId),
  );
  assert.deepEqual(shown, [booked, booked]);
  await tab.getByRole('checkbox', { name: 'Bad actor' }).waitFor();
  assert.deepEqual(problems, []);
});

test('the Angular app, built, books a call through the mock in Chromium', async (t) => {
  const { mock, tab, problems } = await openBuilt(t, 'angular');

  // [languages]="['en', 'ja']" set the property: the form offers both.
  await tab.getByLabel('Language').waitFor();
  await book(tab);

  // (ccai-call-scheduled)'s $event.detail.call.id went into the component, and from it into
  // <ccai-call-status [callId]>, which shows the booked call.
  const [booked, ...others] = Object.values(mock.world.calls).filter((call) => call.status === 'scheduled');
  assert.equal(others.length, 0);
  const status = tab.locator('app-support > ccai-call-status');
  await status.getByText('Scheduled', { exact: true }).waitFor();
  assert.equal(await status.evaluate((element) => element.callId), booked.id);
  assert.deepEqual(problems, []);
});

/** The README's snippets marked `<!-- tested: test/frameworks/<app> -->`, by app. */
async function readmeSnippets() {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const snippets = [];
  for (const [, app, code] of readme.matchAll(/<!-- tested: test\/frameworks\/(\w+) -->\n```\w*\n([\s\S]*?)\n```/g))
    snippets.push({ app, code });
  return snippets;
}

/** Every source file of an app, as one text without white space. */
async function appText(app) {
  const dir = new URL(`./${app}/`, import.meta.url);
  const files = (await readdir(dir, { recursive: true })).filter((file) => /\.(tsx?|vue|svelte|mjs|html)$/.test(file));
  const texts = await Promise.all(files.map((file) => readFile(new URL(file, dir), 'utf8')));
  return texts.join('\n').replace(/\s+/g, '');
}

test('the README’s Angular snippet is the tested component, byte for byte', async () => {
  const snippets = (await readmeSnippets()).filter(({ app }) => app === 'angular');
  const component = await readFile(new URL('./angular/src/support.component.ts', import.meta.url), 'utf8');
  assert.deepEqual(
    snippets.map(({ code }) => `${code}\n`),
    [component],
  );
});

test('the README’s React, Vue and Svelte snippets are what the tested apps contain', async () => {
  const snippets = (await readmeSnippets()).filter(({ app }) => app !== 'html' && app !== 'angular');
  assert.deepEqual([...new Set(snippets.map(({ app }) => app))].sort(), ['react', 'svelte', 'vue']);
  for (const { app, code } of snippets) {
    const text = await appText(app);
    for (const line of code.split('\n')) {
      // A line's trailing `// comment` explains the snippet; the code before it must be in the app.
      const squeezed = line
        .replace(/\s\/\/ .*$/, '')
        .replace(/^\/\/ .*$/, '')
        .replace(/\s+/g, '');
      if (squeezed) assert.ok(text.includes(squeezed), `${app}: the README's line "${line.trim()}" is not in the app`);
    }
  }
});

test('the README’s plain HTML snippet, with the built script tag behind ccai-gateway, shows the booked call’s status', async (t) => {
  const [{ code }] = (await readmeSnippets()).filter(({ app }) => app === 'html');
  // The snippet as written, its script served from here instead of unpkg; slots at any hour for the test.
  const html = code
    .replace('https://unpkg.com/ccai-widgets/dist/', '/')
    .replace('<ccai-schedule-call ', '<ccai-schedule-call days="mon-sun" hours="00:00-23:45" default-country="US" ');
  // The site's API path goes to a real gateway in front of the mock tenant: the call's read needs
  // the capability that the snippet hands the status element (without it: "We could not find this call").
  let chain;
  const site = await serve(
    null,
    async (path) => {
      if (path === '/')
        return { type: 'text/html', body: `<!doctype html><html lang="en"><title>Support</title>${html}` };
      if (/^\/ccai-widgets(\.chunks\/[\w-]+)?\.js$/.test(path))
        return { type: 'text/javascript', body: await readFile(join(root, 'dist', path.slice(1))) };
    },
    { gateway: () => chain.url },
  );
  chain = await startChain({ origins: [site.origin] });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  t.after(async () => {
    await browser.close();
    await site.close();
    await chain.close();
  });
  const { tab, problems } = await open(browser, site.origin);
  await book(tab);
  const booked = Object.values(chain.tenant.mock.world.calls).find((call) => call.status === 'scheduled');
  await tab.locator('body > ccai-call-status').getByText('Scheduled', { exact: true }).waitFor();
  assert.equal(await tab.evaluate(() => document.querySelector('body > ccai-call-status').callId), booked.id);
  assert.deepEqual(problems, []);
});

after(async () => {
  await rm(apps, { recursive: true, force: true });
});
