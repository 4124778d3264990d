/** Shared by the `<ccai-call-status>` suites: the mock API, a hand-driven clock, and probes. */
import { aTimeout, fixture, html } from '@open-wc/testing';
import { callSchema, type Call } from '../../../src/core/schemas.js';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import '../../../src/elements/call-status/define.js';
import type { Clock } from '../../../src/internal/polling-controller.js';
import { root, textOf, until } from '../../helpers/dom.js';
import { useMockApi as useSharedMockApi } from '../../helpers/mock-api.js';
import { createCallsApiMock, type CallObject } from '../../../src/mock/index.js';

export const mock = createCallsApiMock();
export const CALL_URL = '*/apps/api/v1/calls/:id';
export const T0 = Date.parse('2030-01-15T09:00:00Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/**
 * The polling schedule runs on this clock instead of real timers: a timer fires only when the
 * test calls `tick`, and jitter is zero, so every interval can be asserted exactly while the
 * requests themselves still go through the real client, `fetch` and the MSW worker.
 */
export class ManualClock implements Clock {
  time = T0;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();
  #nextId = 1;

  now(): number {
    return this.time;
  }

  random(): number {
    return 0;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Milliseconds until the next timer fires, `null` without one. */
  get nextIn(): number | null {
    const next = Math.min(...[...this.#timers.values()].map((timer) => timer.at));
    return Number.isFinite(next) ? next - this.time : null;
  }

  /** Moves time on by `ms`, firing the timers that come due, in order. */
  tick(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

/** URLs of the call reads that reached the network (the worker), in order (reset after each test). */
export const reads: string[] = [];

export { collect, gate } from '../../helpers/events.js';
export { root, until } from '../../helpers/dom.js';

let visibility: DocumentVisibilityState = 'visible';

/**
 * Pretends the tab was hidden or shown, as the browser reports it. Every test starts "visible":
 * the runner may open test pages in background tabs, which really are hidden.
 */
export function setVisibility(state: DocumentVisibilityState, announce = true): void {
  visibility = state;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  if (announce) document.dispatchEvent(new Event('visibilitychange'));
}
setVisibility('visible', false);

/**
 * The API mock for these suites (see test/helpers/mock-api.ts), recording the call reads in
 * `reads`; after each test the tab is "visible" again.
 */
export function useMockApi() {
  return useSharedMockApi({
    mock,
    onRequest: (request) => {
      if (request.method === 'GET' && new URL(request.url).pathname.includes('/calls/')) reads.push(request.url);
    },
    onReset: () => {
      reads.length = 0;
      setVisibility('visible', false);
    },
  });
}

/** Call 514 of the default world without its agent: a call not yet answered. */
const unanswered = (): CallObject => ({
  ...structuredClone(mock.world.calls[514]!),
  agent_info: null,
  fail_reason: 'nothing',
});

/** A call in the mock world (call 514 unanswered, with the given id and fields). */
export function worldCall(id: number, fields: Partial<CallObject>): CallObject {
  const call = { ...unanswered(), id, ...fields };
  mock.world.calls[id] = call;
  return call;
}

/** A call object as the client would hand it out, to push into `call`. */
export function callOf(fields: Partial<CallObject> & { status: string }): Call {
  return callSchema.parse({ ...unanswered(), id: 700, ...fields });
}

export interface MountOptions {
  callId?: string;
  src?: string;
  baseUrl?: string;
  call?: Call;
  capability?: string;
  lang?: string;
}

/** Renders the element on a manual clock, inside `[lang]`. */
export async function mount({ callId, src, baseUrl, call, capability, lang = 'en' }: MountOptions = {}) {
  const clock = new ManualClock();
  const el = document.createElement('ccai-call-status');
  el.clock = clock;
  if (callId !== undefined) el.setAttribute('call-id', callId);
  if (src !== undefined) el.setAttribute('src', src);
  if (baseUrl !== undefined) el.setAttribute('base-url', baseUrl);
  if (call) el.call = call;
  if (capability !== undefined) el.capability = capability;
  // The element itself is the fixture, so that `fixture` awaits its update rather than an
  // animation frame, which never comes in a background tab (the runner opens several pages).
  const parentNode = document.createElement('div');
  parentNode.lang = lang;
  await fixture(html`${el}`, { parentNode });
  return { el, clock };
}

/** Waits until the read now under way (or the first one) has been handled by the element. */
export async function handled(
  el: CcaiCallStatus,
  before: { reads: number; call: Call | undefined; errors: number },
  errors: unknown[],
) {
  await until(() => reads.length > before.reads, 'no read was made');
  await until(() => el.call !== before.call || errors.length > before.errors, 'the read was not handled');
  await aTimeout(0);
  await el.updateComplete;
}

/** Moves the clock on by `ms` and waits for the read that it must trigger. */
export async function pollAfter(el: CcaiCallStatus, clock: ManualClock, ms: number, errors: unknown[]) {
  const before = { reads: reads.length, call: el.call, errors: errors.length };
  clock.tick(ms);
  await handled(el, before, errors);
}

/** Moves the clock on by `ms` and checks, after a moment, that nothing was requested. */
export async function noReadAfter(clock: ManualClock, ms: number): Promise<boolean> {
  const before = reads.length;
  clock.tick(ms);
  await aTimeout(50);
  return reads.length === before;
}

export const part = (el: CcaiCallStatus, name: string) => root(el).querySelector(`[part~=${name}]`);
/** The live region's text. */
export const announced = (el: CcaiCallStatus) => textOf(root(el).querySelector('[part=status][role=status]'));
export const statusName = (el: CcaiCallStatus) => textOf(part(el, 'name'));
export const details = (el: CcaiCallStatus) => [...root(el).querySelectorAll('[part=detail]')].map(textOf);
export const notice = (el: CcaiCallStatus) => textOf(part(el, 'notice'));
