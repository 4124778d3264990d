// `npm run audit`: Lighthouse's accessibility audit of the built demo (`dist-demo/`, from
// `npm run build:demo`) in Debian's Chromium — in English, in Japanese and in the dark theme.
// Prints each page's score and every failing audit with the nodes at fault; exits 1 when any page
// scores below 1.0. `CHROMIUM_PATH` picks another browser.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = new URL('../dist-demo/', import.meta.url);
const PAGES = ['/', '/?lang=ja', '/?theme=dark', '/?lang=ja&theme=dark'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A static server for `dist-demo/` on localhost (a secure context, so the mock's service worker may register). */
function serve() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname.replace(/\/$/, '/index.html');
    try {
      const body = await readFile(new URL(`.${decodeURIComponent(path)}`, root));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, 'localhost', () => resolve(server)));
}

/** Why an audit failed, with the first few nodes it names. */
function describeFailure(audit) {
  const items = audit.details?.items ?? [];
  const nodes = items
    .slice(0, 5)
    .map(
      (item) =>
        `      ${item.node?.selector ?? ''}  ${item.node?.snippet ?? ''}\n        ${item.node?.explanation?.replaceAll('\n', '\n        ') ?? ''}`,
    );
  return [
    `  ✗ ${audit.id}: ${audit.title}`,
    ...nodes,
    ...(items.length > 5 ? [`      … and ${items.length - 5} more`] : []),
  ].join('\n');
}

try {
  await readFile(new URL('index.html', root));
} catch {
  console.error('dist-demo/ is missing: run `npm run build:demo` first.');
  process.exit(2);
}

const server = await serve();
const origin = `http://localhost:${server.address().port}`;
const chrome = await launch({
  chromePath: chromiumPath,
  chromeFlags: ['--headless', ...chromiumArgs],
});

let worst = 1;
try {
  for (const page of PAGES) {
    const result = await lighthouse(`${origin}${page}`, {
      port: chrome.port,
      onlyCategories: ['accessibility'],
      logLevel: 'error',
      output: 'json',
    });
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`${page}: ${runtimeError.code} ${runtimeError.message}`);
    // The page has no <select> of its own: if axe passed `select-name`, it audited the schedule form inside its shadow root.
    if (!result.artifacts.Accessibility.passes.some((rule) => rule.id === 'select-name')) {
      throw new Error(`${page}: the widgets did not render (is mockServiceWorker.js in dist-demo/?)`);
    }
    const score = categories.accessibility.score ?? 0;
    worst = Math.min(worst, score);
    console.log(`accessibility ${score.toFixed(2)}  ${page}`);
    const failing = categories.accessibility.auditRefs
      .map((ref) => audits[ref.id])
      .filter((audit) => audit.scoreDisplayMode === 'binary' && audit.score !== 1);
    for (const audit of failing) console.log(describeFailure(audit));
  }
} finally {
  await chrome.kill();
  server.close();
}

if (worst < 1) {
  console.error(`Lighthouse accessibility score below 1.0 (lowest ${worst.toFixed(2)})`);
  process.exit(1);
}
