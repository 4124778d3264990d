/**
 * The wait of "Call me now" kept fresh within the budget (`now.ts` `WaitWatch`): one read when
 * shown, then one a minute; none in a hidden tab (the due read made on return); later and later
 * after failures, never sooner than `Retry-After`; nothing once no longer shown. Timers are
 * recorded instead of run, so the schedule is read, not waited for.
 */
import { expect } from '@open-wc/testing';
import { CallsApiError } from '../../../src/core/errors.js';
import type { WaitTime } from '../../../src/core/schemas.js';
import { WAIT_REFRESH_MS, WaitWatch, isOpenAt } from '../../../src/elements/schedule-call/now.js';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

const entries = (minutes: number): WaitTime[] => [{ menu_id: 9, voice_call: minutes, logged_in_agents: 1 }];
const settle = () => new Promise((resolve) => queueMicrotask(() => resolve(undefined))).then(() => undefined);
const flush = async () => {
  for (let i = 0; i < 5; i++) await settle();
};

describe('WaitWatch (Call me now: the wait kept fresh)', () => {
  const timers: { run: () => void; delay: number; cleared: boolean }[] = [];
  const { setTimeout: realSet, clearTimeout: realClear } = window;
  beforeEach(() => {
    timers.length = 0;
    visibility = 'visible';
    window.setTimeout = ((run: () => void, delay: number) => timers.push({ run, delay, cleared: false })) as never;
    window.clearTimeout = ((id: number) => {
      if (timers[id - 1]) timers[id - 1]!.cleared = true;
    }) as never;
  });
  afterEach(() => Object.assign(window, { setTimeout: realSet, clearTimeout: realClear }));

  const pending = () => timers.filter((timer) => !timer.cleared);
  const fire = async () => {
    const timer = pending().at(-1)!;
    timer.cleared = true;
    timer.run();
    await flush();
  };

  it('reads at once, then once a minute, and stops when no longer shown', async () => {
    let reads = 0;
    const watch = new WaitWatch(() => undefined);
    watch.sync('en 9', async () => entries(++reads));
    await flush();
    expect(reads).to.equal(1);
    expect(watch.wait).to.deep.equal({ minutes: 1, staffed: true });
    expect(pending().map((timer) => timer.delay)).to.deep.equal([WAIT_REFRESH_MS]);
    expect(WAIT_REFRESH_MS).to.equal(60_000);
    await fire();
    expect(reads).to.equal(2);
    expect(watch.wait?.minutes).to.equal(2);
    watch.sync('en 9', async () => entries(++reads));
    expect(reads, 'the same key: no new read').to.equal(2);
    watch.sync(null);
    expect(pending(), 'stopped').to.deep.equal([]);
  });

  it('reads nothing in a hidden tab; the read that came due is made when it is shown', async () => {
    let reads = 0;
    const watch = new WaitWatch(() => undefined);
    watch.sync('en 9', async () => entries(++reads));
    await flush();
    visibility = 'hidden';
    await fire();
    expect(reads).to.equal(1);
    expect(pending(), 'no timer while hidden').to.deep.equal([]);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(reads).to.equal(2);
    watch.sync(null);
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(reads, 'no listener left').to.equal(2);
  });

  it('after failures waits longer and longer (to 5 minutes), never sooner than Retry-After', async () => {
    const failures = [
      new CallsApiError('down', { kind: 'http', status: 503 }),
      new CallsApiError('down', { kind: 'network' }),
      new CallsApiError('slow down', { kind: 'http', status: 429, retryAfterMs: 240_000 }),
      new CallsApiError('down', { kind: 'http', status: 503 }),
      new CallsApiError('refused', { kind: 'http', status: 400 }),
    ];
    const watch = new WaitWatch(() => undefined);
    watch.sync('en 9', async () => {
      throw failures.shift();
    });
    await flush();
    const delays = [pending().at(-1)!.delay];
    for (let i = 0; i < 4; i++) {
      await fire();
      delays.push(pending().at(-1)!.delay);
    }
    expect(delays).to.deep.equal([60_000, 120_000, 240_000, 300_000, 300_000]);
    expect(watch.failed).to.equal(true);
    watch.sync(null);
  });
});

describe('isOpenAt (Call me now: the element’s own opening hours)', () => {
  const at = (iso: string) => Date.parse(iso);
  const NY = 'America/New_York';
  const weekdays = new Set([1, 2, 3, 4, 5]);

  it('is open from the start of a range up to (not at) its end, on open days, in the hours’ zone', () => {
    const hours = [{ start: 9 * 60, end: 17 * 60 }];
    const open = (iso: string) => isOpenAt(at(iso), { timeZone: NY, hours, days: weekdays });
    expect(open('2031-03-03T13:59:00Z'), 'Monday 08:59 EST').to.equal(false);
    expect(open('2031-03-03T14:00:00Z'), 'Monday 09:00').to.equal(true);
    expect(open('2031-03-03T21:59:00Z'), 'Monday 16:59').to.equal(true);
    expect(open('2031-03-03T22:00:00Z'), 'Monday 17:00').to.equal(false);
    expect(open('2031-03-08T15:00:00Z'), 'Saturday 10:00').to.equal(false);
    // After the clocks change (9 March 2031): 09:00 EDT is 13:00 UTC.
    expect(open('2031-03-10T13:00:00Z'), 'Monday 09:00 EDT').to.equal(true);
  });

  it('counts a range past midnight for the day it opened', () => {
    const hours = [{ start: 22 * 60, end: 26 * 60 }];
    const fridays = new Set([5]);
    const open = (iso: string) => isOpenAt(at(iso), { timeZone: 'UTC', hours, days: fridays });
    expect(open('2031-03-07T22:30:00Z'), 'Friday 22:30').to.equal(true);
    expect(open('2031-03-08T01:30:00Z'), 'Saturday 01:30, opened Friday').to.equal(true);
    expect(open('2031-03-08T02:00:00Z'), 'Saturday 02:00').to.equal(false);
    expect(open('2031-03-07T01:30:00Z'), 'Friday 01:30, Thursday closed').to.equal(false);
  });
});
