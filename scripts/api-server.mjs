// A real HTTP server that answers the Calls API as the mock does, with CORS for any origin:
// for end-to-end tests of the built script against another origin, and for trying the widgets
// from any page (`node scripts/api-server.mjs 8787`). Uses the built `ccai-widgets/mock`.
import { createServer } from 'node:http';
import { getResponse } from 'msw';
import { createCallsApiMock } from 'ccai-widgets/mock';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Accept, Authorization',
  'Access-Control-Expose-Headers': 'Retry-After',
};

/**
 * What `fault(request)` may return to spoil one answer, as a broken network or server would (for
 * the real-page fault tests); `undefined` lets the mock answer:
 * - `{ status, headers?, body? }`: that answer instead of the mock's (`body` a string, sent as is);
 * - `{ drop: true }`: the connection is cut without an answer;
 * - `{ delayMs, then? }`: the mock's answer (or `then`) after `delayMs`; the mock acts at once,
 *   as a slow server that did the work would.
 */
async function applyFault(fault, res, answer) {
  if (fault.drop) return res.socket.destroy();
  if (fault.delayMs) {
    const answered = fault.then ?? (await answer());
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (res.socket?.destroyed || res.destroyed) return;
    return applyFault({ ...answered, delayMs: 0 }, res, answer);
  }
  // One value per header name, whatever its case (a repeated Access-Control-Allow-Origin breaks CORS).
  const headers = new Headers({ 'Content-Type': 'application/json' });
  for (const [name, value] of Object.entries({ ...fault.headers, ...CORS })) headers.set(name, value);
  res.writeHead(fault.status, Object.fromEntries(headers)).end(fault.body ?? '');
}

/**
 * Starts the server; resolves with its origin, the mock (world, reset), the requests it received,
 * `setFault(fn)` (see `applyFault`; `null` to stop) and `close()`.
 */
export async function startApiServer({ port = 0, mockOptions = {} } = {}) {
  const mock = createCallsApiMock(mockOptions);
  const requests = [];
  let fault = null;
  const server = createServer(async (req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const received = { method: req.method, path: req.url, body: body?.toString('utf8') };
    requests.push(received);
    const answer = async () => {
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body: req.method === 'GET' ? undefined : body });
      const response = (await getResponse(mock.handlers, request)) ?? new Response(JSON.stringify({ message: 'Resource not found' }), { status: 404 });
      // The mock may set CORS headers itself: one value per header name (duplicates break CORS).
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
      return { status: response.status, headers: Object.fromEntries(headers), body: Buffer.from(await response.arrayBuffer()) };
    };
    const spoiled = fault?.(received);
    if (spoiled) return applyFault(spoiled, res, answer);
    const { status, headers, body: answerBody } = await answer();
    res.writeHead(status, headers).end(answerBody);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    mock,
    requests,
    setFault: (next) => (fault = next),
    close: () => new Promise((resolve) => (server.closeAllConnections?.(), server.close(resolve))),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { origin } = await startApiServer({ port: Number(process.argv[2] ?? 8787) });
  console.log(`Calls API mock listening on ${origin}/apps/api/v1`);
}
