import { readFile } from 'node:fs/promises';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

/** MSW's worker must be served from the origin root to control the test pages. */
function mockServiceWorker() {
  return {
    name: 'msw-worker',
    async serve(context) {
      if (context.path === '/mockServiceWorker.js') {
        return { body: await readFile(new URL('./demo/mockServiceWorker.js', import.meta.url), 'utf8'), type: 'js' };
      }
    },
  };
}

const launchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', ...chromiumArgs],
};

/** Chromium whose pages all run in `timeZone` (a visitor's zone), whatever the machine's zone is. */
function chromiumIn(timeZone) {
  return chromeLauncher({
    launchOptions,
    async createPage({ context }) {
      const page = await context.newPage();
      await page.emulateTimezone(timeZone);
      return page;
    },
  });
}

export default {
  // test/tz runs only in its group, in the zone it is written for. A group runs on every `wtr`,
  // `--files` runs included (`--group default` leaves it out; `--group tz-tokyo` runs only it).
  files: ['test/**/*.test.ts', '!test/node/**', '!test/tz/**'],
  groups: [{ name: 'tz-tokyo', files: 'test/tz/**/*.test.ts', browsers: [chromiumIn('Asia/Tokyo')] }],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  // The client loads its zod schemas on first use; unbundled, that is ~60 modules, each through
  // MSW's service worker once a suite has started it (~2 s). Loaded with the page instead, before
  // any worker, as a bundle's single chunk would be: tests time the widgets, not the dev server.
  testRunnerHtml: (testFramework) =>
    `<html><body><script type="module" src="/src/core/schemas.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
  testsFinishTimeout: 900000,
  // On a machine whose cores are busy with other work (CI's may be), opening a page can take more
  // than the default 30 s; that is the machine, not a test.
  browserStartTimeout: 120000,
  plugins: [
    mockServiceWorker(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
  ],
  browsers: [chromeLauncher({ launchOptions })],
};
