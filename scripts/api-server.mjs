// A real HTTP Calls API (and Manager API) that answers as the mock does, with CORS for any origin:
// for end-to-end tests of the built script against another origin, and for trying the widgets
// from any page (`node scripts/api-server.mjs 8787`). The server is the built mock tenant
// (src/server/mock-tenant.ts): run `npm run build` first. With `CCAI_SUBDOMAIN` and
// `CCAI_API_TOKEN` set, every request must carry them as HTTP Basic credentials.
import { startMockTenant } from '../dist/node/server/mock-tenant.js';

/** `startMockTenant(options)`: `{ origin, mock, requests, setFault(fn | null), close() }`. */
export const startApiServer = (options) => startMockTenant(options);

if (import.meta.url === `file://${process.argv[1]}`) {
  const { CCAI_SUBDOMAIN: user, CCAI_API_TOKEN: password } = process.env;
  if (Boolean(user) !== Boolean(password)) {
    console.error('Set both CCAI_SUBDOMAIN and CCAI_API_TOKEN, or neither.');
    process.exit(1);
  }
  const auth = user ? { user, password } : undefined;
  const { origin } = await startApiServer({ port: Number(process.argv[2] ?? 8787), auth });
  console.log(
    `Calls API mock listening on ${origin}/apps/api/v1 (Manager API: ${origin}/manager/api/v1)${auth ? `, Basic auth as ${auth.user}` : ''}`,
  );
}
