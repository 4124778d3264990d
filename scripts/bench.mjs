/**
 * `npm run bench`: how fast the built widgets are, each beside its floor — a plain Lit element
 * rendering the same native controls with no logic — in one page of headless Chromium, same run.
 *
 * 1. `bench/page.js` is bundled the way a site would ship it (Vite, production: Lit without its dev
 *    mode, minified) with the BUILT library (`dist/`, bare imports resolved from node_modules).
 * 2. A local server serves it cross-origin isolated (so `performance.now()` has 5 µs resolution).
 * 3. Debian's Chromium runs each measurement `WARMUP` times unreported, then `RUNS` times, the
 *    element and its two floors taking turns to go first; medians are reported, with the ratios.
 *
 * The floors (see `bench/page.js`) render the markup the element rendered — same labels, classes,
 * parts and option lists (lists rendered from data with `map`) — with the element's stylesheets
 * ("styled", the floor the target is held to) or without any ("bare").
 *
 * Measured: time to first render of each element (create → `updateComplete` → the next frame
 * painted; `<ccai-customer-flags>` paints its three boxes, disabled and not yet known, while its GET
 * is still out, and its floors render that loading markup), 100 schedule forms mounted at once, and
 * validation per keystroke (typing a phone number into a form whose error is shown, metadata
 * loaded). One informational row more: `<ccai-customer-flags>` until its boxes carry the data, with
 * a client whose `fetch` answers at once (so it includes the browser reading that `Response` and
 * the element's second render), beside floors that render the loaded markup at once; its ratio is
 * printed but not held to the target (the floors make no request). Timing is not asserted anywhere
 * (`--check` exits 1 when a row that is held to the target is over it, for a human who asks).
 * `BENCH_RUNS=n` changes `RUNS`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { build } from 'vite';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 5;
/** Fresh pages per subject for the cold first render. */
const COLD_RUNS = 7;
const FORMS = 100;
const TARGET = 1.5;
const root = fileURLToPath(new URL('..', import.meta.url));

/** Serves the page and the bundle from `dir`, cross-origin isolated. */
async function serve(dir) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ccai-widgets bench</title></head>
<body><main id="stage"></main><script type="module">import * as bench from '/page.js'; window.bench = bench;</script></body></html>`;
  const http = createServer(async (req, res) => {
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/') return res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    try {
      const body = await readFile(join(dir, path.replace(/^\/+/, '').replaceAll('..', '')));
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${http.address().port}/`, close: () => http.close() };
}

async function openPage(browser, url) {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => /dev mode/i.test(message.text()) && problems.push(`Lit dev mode: ${message.text()}`));
  await page.goto(url);
  await page.waitForFunction(() => window.bench);
  if (!(await page.evaluate(() => crossOriginIsolated)))
    throw new Error('the bench page is not cross-origin isolated: coarse timers');
  const setup = await page.evaluate(() => window.bench.setup());
  console.log(
    `<ccai-schedule-call> renders (its floors the same): ${setup.form}\n  and while typed in: ${setup.typing}`,
  );
  return { page, problems, browser, url, shapes: setup.shapes };
}

/**
 * The first element a fresh page ever renders: module code, Lit's templates and `Intl` all cold.
 * With `datedPage`, the page has already formatted one date of its own before (as any page that
 * shows a date has), for every subject alike: the first `Intl` object of a page costs 15–30 ms
 * whatever its kind, a once-per-page cost this row then leaves out (informational, not held).
 */
async function coldFirstRender({ browser, url, shapes }, element, { datedPage = false } = {}) {
  const names = [element, `floor styled: ${element}`, `floor bare: ${element}`];
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const name of [...names.slice(run % 3), ...names.slice(0, run % 3)]) {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 800 },
        locale: 'en-US',
        timezoneId: 'America/New_York',
      });
      await page.goto(url);
      await page.waitForFunction(() => window.bench);
      await page.evaluate((shapes) => window.bench.useShapes(shapes), shapes);
      if (datedPage) await page.evaluate(() => new Date(0).toLocaleDateString());
      samples[name].push(await page.evaluate((name) => window.bench.firstRender(name), name));
      await page.close();
    }
  }
  return summarise(
    `first render, fresh page${datedPage ? ' that already showed a date' : ''}: <ccai-${element}>`,
    names,
    samples,
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Medians of each phase over the runs; the element and its two floors take turns going first. */
async function compare({ page, problems }, label, method, element, arg) {
  const names = [element, `floor styled: ${element}`, `floor bare: ${element}`];
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run < WARMUP + RUNS; run++) {
    for (const name of [...names.slice(run % 3), ...names.slice(0, run % 3)]) {
      const result = await page.evaluate(([method, name, arg]) => window.bench[method](name, arg), [method, name, arg]);
      if (run >= WARMUP) samples[name].push(...(result.samples ?? [result]));
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return summarise(label, names, samples);
}

function summarise(label, names, samples) {
  const medians = (list) =>
    Object.fromEntries(Object.keys(list[0]).map((phase) => [phase, median(list.map((sample) => sample[phase]))]));
  const [ours, styled, bare] = names.map((name) => medians(samples[name]));
  const row = {
    label,
    ours,
    styled,
    bare,
    ratio: ours.total / styled.total,
    bareRatio: ours.total / bare.total,
    samples: samples[names[0]].length,
  };
  console.log(
    `  ${label}: ${ms(ours.total)} vs ${ms(styled.total)} styled (${row.ratio.toFixed(2)}×), ${ms(bare.total)} bare (${row.bareRatio.toFixed(2)}×)`,
  );
  return row;
}

async function measureAll(context) {
  console.log(`Measuring (${WARMUP} warm-up + ${RUNS} runs each)…`);
  const rows = [];
  for (const element of ['schedule-call', 'call-status', 'customer-flags']) {
    rows.push(await compare(context, `first render: <ccai-${element}>`, 'firstRender', element));
  }
  rows.push({
    ...(await compare(
      context,
      '<ccai-customer-flags>: flags shown after the answer',
      'firstRender',
      'customer-flags shown',
    )),
    informational: true,
  });
  rows.push(await coldFirstRender(context, 'schedule-call'));
  rows.push({ ...(await coldFirstRender(context, 'schedule-call', { datedPage: true })), informational: true });
  rows.push(await compare(context, `${FORMS} × <ccai-schedule-call> on one page`, 'manyForms', 'schedule-call', FORMS));
  rows.push(await compare(context, 'validation per keystroke (phone, error shown)', 'keystrokes', 'schedule-call'));
  return rows;
}

const ms = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;

function report(rows, { chromium }) {
  const facts = `Chromium ${chromium} headless, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  console.log(
    `\n${facts}; medians of ${RUNS} runs after ${WARMUP} warm-up runs in one page (keystrokes: ${rows.at(-1).samples}); fresh page: ${COLD_RUNS} pages each.\n`,
  );
  console.log(
    '| measurement | ccai-widgets | floor: same markup + CSS | ratio | target ≤ 1.5× | floor: same markup, no CSS | ratio |',
  );
  console.log('|---|--:|--:|--:|:-:|--:|--:|');
  for (const row of rows) {
    const verdict = row.ratio <= TARGET ? 'met' : 'over';
    const cells = [
      ms(row.ours.total),
      ms(row.styled.total),
      `${row.ratio.toFixed(2)}×`,
      row.informational ? `(${verdict}, not held)` : verdict,
      ms(row.bare.total),
      `${row.bareRatio.toFixed(2)}×`,
    ];
    console.log(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  console.log(
    '\nWhere the time goes (medians; create = construct + connect, update = to `updateComplete` (with the data shown for "flags shown"), frame = style, layout, paint):\n',
  );
  console.log(
    '| measurement | create | update | of which the injected fetch answering | frame | styled floor: create | update | frame |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const { label, ours, styled } of rows) {
    const cells = [ours.create, ours.update, ours.answer, ours.frame, styled.create, styled.update, styled.frame].map(
      (value) => (value === undefined ? '—' : ms(value)),
    );
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
}

async function main() {
  const out = await mkdtemp(join(tmpdir(), 'ccai-bench-'));
  let browser;
  let server;
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      mode: 'production',
      publicDir: false,
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        lib: { entry: join(root, 'bench/page.js'), formats: ['es'], fileName: 'page' },
        rolldownOptions: { output: { minify: true } },
      },
    });
    server = await serve(out);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        ...chromiumArgs,
        // Frames as soon as they are ready, not on a 60 Hz tick that would round every figure up to it.
        '--disable-frame-rate-limit',
        '--disable-gpu-vsync',
        // `gc()` between samples, outside the timed part, so one sample does not pay for another's garbage.
        '--js-flags=--expose-gc',
      ],
    });
    const results = await measureAll(await openPage(browser, server.url));
    report(results, { chromium: browser.version() });
    if (process.argv.includes('--check') && results.some((row) => !row.informational && row.ratio > TARGET))
      process.exitCode = 1;
  } finally {
    await browser?.close();
    server?.close();
    await rm(out, { recursive: true, force: true });
  }
}

await main();
