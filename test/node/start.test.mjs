// `npm start` itself (scripts/start.mjs, run after the build as `npm start` runs it): the page, the
// real gateway and the HTTP mock tenant, driven in Chromium. A call booked in the form and moved
// with the panel's "Next status" reaches the form's confirmation through the gateway's live push
// (the panel tells the gateway as the platform's session-events webhook would), not at the
// gateway's next read of a far-away scheduled call, which comes minutes later.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { root } from '../../scripts/pack.mjs';

let demo, base, browser;

before(async () => {
  demo = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, DEMO_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stderr.on('data', (chunk) => (output += chunk));
  base = await new Promise((resolve, reject) => {
    demo.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /demo: (http:\/\/\S+) /.exec(output)?.[1];
      if (url) resolve(url);
    });
    demo.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    demo.kill('SIGTERM');
    await once(demo, 'exit');
  }
});

test('a call moved with the panel reaches the booking form’s confirmation at once, through the gateway’s push', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(base);
  const form = page.locator('ccai-schedule-call');
  await form.getByLabel('Phone number').fill('(201) 555-0123');
  await form.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
  await form.getByRole('button', { name: 'Schedule call' }).click();
  const status = form.locator('ccai-call-status');
  await status.getByText('Scheduled', { exact: false }).first().waitFor();

  // Scheduled → queued: the platform's "routing" event; the gateway would not read this far-away
  // call again for minutes, so only the push can bring it before this wait gives up.
  await page.getByRole('button', { name: 'Next status' }).click();
  await status.getByText('Waiting for an agent').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Next status' }).click();
  await status.getByText('An agent has been assigned').waitFor({ timeout: 15_000 });
  // Change time and Cancel call are for a scheduled call only.
  assert.equal(await form.getByRole('button', { name: 'Change time' }).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('“Call me now” can be tried at any hour in npm start too: the form is open, with the menu’s wait through the gateway', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // A Sunday at 3 in the morning in New York: closed for office hours.
  await page.clock.install({ time: new Date('2026-12-06T08:00:00Z') });
  await page.goto(base);
  const form = page.locator('ccai-schedule-call');
  await form.getByRole('radio', { name: 'Call me now', exact: true }).check();
  await form.getByText('Estimated wait: about 3 minutes.').waitFor();
  assert.equal(await form.getByText('We are closed right now', { exact: false }).count(), 0);
  await form.getByRole('button', { name: 'Call me now', exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('after a reload the panel shows the mock tenant’s world and the call booked before it, and “Open” opens the menu again (QA D24)', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(base);
  const panel = page.locator('.panel');
  const menu = (name) => panel.getByRole('radio', { name, exact: true });
  const wait = panel.getByLabel('Wait for “Call me now” (minutes)');
  await page.locator('#panel-call').filter({ hasText: ':' }).waitFor();
  await menu('Manual redirection').check();
  await wait.fill('100');
  await wait.press('Enter');
  await panel.getByRole('checkbox', { name: 'fr', exact: true }).check();
  // The tenant has it: its wait through the gateway (a fresh one after each such change).
  await page.waitForFunction(
    async () => (await (await fetch('/apps/api/v1/wait_times?lang=en&menu_id=9')).json())[0]?.voice_call === 100,
  );

  await page.reload();
  await page.waitForFunction(() => document.querySelector('#wait-minutes').value === '100');
  assert.equal(await menu('Manual redirection').isChecked(), true);
  assert.equal(await menu('Open').isChecked(), false);
  assert.equal(await panel.getByRole('checkbox', { name: 'fr', exact: true }).isChecked(), true);

  // "Open" is a change again: the tenant's menu takes bookings.
  await menu('Open').check();
  const form = page.locator('ccai-schedule-call');
  await form.getByLabel('Phone number').fill('(201) 555-0199');
  await form.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').last().check();
  await form.getByRole('button', { name: 'Schedule call' }).click();
  await form.getByRole('button', { name: 'Cancel call' }).waitFor();
  // After another reload the panel goes on with that call, not call 514.
  const label = page.locator('#panel-call');
  const booked = /^Call (\d+): scheduled$/.exec((await label.textContent()).trim())?.[1];
  assert.ok(booked && booked !== '514', `the panel names the booked call (${await label.textContent()})`);
  await page.reload();
  await form.getByRole('button', { name: 'Cancel call' }).waitFor();
  await label.filter({ hasText: `Call ${booked}: scheduled` }).waitFor();

  // The next test, or the next visitor, starts from the default world.
  await panel.getByRole('button', { name: 'Reset world' }).click();
  await page.waitForFunction(() => document.querySelector('#wait-minutes').value === '3');
  assert.deepEqual(problems, []);
  await page.close();
});
