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

/** Starts the server; resolves with its origin, the mock (world, reset), the requests it received and `close()`. */
export async function startApiServer({ port = 0, mockOptions = {} } = {}) {
  const mock = createCallsApiMock(mockOptions);
  const requests = [];
  const server = createServer(async (req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    requests.push({ method: req.method, path: req.url, body: body?.toString('utf8') });
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body: req.method === 'GET' ? undefined : body });
    const response = (await getResponse(mock.handlers, request)) ?? new Response(JSON.stringify({ message: 'Resource not found' }), { status: 404 });
    // The mock may set CORS headers itself: one value per header name (duplicates break CORS).
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
    res.writeHead(response.status, Object.fromEntries(headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, mock, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { origin } = await startApiServer({ port: Number(process.argv[2] ?? 8787) });
  console.log(`Calls API mock listening on ${origin}/apps/api/v1`);
}
