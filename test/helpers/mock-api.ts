/**
 * The one MSW fixture of the browser tests: the only place a service worker is set up and started.
 * Call `useMockApi()` (or `useWorker()` without the mock) once per test file, at its top or in its
 * outer `describe`: the worker starts before the first test (`onUnhandledRequest: 'error'`) and
 * stops after the last; after each test the per-test overrides (`worker.use(…)`), the mock's world,
 * the requests recorded in `sent`, the event listeners of `collect` and this tab's `sessionStorage`
 * (where `<ccai-schedule-call>` keeps its booking) are reset, then `onReset` runs.
 */
import type { RequestHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { createCallsApiMock, type CallsApiMock, type CallsApiMockOptions } from '../../src/mock/index.js';
import { stopCollecting } from './events.js';

export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Promise<string>;
}

/** Every request that reached the (mock) network, with its body, in the order sent (reset after each test). */
export const sent: SentRequest[] = [];

export interface WorkerOptions {
  /** The handlers the worker starts with (none by default: each test then `use()`s its own). */
  handlers?: RequestHandler[];
  /** Sees every request as it reaches the worker, after it is recorded in `sent`. */
  onRequest?: (request: Request) => void;
  /** Runs after each test, after the fixture's own reset. */
  onReset?: () => void;
}

/** The service worker for a test file's tests, with `handlers` and nothing else. */
export function useWorker({ handlers = [], onRequest, onReset }: WorkerOptions = {}) {
  const worker = setupWorker(...handlers);
  before(async () => {
    await worker.start({ onUnhandledRequest: 'error', quiet: true });
    worker.events.on('request:start', ({ request }) => {
      sent.push({ method: request.method, url: request.url, headers: request.headers, body: request.clone().text() });
      onRequest?.(request);
    });
  });
  after(() => worker.stop());
  afterEach(() => {
    worker.resetHandlers();
    sent.length = 0;
    stopCollecting();
    sessionStorage.clear();
    onReset?.();
  });
  return worker;
}

export interface MockApiOptions extends Omit<WorkerOptions, 'handlers'> {
  /**
   * The mock to serve: options for a fresh one (`{ now: … }` pins its clock), or a mock made
   * already (a suite whose helpers read its world). By default, the default world on the real clock.
   */
  mock?: CallsApiMock | CallsApiMockOptions;
}

/** The Calls API mock in the service worker for a test file's tests; its world is restored after each test. */
export function useMockApi({ mock: given, onReset, ...options }: MockApiOptions = {}) {
  const mock = given && 'handlers' in given ? given : createCallsApiMock(given);
  const worker = useWorker({
    ...options,
    handlers: mock.handlers,
    onReset: () => {
      mock.reset();
      onReset?.();
    },
  });
  return { mock, worker };
}
