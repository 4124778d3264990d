/**
 * `<ccai-call-status>` elements on one page share their reads: one read per poll for any number
 * of elements showing one call, a page-wide ceiling on reads per second, and no read storm from an
 * element that is taken out and put back. Requests are counted where they reach the mock.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import { en } from '../../../src/i18n/en.js';
import { nextTask } from '../../internal/poll-simulation.js';
import { ManualClock, SECOND, collect, reads, useMockApi, statusName, worldCall } from './helpers.js';

/** The page-wide ceiling the elements keep to (reads per second). */
const CEILING = 2;

/** `count` elements on one clock (one page's time), each showing the call `idOf(i)`. */
async function page(count: number, idOf: (index: number) => number, clock = new ManualClock()) {
  const container = document.createElement('div');
  container.lang = 'en';
  const elements = Array.from({ length: count }, (_, index) => {
    const el = document.createElement('ccai-call-status');
    el.clock = clock;
    el.callId = idOf(index);
    return el;
  });
  // The elements are the fixture, so that it awaits their update, not an animation frame (none comes in a background tab).
  await fixture(html`${elements}`, { parentNode: container });
  await Promise.all(elements.map((el) => el.updateComplete));
  return { clock, elements };
}

/**
 * Lets the reads that the clock started go out (a few tasks; by message, not by timer, since
 * timers are throttled in the background tabs the runner may use).
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextTask();
}

/** `until` (test/helpers/dom.ts) without timers (see `settle`). */
async function until(check: () => boolean, message: string, timeoutMs = 20_000): Promise<void> {
  const giveUp = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > giveUp) throw new Error(message);
    await nextTask();
  }
}

describe('<ccai-call-status> elements share their reads', function () {
  this.timeout(60_000);
  useMockApi();

  it('200 elements showing one call cost one read per poll, and each fires its own events', async () => {
    worldCall(900, { status: 'queued' });
    const changes = collect('ccai-status-change');
    const { clock, elements } = await page(200, () => 900);
    await until(
      () => elements.every((el) => statusName(el) === en.statusNames.queued),
      'not every element shows the status',
    );
    expect(changes, 'one ccai-status-change per element').to.have.length(200);
    expect(reads, 'the first read').to.have.length(1);
    for (let poll = 1; poll <= 4; poll++) {
      const before = elements.map((el) => el.call);
      clock.tick(15 * SECOND);
      await until(
        () => elements.every((el, index) => el.call !== before[index]),
        `poll ${poll} did not reach every element`,
      );
      await settle();
      expect(reads, `after poll ${poll}`).to.have.length(1 + poll);
    }
  });

  it(`50 distinct calls: never more than ${CEILING} reads in any second, first reads spread out, none lost`, async () => {
    const ids = Array.from({ length: 50 }, (_, index) => 800 + index);
    for (const id of ids) worldCall(id, { status: 'queued' });
    // When each read was sent, on the page's clock, and which call it read, in the order the page
    // sent them. The mock sees them a moment later, and on a busy machine not always in that order
    // (each goes through the service worker), so the order is the page's, which the elements control.
    const times: number[] = [];
    const sent: string[] = [];
    const clock = new ManualClock();
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/calls/')) {
        times.push(clock.now());
        sent.push(url.split('/').at(-1)!);
      }
      return fetch(input, init);
    };
    try {
      const { elements } = await page(50, (index) => ids[index]!, clock);
      await settle();
      expect(times.length, 'reads at load').to.be.at.most(CEILING);
      for (let step = 0; step < 120 && !elements.every((el) => statusName(el) !== ''); step++) {
        clock.tick(250);
        await settle();
      }
      // The last answers may still be on their way on a busy machine.
      await until(() => elements.every((el) => statusName(el) !== ''), 'some call never showed its status');
      expect(
        elements.filter((el) => statusName(el) !== en.statusNames.queued).map((el) => el.callId),
        'without a status',
      ).to.deep.equal([]);
    } finally {
      window.fetch = fetch;
    }
    await until(() => reads.length === times.length, 'a read sent never reached the mock');
    const perSecond = Math.max(
      ...times.map((start) => times.filter((at) => at >= start && at < start + SECOND).length),
    );
    expect(perSecond, 'reads in the busiest second').to.be.at.most(CEILING);
    expect(reads.map((url) => url.split('/').at(-1)).sort(), 'what the mock received').to.deep.equal([...sent].sort());
    const first = new Set(sent.slice(0, 50));
    expect(first.size, 'every call read once before any is read again').to.equal(50);
  });

  it('an element taken out and put back in a loop makes no further reads', async () => {
    worldCall(901, { status: 'queued' });
    const { clock, elements } = await page(1, () => 901);
    const [el] = elements as [CcaiCallStatus];
    const parent = el.parentElement!;
    for (let round = 0; round < 40; round++) {
      el.remove();
      await nextTask();
      parent.append(el);
      await nextTask();
    }
    await until(() => statusName(el) === en.statusNames.queued, 'the status never showed');
    await aTimeout(100);
    expect(reads, 'reads during the loop').to.have.length(1);
    clock.tick(15 * SECOND);
    await until(() => reads.length === 2, 'polling did not go on after the loop');
  });

  it('an element put back after a while reads again, within the ceiling', async () => {
    worldCall(902, { status: 'queued' });
    const { clock, elements } = await page(1, () => 902);
    const [el] = elements as [CcaiCallStatus];
    await until(() => statusName(el) === en.statusNames.queued, 'the status never showed');
    const parent = el.parentElement!;
    el.remove();
    clock.tick(10 * 60 * SECOND);
    await settle();
    expect(reads, 'none while out of the page').to.have.length(1);
    parent.append(el);
    await until(() => reads.length === 2, 'no read once put back');
  });
});
