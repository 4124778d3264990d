// The gateway on node:http, at the edges a visitor controls: the request line, what is left of a
// body the gateway refused unread, and a login hook that fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createGateway } from '../../dist/node/server/gateway.js';
import { serve } from '../../dist/node/server/node.js';
import { startMockTenant } from '../../dist/node/server/mock-tenant.js';

let tenant, served;

before(async () => {
  tenant = await startMockTenant({ auth: { user: 'acme', password: 'adapter-token' } });
  const gateway = createGateway({
    tenantUrl: tenant.origin,
    subdomain: 'acme',
    apiToken: 'adapter-token',
    menus: [9],
    languages: ['ja', 'en'],
    log: false,
    authorize: () => {
      throw new Error('the login service is down');
    },
  });
  served = await serve(gateway, { port: 0, host: '127.0.0.1' });
});

after(async () => {
  await served?.close();
  await tenant?.close();
});

/** Writes `text` on one connection and resolves with everything the server sent until it closed or went quiet. */
function exchange(text, quietMs = 400) {
  const { port } = new URL(served.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let timer;
    const done = () => {
      socket.destroy();
      resolve(received);
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      received += chunk;
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    socket.on('end', done);
    socket.on('error', reject);
    socket.write(text);
  });
}

const statusLines = (text) => text.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];

test('a request line or target no Request can hold gets a JSON 400, never a 5xx', async () => {
  for (const line of [
    'TRACE /apps/api/v1/calls HTTP/1.1',
    'GET //a:b/x HTTP/1.1',
    'GET /\\4294967296/515 HTTP/1.1',
    'GET /apps/api/v1/calls/514 HTTP/9.9',
    'BR0KEN',
  ]) {
    const answer = await exchange(`${line}\r\nHost: 127.0.0.1\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 (400|404|405)/, line);
    // The body, chunked or not, is a JSON message.
    assert.match(answer.split('\r\n\r\n')[1] ?? '', /^(?:[0-9a-f]+\r\n)?\{"message":"[^"]+"\}/, line);
  }
});

test('a target that reads as another host stays on this one', async () => {
  const answer = await exchange(
    'POST //evil.example/apps/api/v1/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
  );
  assert.match(answer, /^HTTP\/1\.1 (403|404)/);
  assert.equal(tenant.requests.length, 0);
});

test('a body refused unread ends its connection, so its rest is never read as the next request', async () => {
  const smuggled = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  const body = `{"menu_id":9,"x":"${'a'.repeat(20_000)}"}${smuggled}`;
  const answer = await exchange(
    `POST /apps/api/v1/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
  assert.deepEqual(statusLines(answer), ['HTTP/1.1 413']);
  assert.match(answer, /\r\nconnection: close\r\n/i);
});

test('an agent login hook that throws leaves the flag routes absent (404), not failed', async () => {
  const response = await fetch(`${served.url}/apps/api/v1/calls/514/customer_flag`);
  assert.equal(response.status, 404);
  assert.deepEqual(await response.json(), { message: 'Resource not found' });
  assert.equal(tenant.requests.filter((request) => request.path.includes('customer_flag')).length, 0);
});

test("an empty lang books in the site's first language", async () => {
  const response = await fetch(`${served.url}/apps/api/v1/calls`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      menu_id: 9,
      end_user_number: '+12015550199',
      lang: '',
      scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  });
  assert.equal(response.status, 201);
  const posted = tenant.requests.filter((request) => request.method === 'POST').at(-1);
  assert.equal(JSON.parse(posted.body).lang, 'ja');
});
