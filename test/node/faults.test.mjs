// Faults and hostile answers on a real page, as a website owner ships the widgets: the single-file
// script on one origin, a real HTTP Calls API on another whose answers are spoiled one at a time
// (`setFault` in scripts/api-server.mjs) — a 500, a 429 with Retry-After, a cut connection, an
// answer slower than the client's 10 s timeout, malformed JSON, JSON that fails the schema, a 404,
// HTML in a server message, and an element removed while its request is in flight.
// For each: a clear message on the page, the form's values kept, the number of requests the
// server saw, and nothing escaping to the page (errors, unhandled rejections, console errors).
// The browser suite covers the same faults through MSW; this covers real sockets and CORS.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { startApiServer } from '../../scripts/api-server.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const script = await readFile(new URL('../../dist/ccai-widgets.standalone.js', import.meta.url));
let api, site, siteOrigin, browser;

const PAGES = {
  schedule: (api) =>
    `<ccai-schedule-call base-url="${api}" menu-id="9" days="mon-sun" hours="00:00-23:45" default-country="US"></ccai-schedule-call>`,
  status: (api) => `<ccai-call-status base-url="${api}" call-id="514"></ccai-call-status>`,
  flags: (api) => `<ccai-customer-flags base-url="${api}" call-id="514"></ccai-customer-flags>`,
};

before(async () => {
  api = await startApiServer();
  site = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/ccai-widgets.js')
      return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    const body = PAGES[url.searchParams.get('page')]?.(api.origin) ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="${url.searchParams.get('lang') ?? 'en'}"><head><meta charset="utf-8"><title>Support</title>
<script src="/ccai-widgets.js"></script></head><body><main>${body}</main></body></html>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${site.address().port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await api?.close();
  await new Promise((resolve) => site.close(resolve));
});

afterEach(() => {
  api.setFault(null);
  api.mock.reset();
});

/**
 * A page with one element; `problems` collects what escaped: page errors, unhandled rejections,
 * and console errors other than the browser's own line for a failed or refused request (which
 * every site gets for a network error or an error status, and which no script can prevent).
 */
async function open(page, lang = 'en') {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error' && !/^Failed to load resource|net::ERR_/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  await tab.addInitScript(() => {
    window.addEventListener('unhandledrejection', (event) => console.error(`unhandledrejection: ${event.reason}`));
    // What the widgets asked for, as the page sees it: the server may see more (see the cut connection).
    const fetch = window.fetch;
    window.sent = [];
    window.fetch = (input, init) => (window.sent.push(`${init?.method ?? 'GET'} ${input}`), fetch(input, init));
  });
  await tab.goto(`${siteOrigin}/?page=${page}&lang=${lang}`);
  return { tab, problems };
}

/** How many requests the page's widgets sent with `method`. */
const sent = (tab, method) =>
  tab.evaluate((method) => window.sent.filter((line) => line.startsWith(`${method} `)).length, method);
const posts = () => api.requests.filter((request) => request.method === 'POST');
const startCount = () => {
  const from = api.requests.length;
  return (method, pattern = /./) =>
    api.requests.slice(from).filter((request) => request.method === method && pattern.test(request.path)).length;
};

/** Fills the form as a visitor would and presses Schedule call; resolves with the slot chosen. */
async function book(tab) {
  await tab.getByLabel('Phone number').fill('(201) 555-0123');
  const time = tab.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first();
  const slot = await time.getAttribute('value');
  await time.check();
  await tab.getByRole('button', { name: 'Schedule call' }).click();
  return slot;
}

/** Until the flags element shows its checkboxes, usable (they may be shown, disabled, while loading). */
const flagsLoaded = (tab) =>
  tab.waitForFunction(() => {
    const inputs = document.querySelector('ccai-customer-flags').shadowRoot.querySelectorAll('input[type=checkbox]');
    return inputs.length === 3 && [...inputs].every((input) => !input.disabled);
  });

const onCreate = (answer) => (request) =>
  request.method === 'POST' && request.path.endsWith('/calls') ? answer : undefined;

async function expectFormKept(tab, slot) {
  assert.equal(await tab.getByLabel('Phone number').inputValue(), '(201) 555-0123');
  assert.equal(
    await tab
      .getByRole('group', { name: 'Time', exact: true })
      .getByRole('radio', { checked: true })
      .getAttribute('value'),
    slot,
  );
  assert.equal(await tab.getByRole('button', { name: 'Schedule call' }).isEnabled(), true, 'the form is usable again');
}

for (const { name, fault, message, retry } of [
  {
    name: 'a 500',
    fault: { status: 500, body: '{"message":"Internal Server Error"}' },
    message: 'Something went wrong on our side',
    retry: true,
  },
  {
    name: 'a 429 with Retry-After',
    fault: { status: 429, headers: { 'Retry-After': '3' }, body: '{"message":"Too Many Requests"}' },
    message: 'Too many requests right now',
    retry: true,
  },
  // Cut after it was sent, the browser online: the call may exist, so no Try again (it could book twice).
  {
    name: 'a cut connection',
    fault: { drop: true },
    message: 'The connection was lost after your request was sent, so your call may already be scheduled',
    retry: false,
  },
  {
    name: 'a 404',
    fault: { status: 404, body: '{"message":"Resource not found"}' },
    message: 'This callback form is not set up correctly',
    retry: false,
  },
  {
    name: 'a 400 with malformed JSON',
    fault: { status: 400, body: '{"message": "menu' },
    message: 'The request was refused',
    retry: false,
  },
]) {
  test(`schedule: ${name} on create is explained, sent once, and the form is kept`, async () => {
    const { tab, problems } = await open('schedule');
    const count = startCount();
    api.setFault(onCreate(fault));
    const slot = await book(tab);
    await tab.getByRole('alert').filter({ hasText: message }).waitFor();
    await expectFormKept(tab, slot);
    assert.equal(await sent(tab, 'POST'), 1, 'a write is never repeated by itself');
    // Chromium itself sends a request again, once, when a reused keep-alive connection closes
    // before any answer (its stale-socket rule, applied to POST too); no script can prevent that.
    assert.ok(count('POST') === 1 || (fault.drop && count('POST') === 2), `the server saw ${count('POST')}`);
    const tryAgain = tab.getByRole('button', { name: 'Try again' });
    assert.equal(await tryAgain.count(), retry ? 1 : 0);
    if (retry) {
      api.setFault(null);
      await tryAgain.click();
      await tab.getByText('Your call is scheduled for').waitFor();
      assert.equal(await sent(tab, 'POST'), 2, 'one more request, for the one press');
    }
    assert.deepEqual(problems, []);
    await tab.close();
  });
}

for (const { name, body } of [
  { name: 'malformed JSON', body: '{"id": 900, "status": "sched' },
  { name: 'JSON that fails the schema', body: '{"id": "nine hundred", "status": 7}' },
]) {
  test(`schedule: a 201 with ${name} is not called a refusal, and no second booking is suggested`, async () => {
    const { tab, problems } = await open('schedule');
    const count = startCount();
    api.setFault(onCreate({ status: 201, body }));
    const slot = await book(tab);
    const alert = tab.getByRole('alert').filter({ hasText: 'may already be scheduled' });
    await alert.waitFor();
    assert.doesNotMatch(await alert.innerText(), /refused|try again/i);
    await expectFormKept(tab, slot);
    assert.equal(await tab.getByRole('button', { name: 'Try again' }).count(), 0);
    assert.equal(count('POST'), 1);
    assert.deepEqual(problems, []);
    await tab.close();
  });
}

test('schedule: an answer slower than the timeout says the outcome is unknown; the late answer changes nothing', async () => {
  const { tab, problems } = await open('schedule');
  const count = startCount();
  // The server books the call at once and answers after 11 s; the client gives up at 10 s.
  api.setFault(onCreate({ delayMs: 11_000 }));
  const slot = await book(tab);
  await tab.getByRole('alert').filter({ hasText: 'took too long' }).waitFor({ timeout: 15_000 });
  assert.match(await tab.getByRole('alert').innerText(), /may already be scheduled/);
  await expectFormKept(tab, slot);
  assert.equal(await tab.getByRole('button', { name: 'Try again' }).count(), 0, 'a second press could book twice');
  await tab.waitForTimeout(1_500); // the late answer arrives and is ignored
  assert.equal(await tab.getByText('Your call is scheduled for').count(), 0);
  assert.equal(count('POST'), 1);
  assert.deepEqual(problems, []);
  await tab.close();
});

test('schedule: HTML in a server message is shown as text and never runs', async () => {
  const { tab, problems } = await open('schedule');
  const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>';
  api.setFault(onCreate({ status: 400, body: JSON.stringify({ message: hostile }) }));
  await book(tab);
  const alert = tab.getByRole('alert').filter({ hasText: 'The request was refused' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /<img src=x onerror="window\.pwned=1"><b>bold<\/b>/);
  const markup = await tab.evaluate(
    () => document.querySelector('ccai-schedule-call').shadowRoot.querySelectorAll('img, b').length,
  );
  assert.equal(markup, 0);
  assert.equal(await tab.evaluate(() => window.pwned), undefined);
  assert.deepEqual(problems, []);
  await tab.close();
});

test('schedule: hostile input in the phone field is refused in the browser, kept as typed, and sends nothing', async () => {
  const { tab, problems } = await open('schedule');
  const count = startCount();
  await tab.getByRole('group', { name: 'Time', exact: true }).getByRole('radio').first().check();
  const phone = tab.getByLabel('Phone number');
  for (const input of [
    '📞'.repeat(500),
    '<script>window.pwned=1</script>',
    'טלפון \u202e555\u202c',
    '1'.repeat(5_000),
    '+1 205 ١٢٣ 4567 ext. 9',
  ]) {
    await phone.fill(input);
    await tab.getByRole('button', { name: 'Schedule call' }).click();
    await tab.getByText('Please correct the highlighted fields.').waitFor();
    assert.equal(await phone.inputValue(), input, 'the field keeps what was typed');
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
  }
  assert.equal(await tab.evaluate(() => window.pwned), undefined);
  assert.equal(count('POST'), 0, 'nothing was sent');
  assert.deepEqual(problems, []);
  await tab.close();
});

test('schedule: removed while its request is in flight, nothing escapes and nothing is sent again', async () => {
  const { tab, problems } = await open('schedule');
  const count = startCount();
  api.setFault(onCreate({ delayMs: 1_000 }));
  await book(tab);
  await tab.evaluate(() => document.querySelector('ccai-schedule-call').remove());
  await tab.waitForTimeout(1_500);
  assert.equal(count('POST'), 1);
  assert.deepEqual(problems, []);
  await tab.close();
});

test('status: a failing server is retried within limits and the status shows when it recovers', async () => {
  const count = startCount();
  api.setFault((request) =>
    request.method === 'GET' ? { status: 503, headers: { 'Retry-After': '1' }, body: '' } : undefined,
  );
  const { tab, problems } = await open('status');
  await tab.getByText('The call status is not available right now.').waitFor({ timeout: 15_000 });
  const failed = count('GET', /\/calls\/514$/);
  assert.ok(failed >= 1 && failed <= 4, `${failed} attempts while failing`);
  api.setFault(null);
  await tab.getByText('Call ended').waitFor({ timeout: 30_000 });
  const total = count('GET', /\/calls\/514$/);
  await tab.waitForTimeout(2_000);
  assert.equal(count('GET', /\/calls\/514$/), total, 'an ended call is not asked about again');
  assert.deepEqual(problems, []);
  await tab.close();
});

test('status: a 404 is explained and polling stops', async () => {
  const { tab, problems } = await open('status');
  await tab.getByText('Call ended').waitFor();
  const count = startCount();
  await tab.evaluate(() => document.querySelector('ccai-call-status').setAttribute('call-id', '99999'));
  await tab.getByText('We could not find this call.').waitFor();
  const seen = count('GET');
  await tab.waitForTimeout(3_000);
  assert.equal(count('GET'), seen, 'no further requests after a 404');
  assert.deepEqual(problems, []);
  await tab.close();
});

for (const { name, fault } of [
  { name: 'malformed JSON', fault: { status: 200, body: '{"verified_customer": tr' } },
  { name: 'a cut connection', fault: { drop: true } },
]) {
  test(`flags: ${name} on load offers Try again, which recovers`, async () => {
    api.setFault((request) =>
      request.method === 'GET' && request.path.endsWith('/customer_flag') ? fault : undefined,
    );
    const { tab, problems } = await open('flags');
    await tab.getByText('The flags could not be loaded.').waitFor({ timeout: 20_000 });
    api.setFault(null);
    await tab.getByRole('button', { name: 'Try again' }).click();
    await flagsLoaded(tab);
    assert.equal(await tab.getByRole('checkbox', { name: 'Verified customer' }).isChecked(), true);
    assert.deepEqual(problems, []);
    await tab.close();
  });
}

test('flags: a failed save is undone, said, and sent once', async () => {
  const { tab, problems } = await open('flags');
  const badActor = tab.getByRole('checkbox', { name: 'Bad actor' });
  await flagsLoaded(tab);
  const before = await badActor.isChecked();
  const count = startCount();
  api.setFault((request) =>
    request.method === 'PATCH' ? { status: 500, body: '{"message":"Internal Server Error"}' } : undefined,
  );
  await badActor.click();
  await tab.getByText('The change could not be saved and was undone.').waitFor();
  assert.equal(await badActor.isChecked(), before);
  assert.equal(count('PATCH'), 1);
  assert.equal(api.mock.world.flags[514]?.bad_actor ?? false, before);
  assert.deepEqual(problems, []);
  await tab.close();
});

test('the server saw only well-formed bookings', () => {
  for (const request of posts()) assert.equal(JSON.parse(request.body).end_user_number, '+12015550123');
});
