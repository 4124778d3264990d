// `npm run test:firefox`: the same browser suite in Debian's firefox-esr, driven over WebDriver BiDi
// by puppeteer-core (already installed with the Chromium launcher; no browser download).
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import base from './web-test-runner.config.mjs';

export default {
  ...base,
  // The accessibility suite emulates dark mode and reduced motion through the Chrome DevTools
  // Protocol (`emulateMedia`), which this Firefox driver does not offer; it runs in Chromium only.
  files: [...base.files, '!test/elements/shared/a11y.test.ts'],
  concurrency: 1,
  groups: undefined,
  browsers: [
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
        extraPrefsFirefox: { 'dom.serviceWorkers.testing.enabled': true },
      },
    }),
  ],
};
