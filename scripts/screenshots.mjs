// `npm run screenshots`: the demo in English and Japanese, light and dark, for the README.
// Serves demo/ with Vite and drives Debian's Chromium (CHROMIUM_PATH to override).
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

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
      await page.goto(`${base}?lang=${lang}&theme=${theme}`);
      await page.getByRole('checkbox', { name: lang === 'ja' ? '確認済みの顧客' : 'Verified customer' }).waitFor();
      await page.screenshot({ path: `docs/demo-${lang}-${theme}.png` });
      await page.close();
      console.log(`docs/demo-${lang}-${theme}.png`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
