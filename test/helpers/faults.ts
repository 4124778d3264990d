/**
 * The faults that the suites `test/elements/<name>/faults.test.ts` put every request of every element through, and a
 * guard that fails a test when anything escapes to the window (an uncaught error, an unhandled
 * rejection): the test runner only logs those, it does not fail on them.
 */
import { expect } from '@open-wc/testing';
import { delay, HttpResponse } from 'msw';
import { createCallsClient } from '../../src/core/client.js';
import type { CallsApiErrorKind } from '../../src/core/errors.js';
import type { Messages } from '../../src/i18n/en.js';

/**
 * For the slow answer, the injected client gives up after this long: short enough for a quick
 * suite, long enough that no ordinary answer of the mock takes it, even with two test pages
 * sharing a loaded machine...
 */
export const TIMEOUT_MS = 1000;
/** ...and the slow answer comes this long after the request; tests wait past it before they end. */
export const SLOW_MS = 2000;

/** The client a test of `fault` injects: the default one, with a short timeout for the slow answer. */
export const clientFor = (fault: Fault) => createCallsClient(fault.kind === 'timeout' ? { timeoutMs: TIMEOUT_MS } : {});

export interface Fault {
  name: string;
  /**
   * The answer to one request. `ok` is the status a success would have, `broken` a well-formed JSON
   * body that the element's schema refuses. `undefined` falls through to the mock (the slow answer
   * does: the server did the work, the client had stopped waiting).
   */
  respond(ok: number, broken: unknown): Response | undefined | Promise<Response | undefined>;
  kind: CallsApiErrorKind;
  /** `ccai-error`'s `status`, given the status a success would have. */
  status(ok: number): number;
  /** What the visitor reads about it. */
  message(t: Messages): string;
  /** Whether the same request may work later, so that "Try again" is offered. */
  transient: boolean;
  /** Whether the client itself tries a read again (bounded by its retry policy). */
  retriedRead: boolean;
}

export const FAULTS: readonly Fault[] = [
  {
    name: 'a 500',
    respond: () => HttpResponse.json({ message: 'Internal server error' }, { status: 500 }),
    kind: 'http',
    status: () => 500,
    message: (t) => t.errorServer,
    transient: true,
    retriedRead: true,
  },
  {
    name: 'a 429 with Retry-After',
    respond: () =>
      HttpResponse.json({ message: 'Too many requests' }, { status: 429, headers: { 'Retry-After': '120' } }),
    kind: 'http',
    status: () => 429,
    message: (t) => t.errorRateLimited,
    transient: true,
    // Two minutes is longer than the client waits by itself: it hands the 429 to the element.
    retriedRead: false,
  },
  {
    name: 'a dropped connection',
    respond: () => HttpResponse.error(),
    kind: 'network',
    status: () => 0,
    message: (t) => t.errorNetwork,
    transient: true,
    retriedRead: true,
  },
  {
    name: 'an answer slower than the timeout',
    respond: async () => {
      await delay(SLOW_MS);
      return undefined;
    },
    kind: 'timeout',
    status: () => 0,
    message: (t) => t.errorTimeout,
    transient: true,
    retriedRead: true,
  },
  {
    name: 'malformed JSON',
    respond: (ok) =>
      new HttpResponse('{"id": 515, "status": ', { status: ok, headers: { 'Content-Type': 'application/json' } }),
    kind: 'parse',
    status: (ok) => ok,
    message: (t) => t.errorParse,
    transient: false,
    retriedRead: false,
  },
  {
    name: 'JSON that fails the schema',
    respond: (ok, broken) => HttpResponse.json(broken as Record<string, unknown>, { status: ok }),
    kind: 'parse',
    status: (ok) => ok,
    message: (t) => t.errorParse,
    transient: false,
    retriedRead: false,
  },
  {
    name: 'a 404',
    respond: () => HttpResponse.json({ message: 'Call not found' }, { status: 404 }),
    kind: 'http',
    status: () => 404,
    message: (t) => t.errorNotFound,
    transient: false,
    retriedRead: false,
  },
];

/** Everything that reached the window's error handlers during the current test. */
const escaped: string[] = [];
const onRejection = (event: PromiseRejectionEvent) => escaped.push(`unhandled rejection: ${String(event.reason)}`);
const onError = (event: ErrorEvent) => escaped.push(`uncaught error: ${event.message}`);

/**
 * For a whole suite: listens for uncaught errors and unhandled rejections, and fails the test
 * during which one was seen. Tests whose request outlives them wait past it (`SLOW_MS`) first.
 * The suite tests the guard itself with `guardHearsRejection`.
 */
export function guardEscapes(): void {
  before(() => {
    addEventListener('unhandledrejection', onRejection);
    addEventListener('error', onError);
  });
  after(() => {
    removeEventListener('unhandledrejection', onRejection);
    removeEventListener('error', onError);
  });
  afterEach(() => {
    expect(escaped.splice(0), 'errors that escaped to the window').to.deep.equal([]);
  });
}

/**
 * The body of each guarded suite's own test of the guard: a synthetic unhandled rejection proves
 * the wiring (a synthetic `error` would also reach mocha's `onerror`).
 */
export function guardHearsRejection(): void {
  dispatchEvent(new PromiseRejectionEvent('unhandledrejection', { promise: Promise.resolve(), reason: 'probe' }));
  expect(escaped.splice(0)).to.deep.equal(['unhandled rejection: probe']);
}
