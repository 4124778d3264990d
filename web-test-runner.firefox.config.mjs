// `npm run test:firefox`: the same browser suite in Debian's firefox-esr, driven over WebDriver BiDi
// by puppeteer-core (already installed with the Chromium launcher; no browser download).
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import base from './web-test-runner.config.mjs';

export default {
  ...base,
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
