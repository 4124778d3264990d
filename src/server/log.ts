/** The one JSON line per request, with nothing in it that could identify a caller's call or number. */

/** Capabilities in a query string, and anything that looks like a phone number, become `[redacted]`. */
export function redactPath(path: string): string {
  return path
    .replace(/([?&](?:capability|ccai-capability)=)[^&#]*/gi, '$1[redacted]')
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
  return JSON.stringify({ time: new Date(time).toISOString(), level: entry.status >= 500 ? 'error' : 'info', ...entry, path: redactPath(entry.path) });
}
