import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CALL_STATUSES, isTerminalStatus } from '../../src/core/calls.js';
import { nextPollDelay, POLL_TIMING, type PollInput } from '../../src/internal/poll-policy.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.parse('2030-01-15T09:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const noJitter = () => 0;
const fullJitter = () => 0.999_999;

function delay(input: Partial<PollInput> & Pick<PollInput, 'call'>): number | null {
  return nextPollDelay({ now: T0, statusSince: T0, consecutiveErrors: 0, random: noJitter, ...input });
}

// The budget these rules add up to, simulated over whole calls: poll-budget.test.ts.
describe('nextPollDelay', () => {
  it('stops at every terminal status, and only there', () => {
    for (const status of CALL_STATUSES) {
      const wait = delay({ call: { status } });
      if (isTerminalStatus(status)) expect(wait, status).to.equal(null);
      else expect(wait, status).to.be.a('number').and.be.greaterThan(0);
    }
  });

  it('reads at once while nothing is known', () => {
    expect(delay({ call: null })).to.equal(0);
  });

  it('waits half the time left before a far scheduled time, at most 15 minutes', () => {
    expect(delay({ call: { status: 'scheduled', scheduled_at: at(3 * 60 * MINUTE) } })).to.equal(15 * MINUTE);
    expect(delay({ call: { status: 'scheduled', scheduled_at: at(20 * MINUTE) } })).to.equal(10 * MINUTE);
    expect(delay({ call: { status: 'scheduled', scheduled_at: at(3 * MINUTE) } })).to.equal(90 * SECOND);
  });

  it('sleeps until the scheduled time once it is close, spread over the first live interval', () => {
    const scheduled = { status: 'scheduled', scheduled_at: at(100 * SECOND) };
    expect(delay({ call: scheduled })).to.equal(100 * SECOND);
    expect(delay({ call: scheduled, random: fullJitter })).to.be.within(
      100 * SECOND,
      100 * SECOND + POLL_TIMING.liveMs,
    );
  });

  it('polls every 15 s when a scheduled time has passed, and slows down if the call does not start', () => {
    const due = { status: 'scheduled', scheduled_at: at(-5 * SECOND) };
    expect(delay({ call: due, statusSince: T0 - 30 * MINUTE })).to.equal(15 * SECOND);
    // 10 min overdue: a fifth of that.
    expect(
      delay({ call: { status: 'scheduled', scheduled_at: at(-10 * MINUTE) }, statusSince: T0 - 60 * MINUTE }),
    ).to.equal(2 * MINUTE);
  });

  it('polls a live call every 15 s and a connected one every 60 s', () => {
    for (const status of ['selecting', 'queued', 'assigned', 'connecting', 'switching'])
      expect(delay({ call: { status } }), status).to.equal(15 * SECOND);
    for (const status of ['connected', 'action_only', 'voicemail'])
      expect(delay({ call: { status } }), status).to.equal(60 * SECOND);
  });

  it('polls an unknown status (or a scheduled call without a time) like a call in progress', () => {
    expect(delay({ call: { status: 'on_hold_new' } })).to.equal(60 * SECOND);
    expect(delay({ call: { status: 'scheduled', scheduled_at: null } })).to.equal(60 * SECOND);
  });

  it('slows down a status that does not change, to at most 5 minutes', () => {
    expect(delay({ call: { status: 'queued' }, statusSince: T0 - 5 * MINUTE })).to.equal(60 * SECOND);
    expect(delay({ call: { status: 'connected' }, statusSince: T0 - 20 * MINUTE })).to.equal(4 * MINUTE);
    expect(delay({ call: { status: 'connected' }, statusSince: T0 - 5 * 60 * MINUTE })).to.equal(5 * MINUTE);
  });

  it('only ever lengthens a normal wait with jitter, by at most a fifth', () => {
    expect(delay({ call: { status: 'queued' }, random: fullJitter })).to.be.within(15 * SECOND, 18 * SECOND);
  });

  it('backs off exponentially on errors, from 5–10 s to 2.5–5 min', () => {
    const error = { kind: 'http', status: 503 };
    const waits = [1, 2, 3, 4, 5, 6, 7, 10].map((n) => delay({ call: null, consecutiveErrors: n, error }));
    expect(waits).to.deep.equal([5, 10, 20, 40, 80, 150, 150, 150].map((s) => s * SECOND));
    expect(delay({ call: null, consecutiveErrors: 1, error, random: fullJitter })).to.be.within(
      9.9 * SECOND,
      10 * SECOND,
    );
  });

  it('never polls sooner than Retry-After', () => {
    const error = { kind: 'http', status: 429, retryAfterMs: 120 * SECOND };
    expect(delay({ call: { status: 'queued' }, consecutiveErrors: 1, error })).to.equal(120 * SECOND);
  });

  it('never polls sooner after an error than after a success', () => {
    const far = { status: 'scheduled', scheduled_at: at(3 * 60 * MINUTE) };
    expect(delay({ call: far, consecutiveErrors: 1, error: { kind: 'network', status: 0 } })).to.equal(15 * MINUTE);
  });

  it('stops on an unknown call or a malformed id', () => {
    expect(delay({ call: { status: 'queued' }, consecutiveErrors: 1, error: { kind: 'http', status: 404 } })).to.equal(
      null,
    );
    expect(delay({ call: null, consecutiveErrors: 1, error: { kind: 'validation', status: 0 } })).to.equal(null);
  });

  it('honours Retry-After and stays within bounds for any input', () => {
    const statuses = fc.oneof(fc.constantFrom(...CALL_STATUSES), fc.string());
    fc.assert(
      fc.property(
        statuses,
        fc.option(fc.integer({ min: -1e9, max: 1e10 })),
        fc.integer({ min: 0, max: 1e9 }),
        fc.nat(20),
        fc.option(fc.integer({ min: 0, max: 1e7 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (status, offset, age, consecutiveErrors, retryAfterMs, r) => {
          const wait = nextPollDelay({
            call: { status, scheduled_at: offset === null ? null : at(offset) },
            now: T0,
            statusSince: T0 - age,
            consecutiveErrors,
            error: consecutiveErrors ? { kind: 'http', status: 429, retryAfterMs } : null,
            random: () => r,
          });
          if (isTerminalStatus(status)) return wait === null;
          if (wait === null || wait <= 0) return false;
          if (wait < (consecutiveErrors ? (retryAfterMs ?? 0) : 0)) return false;
          return wait <= Math.max(POLL_TIMING.farMaxMs * 1.2, retryAfterMs ?? 0);
        },
      ),
    );
  });
});
