/** MSW handlers: thin adapters from HTTP to the rules. They read `world` at request time. */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { fail, nowOf, type Outcome, type Params } from './rules/common.js';
import { cancelScheduledCall, createCall, readCall } from './rules/calls.js';
import { readCustomerFlags, updateCustomerFlags } from './rules/customer-flags.js';
import { readManagerCall } from './rules/manager.js';
import { readWaitTimes } from './rules/wait-times.js';
import type { World } from './world.js';

/** `*` matches any origin, so the same handlers serve `setupWorker` and `setupServer`. */
const API = '*/apps/api/v1';
/** The Manager API, on the same tenant (calls-api.md §6). */
const MANAGER = '*/manager/api/v1';

/**
 * Open CORS on every answer: the mock stands in for the site's own backend on any origin, and
 * Firefox (unlike Chromium) applies the CORS check to a service worker's synthetic response too.
 * `Date` is not a CORS-safelisted answer header: exposed, so that a page can learn the server's time.
 */
const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After, Date' };

/** Every answer carries the mock's time (`world.now` when set), as a server's `Date` header does. */
function answer(world: World, { status, body }: Outcome): Response {
  const headers = { ...CORS, Date: nowOf(world).toUTCString() };
  return body === undefined
    ? new HttpResponse(null, { status, headers })
    : HttpResponse.json(body, { status, headers });
}

/** G2: a body that is not JSON, or JSON but not an object, is refused before any rule runs. */
async function jsonObjectOf(request: Request): Promise<Params | undefined> {
  try {
    const value: unknown = JSON.parse(await request.text());
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : undefined;
  } catch {
    return undefined;
  }
}

export function createHandlers(world: World): HttpHandler[] {
  const respond = (outcome: Outcome) => answer(world, outcome);
  const withBody =
    (rule: (params: Params, id: string) => Outcome) =>
    async ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, string | readonly string[] | undefined>;
    }) => {
      const body = await jsonObjectOf(request);
      return respond(body ? rule(body, String(params.id)) : fail('Missing parameters'));
    };
  return [
    http.post(
      `${API}/calls`,
      withBody((body) => createCall(world, body)),
    ),
    // Assumed endpoint: the platform documents no way to read one call (see calls-api.md, P4).
    http.get(`${API}/calls/:id`, ({ params }) => respond(readCall(world, String(params.id)))),
    http.get(`${API}/calls/:id/customer_flag`, ({ params }) => respond(readCustomerFlags(world, String(params.id)))),
    http.patch(
      `${API}/calls/:id/customer_flag`,
      withBody((body, id) => updateCustomerFlags(world, id, body)),
    ),
    // The cancel endpoint takes no body, so whatever is sent is ignored.
    http.patch(`${API}/calls/scheduled/:id/cancel`, ({ params }) =>
      respond(cancelScheduledCall(world, String(params.id))),
    ),
    http.get(`${API}/wait_times`, ({ request }) => respond(readWaitTimes(world, new URL(request.url).searchParams))),
    // G1: any other path or method under the API answers like the platform's unknown resource.
    http.all(API, () => respond(fail('Resource not found', 404))),
    http.all(`${API}/*`, () => respond(fail('Resource not found', 404))),
    // Assumed endpoint too: the Manager API lists "a single call resource" but documents no read by id.
    http.get(`${MANAGER}/calls/:id`, ({ params }) => respond(readManagerCall(world, String(params.id)))),
    http.all(MANAGER, () => respond(fail('Resource not found', 404))),
    http.all(`${MANAGER}/*`, () => respond(fail('Resource not found', 404))),
  ];
}
