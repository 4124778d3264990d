/** The one JSON line per request, with nothing in it that could identify a caller's call or number. */

/**
 * Capabilities (whole, or a signature on its own, wherever a visitor put them) and anything that
 * looks like a phone number become `[redacted]`. A capability's signature is a run of 43 base64url
 * characters; no path the gateway serves has a run of 32.
 */
export function redactPath(path: string): string {
  return path
    .replace(/([?&](?:capability|ccai-capability)=)[^&#]*/gi, '$1[redacted]')
    .replace(/v1(?:\.|%2e)\d+(?:\.|%2e)\d+(?:\.|%2e)[\w-]*/gi, '[redacted]')
    .replace(/[\w-]{32,}/g, '[redacted]')
    .replace(/(?:%2B|\+)?(?:\d[\s().%20-]{0,3}){7,}/gi, (match) => (/^\d{1,15}$/.test(match) ? match : '[redacted]'));
}

export interface LogEntry {
  method: string;
  route: string;
  path: string;
  status: number;
  durationMs: number;
  client: string;
  error?: string;
}

export function logLine(entry: LogEntry, time: number): string {
  return JSON.stringify({
    time: new Date(time).toISOString(),
    level: entry.status >= 500 ? 'error' : 'info',
    ...entry,
    path: redactPath(entry.path),
  });
}
