/**
 * CORS for the exact origins a site lists, never a wildcard. A request that names another origin
 * is refused before it does anything; a request with no `Origin` (a server, curl) or from the
 * gateway's own origin needs no CORS at all.
 */
import { CAPABILITY_HEADER, EVENTS_HEADER } from '../core/client.js';
import { HttpError } from './http.js';

// `Last-Event-ID`: an event stream's reconnect carries it.
const ALLOWED_HEADERS = `Content-Type, Accept, ${CAPABILITY_HEADER}, Last-Event-ID`;
/** `Date` too (not CORS-safelisted): the widgets learn the server's time from it, whatever the device clock says. */
const EXPOSED_HEADERS = `${CAPABILITY_HEADER}, ${EVENTS_HEADER}, Retry-After, Date`;

export interface Cors {
  /** Headers to add to the answer of `request`; throws 403 for an origin that is not allowed. */
  check(request: Request, url: URL): Record<string, string>;
  /** The preflight's answer headers, for an allowed origin. */
  preflight(request: Request, url: URL, methods: readonly string[]): Record<string, string>;
}

/**
 * The gateway's origin as the client addressed it: from the Host header, which a browser sets,
 * not from the request URL, whose host an adapter may take from the request target (a path such
 * as `//evil.example/apps/api/v1/calls` makes `new URL` see the host `evil.example`).
 */
function ownOrigin(request: Request, url: URL): string {
  const host = request.headers.get('Host');
  if (!host) return url.origin;
  try {
    return new URL(`${url.protocol}//${host}`).origin;
  } catch {
    return 'null';
  }
}

export function createCors(origins: readonly string[]): Cors {
  const allowed = new Set(origins.map((origin) => new URL(origin).origin));
  function check(request: Request, url: URL): Record<string, string> {
    const origin = request.headers.get('Origin');
    if (origin === null) return {};
    const own = ownOrigin(request, url);
    if (origin === own && own !== 'null') return {};
    if (!allowed.has(origin)) throw new HttpError(403, 'This origin is not allowed', { Vary: 'Origin' });
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' };
  }
  return {
    check,
    preflight(request, url, methods) {
      const headers = check(request, url);
      if (!headers['Access-Control-Allow-Origin']) return headers;
      return {
        'Access-Control-Allow-Origin': headers['Access-Control-Allow-Origin'],
        'Access-Control-Allow-Methods': methods.join(', '),
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      };
    },
  };
}
