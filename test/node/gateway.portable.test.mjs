// The gateway's handler needs nothing of Node's: bundled for the browser platform (where any
// `node:` import fails the build), it runs in a Chromium module worker — a fetch runtime like
// Workers or Deno — and books, reads and refuses against the mock tenant over real HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startMockTenant } from '../../dist/node/server/mock-tenant.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

let tenant, site, origin, browser;

before(async () => {
  const bundle = await build({
    entryPoints: [new URL('../../src/server/gateway.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0].text;
  tenant = await startMockTenant({ auth: { user: 'acme', password: 'portable-token' } });
  site = createServer((req, res) => {
    if (req.url === '/gateway.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(code);
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>worker</title>');
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${site.address().port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await tenant?.close();
  await new Promise((resolve) => site?.close(resolve));
});

test('bundled without Node built-ins, the handler books, reads and refuses inside a browser worker', async () => {
  const page = await browser.newPage();
  await page.goto(origin);
  const at = new Date(Date.now() + 86_400_000).toISOString();
  const results = await page.evaluate(
    ({ tenantUrl, at }) =>
      new Promise((resolve, reject) => {
        const source = `
          import { createGateway } from '${location.origin}/gateway.js';
          const gateway = createGateway({ tenantUrl: ${JSON.stringify(tenantUrl)}, subdomain: 'acme', apiToken: 'portable-token', menus: [9], languages: ['en'], log: false });
          const send = async (path, init = {}) => {
            const response = await gateway(new Request('http://gateway.test' + path, init), { clientAddress: '192.0.2.1' });
            return { status: response.status, capability: response.headers.get('Ccai-Capability'), body: await response.text() };
          };
          const json = { 'Content-Type': 'application/json' };
          const booked = await send('/apps/api/v1/calls', { method: 'POST', headers: json, body: JSON.stringify({ menu_id: 9, end_user_number: '+12015550123', scheduled_at: ${JSON.stringify(at)}, lang: 'en' }) });
          const id = JSON.parse(booked.body).id;
          const read = await send('/apps/api/v1/calls/' + id, { headers: { 'Ccai-Capability': booked.capability } });
          const forged = await send('/apps/api/v1/calls/' + id, { headers: { 'Ccai-Capability': booked.capability.slice(0, -2) + 'AA' } });
          const outbound = await send('/apps/api/v1/calls', { method: 'POST', headers: json, body: JSON.stringify({ call_type: 'Voice Outbound (API)', agent_email: 'admin@somedomain.com', end_user_number: '+12015550123' }) });
          postMessage({ booked, read, forged, outbound, hasProcess: typeof process !== 'undefined' });
        `;
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
          type: 'module',
        });
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
      }),
    { tenantUrl: tenant.origin, at },
  );
  assert.equal(results.hasProcess, false);
  assert.equal(results.booked.status, 201);
  assert.match(results.booked.capability, /^v1\.\d+\.\d+\.[\w-]{43}$/);
  assert.equal(results.read.status, 200);
  assert.equal(JSON.parse(results.read.body).status, 'scheduled');
  assert.deepEqual([results.forged.status, JSON.parse(results.forged.body)], [404, { message: 'Call not found' }]);
  assert.deepEqual(
    [results.outbound.status, JSON.parse(results.outbound.body)],
    [400, { message: 'menu_id is required' }],
  );
  const posts = tenant.requests.filter((request) => request.method === 'POST');
  assert.equal(posts.length, 1);
  assert.equal(JSON.parse(posts[0].body).call_type, 'Voice Scheduled (API)');
  assert.equal(posts[0].headers.authorization, `Basic ${Buffer.from('acme:portable-token').toString('base64')}`);
  await page.close();
});
