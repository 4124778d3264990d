// The demo page (`npm run start:static`: Vite, the Calls API mocked in the page by MSW), driven in
// Chromium by labels and roles: its panel speaks the page's language, "Reset world" also resets a
// form that shows a booking, and the wait for "Call me now" is the one the panel sets. The copy
// expected is the demo's own (demo/copy.ts, loaded through the same Vite server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

let server, base, browser, copy;

before(async () => {
  server = await createServer({ logLevel: 'error', server: { port: 0 } });
  await server.listen();
  base = server.resolvedUrls.local[0];
  ({ copy } = await server.ssrLoadModule('/copy.ts'));
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query = '') {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${base}${query}`);
  // The status of call 514 is shown once the mock answers.
  await page.locator('#panel-call').filter({ hasText: ':' }).waitFor();
  return { page, problems };
}

/** What the page's own code can ask the mock, as a widget would. */
const waitTimes = (page) =>
  page.evaluate(async () => (await fetch('/apps/api/v1/wait_times?lang=en&menu_id=9')).json());

test('the panel speaks the page’s language, and follows it when it changes', async () => {
  const { page, problems } = await open('?lang=ja');
  const panel = page.locator('.panel');
  assert.equal(
    await panel
      .getByRole('heading')
      .textContent()
      .then((text) => text.trim()),
    copy.ja.panelHeading,
  );
  await panel.getByRole('button', { name: copy.ja.resetWorld }).waitFor();
  await panel.getByLabel(copy.ja.waitLabel).waitFor();
  assert.match(await page.locator('#panel-call').textContent(), /^通話 514: /);

  await panel.getByLabel('English').check();
  await panel.getByRole('heading', { name: copy.en.panelHeading }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  for (const name of [copy.en.nextStatus, copy.en.failIt, copy.en.resetWorld])
    await panel.getByRole('button', { name }).waitFor();
  assert.match(await page.locator('#panel-call').textContent(), /^Call 514: /);
  // The page's copy and the widgets' follow too.
  await page.getByRole('heading', { name: copy.en.callbackHeading }).waitFor();
  await page.getByRole('button', { name: 'Schedule call' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('“Reset world” also resets a form that shows a booking, and a reload does not bring it back', async () => {
  const { page, problems } = await open();
  await page.getByLabel('Phone number').fill('(201) 555-0123');
  await page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Schedule call' }).click();
  await page.getByRole('button', { name: 'Cancel call' }).waitFor();
  const kept = () =>
    page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('ccai-schedule-call:')));
  assert.equal((await kept()).length, 1, 'the booking is kept for a reload');

  await page.getByRole('button', { name: copy.en.resetWorld }).click();
  await page.getByRole('button', { name: 'Schedule call' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel call' }).count(), 0);
  assert.deepEqual(await kept(), []);
  assert.equal(
    await page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio', { checked: true }).count(),
    0,
  );
  await page.reload();
  await page.getByRole('button', { name: 'Schedule call' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel call' }).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('“Call me now” can be tried: the form offers both modes, with the wait the panel sets', async () => {
  const { page, problems } = await open();
  assert.equal(await page.locator('ccai-schedule-call').getAttribute('modes'), 'later,now');
  assert.equal((await waitTimes(page))[0].voice_call, 3);
  const wait = page.getByLabel(copy.en.waitLabel);
  await wait.fill('12');
  await wait.press('Enter');
  await page.waitForFunction(
    async () => (await (await fetch('/apps/api/v1/wait_times?lang=en&menu_id=9')).json())[0].voice_call === 12,
  );
  // Not a wait: refused by the field, and the world keeps the last good one.
  await wait.fill('-1');
  await wait.press('Enter');
  assert.equal(await wait.evaluate((input) => input.validity.valid), false);
  assert.equal((await waitTimes(page))[0].voice_call, 12);

  await page.getByRole('button', { name: copy.en.resetWorld }).click();
  await page.waitForFunction(async () => {
    const [menu] = await (await fetch('/apps/api/v1/wait_times?lang=en&menu_id=9')).json();
    return menu.voice_call === 3 && document.querySelector('#wait-minutes').value === '3';
  });
  assert.deepEqual(problems, []);
  await page.close();
});

test('“Call me now” can be tried at any hour: the form is open by default, and the panel switches it to office hours', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // A Sunday at 3 in the morning in New York: closed for office hours.
  await page.clock.install({ time: new Date('2026-12-06T08:00:00Z') });
  await page.goto(base);
  await page.locator('#panel-call').filter({ hasText: ':' }).waitFor();
  const form = page.locator('ccai-schedule-call');
  await form.getByRole('radio', { name: 'Call me now', exact: true }).check();
  await form.getByText('Estimated wait: about 3 minutes.').waitFor();
  assert.equal(await form.getByText('We are closed right now', { exact: false }).count(), 0);
  await form.getByRole('button', { name: 'Call me now', exact: true }).waitFor();

  const panel = page.locator('.panel');
  await panel.getByRole('group', { name: copy.en.hoursLegend }).waitFor();
  await panel.getByLabel(copy.en.hoursOffice).check();
  await form.getByText('We are closed right now, so we cannot call you straight away.').waitFor();
  assert.equal(await form.getByRole('button', { name: 'Call me now', exact: true }).count(), 0);

  // Reset world opens the form again, with the panel's default.
  await panel.getByRole('button', { name: copy.en.resetWorld }).click();
  await form.getByRole('radio', { name: 'Call me now', exact: true }).check();
  await form.getByText('Estimated wait: about 3 minutes.').waitFor();
  assert.equal(await panel.getByLabel(copy.en.hoursAlways).isChecked(), true);

  // The same switch in Japanese.
  await panel.getByLabel('日本語').check();
  await panel.getByRole('group', { name: copy.ja.hoursLegend }).waitFor();
  await panel.getByLabel(copy.ja.hoursOffice).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

/** axe's colour contrast over the whole page, shadow roots included: the failing targets. */
async function contrastFailures(page) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { runOnly: ['color-contrast'] });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(' ')));
  });
}

for (const scheme of ['light', 'dark']) {
  test(`with the OS in the ${scheme} scheme the page follows it, and every text on it is readable`, async () => {
    const page = await browser.newPage({
      viewport: { width: 1200, height: 900 },
      timezoneId: 'America/New_York',
      colorScheme: scheme,
    });
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(base);
    await page.locator('#panel-call').filter({ hasText: ':' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), scheme === 'dark');
    assert.equal(await page.getByLabel(copy.en.darkTheme).isChecked(), scheme === 'dark');
    // Text on the accent too: the chosen day and time and the submit button.
    await page.getByLabel('Phone number').fill('(201) 555-0123');
    await page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Schedule call' }).waitFor();
    assert.deepEqual(await contrastFailures(page), []);
    // The other scheme, by the panel's box: as readable.
    await page.getByLabel(copy.en.darkTheme).setChecked(scheme !== 'dark');
    assert.deepEqual(await contrastFailures(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the static demo keeps its world over a reload: the booking kept by the form is still the tenant’s call', async () => {
  const { page, problems } = await open();
  await page.getByLabel('Phone number').fill('(201) 555-0123');
  await page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Schedule call' }).click();
  await page.getByRole('button', { name: 'Cancel call' }).waitFor();
  const booked = await page.locator('ccai-schedule-call').getByText('Your call is scheduled').textContent();

  await page.reload();
  await page.locator('#panel-call').filter({ hasText: ':' }).waitFor();
  const form = page.locator('ccai-schedule-call');
  await form.getByText('Scheduled', { exact: true }).waitFor();
  assert.equal(await form.getByText('Your call is scheduled').textContent(), booked);
  assert.equal(await form.getByText('We could not find this call.').count(), 0);
  await form.getByRole('button', { name: 'Cancel call' }).click();
  await form.getByText('Your call has been cancelled.').waitFor();

  // Reset world starts it afresh (and forgets the booking with it).
  await page.getByRole('button', { name: copy.en.resetWorld }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Schedule call' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('after a reload the panel shows the world kept from before, and “Open” opens the menu again (QA D24)', async () => {
  const { page, problems } = await open();
  const panel = page.locator('.panel');
  await panel.getByLabel(copy.en.menuRedirection, { exact: true }).check();
  const wait = panel.getByLabel(copy.en.waitLabel);
  await wait.fill('100');
  await wait.press('Enter');
  await panel.getByLabel('fr', { exact: true }).check();
  await page.waitForFunction(
    async () => (await (await fetch('/apps/api/v1/wait_times?lang=en&menu_id=9')).json())[0].voice_call === 100,
  );

  await page.reload();
  await page.locator('#panel-call').filter({ hasText: ':' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#wait-minutes').value === '100');
  assert.equal(await panel.getByLabel(copy.en.menuRedirection, { exact: true }).isChecked(), true);
  assert.equal(await panel.getByLabel(copy.en.menuOpen, { exact: true }).isChecked(), false);
  assert.equal(await panel.getByLabel('fr', { exact: true }).isChecked(), true);
  assert.equal((await waitTimes(page))[0].voice_call, 100, 'the world itself was kept');

  // "Open" is a change again: the menu takes bookings.
  await panel.getByLabel(copy.en.menuOpen, { exact: true }).check();
  await page.getByLabel('Phone number').fill('(201) 555-0123');
  await page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Schedule call' }).click();
  await page.getByRole('button', { name: 'Cancel call' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('after a reload the panel goes on with the call booked before it, not call 514 (QA D24)', async () => {
  const { page, problems } = await open();
  await page.getByLabel('Phone number').fill('(201) 555-0123');
  await page.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Schedule call' }).click();
  await page.getByRole('button', { name: 'Cancel call' }).waitFor();
  const label = page.locator('#panel-call');
  const booked = /^Call (\d+): scheduled$/.exec((await label.textContent()).trim())?.[1];
  assert.ok(booked && booked !== '514', `the panel names the booked call (${await label.textContent()})`);

  await page.reload();
  await page.getByRole('button', { name: 'Cancel call' }).waitFor();
  await label.filter({ hasText: `Call ${booked}: scheduled` }).waitFor();
  // Next status moves that call: the panel and "Your call" say so.
  await page.getByRole('button', { name: copy.en.nextStatus }).click();
  await label.filter({ hasText: `Call ${booked}: queued` }).waitFor();
  await page.locator('#page-status').getByText('Waiting for an agent').waitFor();
  assert.equal(await page.locator('#page-flags').getAttribute('call-id'), booked);

  // Reset world goes back to call 514, after a reload too.
  await page.getByRole('button', { name: copy.en.resetWorld }).click();
  await label.filter({ hasText: 'Call 514:' }).waitFor();
  await page.reload();
  await label.filter({ hasText: 'Call 514:' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
