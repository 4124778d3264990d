import { expect } from '@open-wc/testing';
import { CallsClient } from '../../src/core/client.js';
import type { CcaiCallStatus } from '../../src/elements/call-status/call-status.js';
import '../../src/elements/call-status/define.js';
import { createCallsApiMock } from '../../src/mock/index.js';
import {
  BUDGET_SCENARIOS,
  MINUTE,
  hiddenAfterAGlance,
  hiddenTenMinutes,
  hourAhead,
  nextTask,
  policyWatcher,
  queuedTenMinutes,
  simulate,
  type Environment,
  type Watcher,
} from './poll-simulation.js';

/** A call object of the mock's world without its agent; `serve` decides status and time. */
const baseCall = { ...structuredClone(createCallsApiMock().world.calls[514]!), agent_info: null };

/**
 * The real `<ccai-call-status>` as a watcher: `call-id` set, the simulation's clock, and a client
 * whose `fetch` answers from the simulation at once. Everything between — the client, the
 * schema, the element's bookkeeping, its controller and policy — is the shipped code.
 */
function elementWatcher({ clock, serve }: Environment): Watcher {
  let fetches = 0;
  const client = new CallsClient({
    fetch: async () => {
      fetches++;
      return Response.json({ ...baseCall, ...serve() });
    },
  });
  const el = document.createElement('ccai-call-status') as CcaiCallStatus;
  el.clock = clock;
  el.client = client;
  el.callId = 514;
  let handled = 0;
  let seen = el.call;
  const errors: string[] = [];
  el.addEventListener('ccai-error', (event) => errors.push(event.detail.message));
  return {
    open: () => document.body.append(el),
    close: () => el.remove(),
    async settled() {
      // The element's polling starts once its module is in: its update completes then.
      await el.updateComplete;
      // Each handled read puts a new call object into `call`; one more task lets the controller set its
      // timer. The first read may wait for the client's schemas to load.
      const giveUp = performance.now() + 5000;
      while (performance.now() < giveUp) {
        await nextTask();
        if (el.call !== seen) [seen, handled] = [el.call, handled + 1];
        if (handled === fetches) return nextTask();
      }
      throw new Error(`read ${fetches} was not handled ${errors.join('; ')}`);
    },
  };
}

describe('rate budget of <ccai-call-status> (simulated clock)', () => {
  // The client loads its schemas on first use: not inside a simulation's step.
  before(() => new CallsClient({ fetch: async () => Response.json(baseCall) }).getCall(514));

  it('(a) a call scheduled an hour ahead, watched until finished, costs at most 30 reads', async () => {
    const tenMinuteCall = await simulate(hourAhead(10), policyWatcher);
    expect(tenMinuteCall.reads).to.have.length(24);
    expect((await simulate(hourAhead(30), policyWatcher)).reads).to.have.length.at.most(30);
  });

  it('(a) costs no more with jitter, which only lengthens waits', async () => {
    for (const jitter of [0.1, 0.5, 0.9])
      expect((await simulate(hourAhead(10), policyWatcher, jitter)).reads).to.have.length.at.most(24);
  });

  it('(b) a queued call watched for ten minutes slows down once it stops changing', async () => {
    const { reads, peakPerMinute } = await simulate(queuedTenMinutes, policyWatcher);
    // Every 15 s for the first 75 s, then a fifth of the time unchanged: far below 5-s polling's 120.
    expect(reads.length).to.be.within(10, 20);
    expect(peakPerMinute).to.equal(4);
  });

  it('(c) a tab opened hidden makes no request', async () => {
    expect((await simulate(hiddenTenMinutes, policyWatcher)).reads).to.deep.equal([]);
  });

  it('(c) a tab hidden while watching makes no request until shown, then one at once', async () => {
    const { reads, hiddenReads } = await simulate(hiddenAfterAGlance, policyWatcher);
    expect(hiddenReads).to.equal(0);
    const [, hiddenTo] = hiddenAfterAGlance.hidden![0]!;
    expect(reads).to.include(hiddenTo);
  });

  it('a call stuck in one status costs at most 12 reads an hour', async () => {
    const stuck = (hours: number) =>
      simulate({ name: 'stuck', timeline: [[0, 'queued']], watchMs: hours * 60 * MINUTE }, policyWatcher);
    const [fiveHours, oneHour] = [await stuck(5), await stuck(1)];
    expect((fiveHours.reads.length - oneHour.reads.length) / 4).to.be.at.most(12);
  });

  it('the element itself makes exactly the reads of the simulation, at the same times', async () => {
    for (const scenario of BUDGET_SCENARIOS) {
      const model = await simulate(scenario, policyWatcher);
      const element = await simulate(scenario, elementWatcher);
      expect(element.reads, scenario.name).to.deep.equal(model.reads);
    }
  });
});
