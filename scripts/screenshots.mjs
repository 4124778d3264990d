// `npm run screenshots`: the demo in English and Japanese, light and dark, for the README.
// Serves demo/ with Vite and drives Debian's Chromium (CHROMIUM_PATH to override).
//
// The pictures are only as good as the machine's fonts: Chromium draws an empty box for a glyph
// no installed font has. So the script refuses to run without a Japanese font and a colour emoji
// font (the header's 🔑), as fontconfig lists them (Debian: fonts-noto-cjk, fonts-noto-color-emoji).
// The page's clock starts at one fixed instant, so that taking them again changes what the UI
// changed, not the dates the form offers; and each is taken once the page has finished loading
// (the form drawn, the flags read, the fonts ready), not while a part still says "Loading…".
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

/** A Tuesday evening in New York (the demo's opening hours), Wednesday morning in Tokyo (the visitor's). */
const PAGE_TIME = new Date('2026-12-01T20:00:00-05:00');

/** What each language's pictures need a font for, as a fontconfig pattern. */
const FONTS = [
  { need: 'a Japanese font', pattern: ':lang=ja', debian: 'fonts-noto-cjk' },
  { need: 'a font with the 🔑 emoji', pattern: ':charset=1f511', debian: 'fonts-noto-color-emoji' },
];

const COPY = {
  en: { submit: 'Schedule call', flag: 'Verified customer' },
  ja: { submit: '通話を予約', flag: '確認済みの顧客' },
};

const run = promisify(execFile);
for (const { need, pattern, debian } of FONTS) {
  const { stdout } = await run('fc-list', [pattern, 'family']).catch(() => ({ stdout: '' }));
  if (!stdout.trim()) {
    console.error(`screenshots: no ${need} is installed (fc-list '${pattern}' lists none); on Debian: ${debian}`);
    process.exit(1);
  }
}

const server = await createServer({ logLevel: 'error', server: { port: 0 } });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
});
await mkdir('docs', { recursive: true });
try {
  for (const lang of ['en', 'ja']) {
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage({
        viewport: { width: 1200, height: 900 },
        colorScheme: theme,
        locale: lang === 'ja' ? 'ja-JP' : 'en-US',
        timezoneId: 'Asia/Tokyo',
      });
      await page.clock.install({ time: PAGE_TIME });
      await page.goto(`${base}?lang=${lang}&theme=${theme}`);
      await page.getByRole('button', { name: COPY[lang].submit }).waitFor();
      // The flags' boxes are there, disabled, while they load.
      await page.getByRole('checkbox', { name: COPY[lang].flag, disabled: false }).waitFor();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `docs/demo-${lang}-${theme}.png` });
      await page.close();
      console.log(`docs/demo-${lang}-${theme}.png`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
