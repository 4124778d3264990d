/**
 * Capabilities: the proof that a visitor booked a call, with no database behind it.
 *
 * `v1.<call id>.<expiry, epoch seconds>.<HMAC-SHA256 of the first three parts, base64url>`. Web
 * Crypto only, so it runs in Node, Deno, Bun and Workers alike; `verify` compares in constant time.
 * A capability is a bearer token: whoever holds it may read and cancel that one call until it
 * expires. It names the call, so it proves nothing about any other.
 */

const VERSION = 'v1';
const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/') + '=');
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export interface CapabilitySigner {
  /** A capability for `callId`, valid until `now + ttl`, or until `atLeastUntil` (ms) if that is later. */
  issue(callId: number, atLeastUntil?: number): Promise<string>;
  /** Whether `capability` is a genuine, unexpired one for exactly `callId`. */
  verify(capability: string | null | undefined, callId: string | number): Promise<boolean>;
}

export function createCapabilitySigner(secret: string, ttlMs: number, now: () => number): CapabilitySigner {
  const key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  return {
    async issue(callId, atLeastUntil = 0) {
      const claims = `${VERSION}.${callId}.${Math.floor(Math.max(now() + ttlMs, atLeastUntil) / 1000)}`;
      return `${claims}.${base64url(await crypto.subtle.sign('HMAC', await key, encoder.encode(claims)))}`;
    },
    async verify(capability, callId) {
      if (typeof capability !== 'string' || capability.length > 128) return false;
      const match = /^(v1\.(\d{1,15})\.(\d{1,12}))\.([A-Za-z0-9_-]+)$/.exec(capability);
      if (!match || match[2] !== String(callId)) return false;
      if (Number(match[3]) * 1000 <= now()) return false;
      const signature = fromBase64url(match[4]!);
      if (!signature) return false;
      return crypto.subtle.verify('HMAC', await key, signature, encoder.encode(match[1]));
    },
  };
}

/** A random secret for a gateway given none (capabilities then die with the process). */
export function randomSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)).buffer);
}
