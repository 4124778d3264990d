/** What went wrong, in a form a UI can branch on. */
export type CallsApiErrorKind = 'http' | 'network' | 'timeout' | 'parse' | 'validation';

export interface CallsApiErrorInit {
  kind: CallsApiErrorKind;
  /** HTTP status; 0 when no response was received (network, timeout) or none was sent (validation). */
  status?: number;
  /** The parsed error body (or its text) as the server sent it. */
  body?: unknown;
  /** Milliseconds the server asked us to wait (`Retry-After`), when it said so. */
  retryAfterMs?: number;
  /** For `validation`: which parameter was refused. */
  field?: string;
  /**
   * For `network`: known never to have left (the browser said it was offline before sending, or it
   * failed before `fetch`). Without it a cut connection may have come after the server took the request.
   */
  unsent?: boolean;
  cause?: unknown;
}

/**
 * The one error every client call rejects with (apart from the caller's own abort, which rejects
 * with the signal's reason, as `fetch` does). For `http` errors `message` is the server's
 * `message`, verbatim.
 */
export class CallsApiError extends Error {
  override readonly name = 'CallsApiError';
  readonly kind: CallsApiErrorKind;
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterMs: number | undefined;
  readonly field: string | undefined;
  readonly unsent: boolean;

  constructor(message: string, init: CallsApiErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.body = init.body;
    this.retryAfterMs = init.retryAfterMs;
    this.field = init.field;
    this.unsent = init.unsent ?? false;
  }

  /** Whether trying the same request again later may succeed. */
  get retriable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.status === 429 || this.status >= 500;
  }

  /**
   * Whether a failed *write* may nonetheless have been carried out: the server took it and the
   * answer was lost (timeout, or a connection cut after the request may have left: a reset, a
   * proxy's timeout), or it answered 2xx with a body that could not be read. Only a failure known
   * to have come before sending (`unsent`: offline) is not counted.
   */
  get unconfirmed(): boolean {
    return (
      this.kind === 'timeout' ||
      (this.kind === 'network' && !this.unsent) ||
      (this.kind === 'parse' && this.status >= 200 && this.status < 300)
    );
  }
}

/**
 * Whether a failed write may have been carried out (see `CallsApiError.unconfirmed`). The Calls
 * API has no idempotency key, so sending the same create again could book a second call: such an
 * outcome is unknown, and must not be retried as if it had failed.
 */
export function isUnconfirmedWrite(error: unknown): error is CallsApiError {
  return error instanceof CallsApiError && error.unconfirmed;
}

/** Whether the same request may work later: anything but a `CallsApiError` that says otherwise. */
export function isTransient(error: unknown): boolean {
  return !(error instanceof CallsApiError) || error.retriable;
}

export function isCallsApiError(value: unknown): value is CallsApiError {
  return value instanceof CallsApiError;
}
