/** The API mock in a service worker for one test file, shared by the element suites. */
import { setupWorker } from 'msw/browser';
import { createCallsApiMock } from '../../src/mock/index.js';
import { stopCollecting } from './events.js';

export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Promise<string>;
}

/** Every request that reached the (mock) network, with its body, in the order sent (reset after each test). */
export const sent: SentRequest[] = [];

/**
 * Starts the mock (real clock) for the file's tests and records every request in `sent`; after each
 * test the world, per-test overrides, the records, the event listeners and this tab's
 * `sessionStorage` (where `<ccai-schedule-call>` keeps its booking) are reset, then `onReset`.
 */
export function useMockApi({ onReset }: { onReset?: () => void } = {}) {
  const mock = createCallsApiMock();
  const worker = setupWorker(...mock.handlers);
  before(async () => {
    await worker.start({ onUnhandledRequest: 'error', quiet: true });
    worker.events.on('request:start', ({ request }) => {
      sent.push({ method: request.method, url: request.url, headers: request.headers, body: request.clone().text() });
    });
  });
  after(() => worker.stop());
  afterEach(() => {
    mock.reset();
    worker.resetHandlers();
    sent.length = 0;
    stopCollecting();
    sessionStorage.clear();
    onReset?.();
  });
  return { mock, worker };
}
