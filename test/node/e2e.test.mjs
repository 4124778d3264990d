// End to end, as a website owner ships it: a plain HTML page with nothing but the single-file
// script and the elements, served from one origin, talking to a real HTTP server that implements
// the Calls API on another origin; driven in Chromium by labels and roles, as a visitor would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { startApiServer } from '../../scripts/api-server.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const script = await readFile(new URL('../../dist/ccai-widgets.standalone.js', import.meta.url));
let api, site, siteOrigin, browser;

before(async () => {
  api = await startApiServer();
  site = createServer((req, res) => {
    if (req.url === '/ccai-widgets.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    const lang = new URL(req.url, 'http://x').searchParams.get('lang') ?? 'en';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Support</title>
<script src="/ccai-widgets.js"></script><script src="/ccai-widgets.js"></script></head>
<body><main>
<ccai-schedule-call base-url="${api.origin}" menu-id="9" languages="en,ja" days="mon-sun" hours="00:00-23:45" default-country="US"></ccai-schedule-call>
<ccai-customer-flags base-url="${api.origin}" call-id="514"></ccai-customer-flags>
</main></body></html>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${site.address().port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
});

after(async () => {
  await browser?.close();
  await api?.close();
  await new Promise((resolve) => site.close(resolve));
});

async function open(lang = 'en') {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${siteOrigin}/?lang=${lang}`);
  return { page, problems };
}

test('a visitor books a callback, sees its status, and cancels it', async () => {
  const { page, problems } = await open();
  await page.getByLabel('Phone number').fill('(201) 555-0123');
  const time = page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first();
  const firstSlot = await time.getAttribute('value');
  await time.check();
  await page.getByRole('button', { name: 'Schedule call' }).click();
  await page.getByText('Your call is scheduled for').waitFor();
  await page.getByText('Scheduled', { exact: true }).waitFor();

  const posts = api.requests.filter((request) => request.method === 'POST');
  assert.equal(posts.length, 1);
  assert.deepEqual(JSON.parse(posts[0].body), {
    call_type: 'Voice Scheduled (API)',
    menu_id: 9,
    end_user_number: '+12015550123',
    scheduled_at: new Date(firstSlot).toISOString(),
    lang: 'en',
  });
  const created = Object.values(api.mock.world.calls).find((call) => call.status === 'scheduled');
  assert.equal(created.scheduled_at, new Date(firstSlot).toISOString());

  await page.getByRole('button', { name: 'Cancel call' }).click();
  await page.getByText('Your call has been cancelled.').waitFor();
  assert.equal(api.mock.world.calls[created.id].status, 'cancelled');
  assert.deepEqual(problems, []);
  await page.close();
});

test('invalid input is refused in the browser and sends nothing', async () => {
  const { page } = await open();
  const before = api.requests.filter((request) => request.method === 'POST').length;
  await page.getByLabel('Phone number').fill('123123');
  await page.getByRole('button', { name: 'Schedule call' }).click();
  await page.getByText('Please correct the highlighted fields.').waitFor();
  assert.equal(await page.getByLabel('Phone number').getAttribute('aria-invalid'), 'true');
  assert.equal(
    await page.evaluate(() => document.querySelector('ccai-schedule-call').shadowRoot.activeElement?.id),
    'phone',
    'focus on the first invalid field',
  );
  assert.equal(api.requests.filter((request) => request.method === 'POST').length, before, 'nothing was sent');
  await page.close();
});

test('an agent toggles a flag and the server keeps it', async () => {
  const { page, problems } = await open();
  const badActor = page.getByRole('checkbox', { name: 'Bad actor' });
  await badActor.check();
  for (let i = 0; i < 50 && !api.mock.world.flags[514]?.bad_actor; i++) await page.waitForTimeout(50);
  assert.equal(api.mock.world.flags[514].bad_actor, true);
  const patches = api.requests.filter(
    (request) => request.method === 'PATCH' && request.path.endsWith('/customer_flag'),
  );
  assert.deepEqual(
    patches.map((request) => JSON.parse(request.body)),
    [{ bad_actor: true }],
  );
  assert.equal(await badActor.isChecked(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the after-hours answer reaches the visitor in Japanese', async () => {
  api.mock.world.menus[9].state = 'after_hours';
  try {
    const { page } = await open('ja');
    await page.getByLabel('電話番号').fill('(201) 555-0123');
    await page.getByRole('group', { name: '時刻', exact: true }).getByRole('radio').first().check();
    await page.getByRole('button', { name: '通話を予約' }).click();
    await page.getByRole('alert').filter({ hasText: '営業時間外' }).waitFor();
    assert.equal(await page.getByLabel('電話番号').inputValue(), '(201) 555-0123');
    await page.close();
  } finally {
    api.mock.reset();
  }
});
