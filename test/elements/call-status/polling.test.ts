import { aTimeout, expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { en } from '../../../src/i18n/en.js';
import {
  CALL_URL,
  MINUTE,
  SECOND,
  T0,
  collect,
  handled,
  mount,
  noReadAfter,
  notice,
  part,
  pollAfter,
  gate,
  reads,
  useMockApi,
  setVisibility,
  statusName,
  worldCall,
  until,
} from './helpers.js';

const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const fresh = { reads: 0, call: undefined, errors: 0 };

describe('<ccai-call-status> polling', () => {
  const { worker } = useMockApi();

  /** A read that waits until the test releases it, then falls through to the mock. */
  function holdReads() {
    const held = gate();
    worker.use(http.get(CALL_URL, async () => void (await held.wait())));
    return held.release;
  }

  it('adapts the interval to the scheduled time and the status, and stops at a final status', async () => {
    const call = worldCall(600, { status: 'scheduled', scheduled_at: iso(60 * MINUTE) });
    const errors = collect('ccai-error');
    const { el, clock } = await mount({ callId: '600' });
    await handled(el, fresh, errors);
    expect(clock.nextIn, 'an hour ahead: 15 min').to.equal(15 * MINUTE);
    expect(await noReadAfter(clock, 15 * MINUTE - 1)).to.equal(true);
    await pollAfter(el, clock, 1, errors);
    expect(clock.nextIn, '45 min ahead: 15 min').to.equal(15 * MINUTE);
    await pollAfter(el, clock, 15 * MINUTE, errors);
    await pollAfter(el, clock, 15 * MINUTE, errors);
    expect(clock.nextIn, '15 min ahead: half of it').to.equal(7.5 * MINUTE);
    await pollAfter(el, clock, 7.5 * MINUTE, errors);
    await pollAfter(el, clock, 3.75 * MINUTE, errors);
    expect(clock.nextIn, '3.75 min ahead: half of it').to.equal(1.875 * MINUTE);
    await pollAfter(el, clock, 1.875 * MINUTE, errors);
    expect(clock.nextIn, 'under 2 min ahead: wake at the time').to.equal(1.875 * MINUTE);

    call.status = 'queued';
    await pollAfter(el, clock, 1.875 * MINUTE, errors);
    expect(statusName(el)).to.equal(en.statusNames.queued);
    expect(clock.nextIn, 'live: 15 s').to.equal(15 * SECOND);
    call.status = 'connected';
    await pollAfter(el, clock, 15 * SECOND, errors);
    expect(clock.nextIn, 'on the phone: 60 s').to.equal(60 * SECOND);
    call.status = 'finished';
    await pollAfter(el, clock, 60 * SECOND, errors);
    expect(statusName(el)).to.equal(en.statusNames.finished);
    expect(clock.pending, 'no timer after a final status').to.equal(0);
    expect(await noReadAfter(clock, 60 * MINUTE)).to.equal(true);
    expect(reads).to.have.length(10);
  });

  it('reads a call that has ended once, then never again', async () => {
    worldCall(600, { status: 'cancelled' });
    const errors = collect('ccai-error');
    const { el, clock } = await mount({ callId: '600' });
    await handled(el, fresh, errors);
    expect(statusName(el)).to.equal(en.statusNames.cancelled);
    expect(clock.pending).to.equal(0);
    expect(await noReadAfter(clock, 60 * MINUTE)).to.equal(true);
  });

  describe('hidden tab', () => {
    it('reads nothing while hidden, and at once on return if a read came due', async () => {
      worldCall(600, { status: 'queued' });
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      setVisibility('hidden');
      expect(clock.pending, 'the timer is dropped').to.equal(0);
      expect(await noReadAfter(clock, 10 * MINUTE)).to.equal(true);
      const before = { reads: reads.length, call: el.call, errors: 0 };
      setVisibility('visible');
      await handled(el, before, errors);
      expect(reads).to.have.length(2);
    });

    it('on return before the read is due, waits the rest', async () => {
      worldCall(600, { status: 'queued' });
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      setVisibility('hidden');
      clock.tick(10 * SECOND);
      setVisibility('visible');
      await until(() => reads.length > 0, 'no read on return');
      await aTimeout(50);
      expect(reads).to.have.length(1);
      expect(clock.nextIn).to.equal(5 * SECOND);
      await pollAfter(el, clock, 5 * SECOND, errors);
    });

    it('makes no request from a tab opened in the background until it is shown', async () => {
      worldCall(600, { status: 'queued' });
      const errors = collect('ccai-error');
      setVisibility('hidden');
      const { el } = await mount({ callId: '600' });
      await aTimeout(50);
      expect(reads).to.deep.equal([]);
      setVisibility('visible');
      await handled(el, fresh, errors);
      expect(statusName(el)).to.equal(en.statusNames.queued);
    });
  });

  describe('disconnect', () => {
    it('drops the answer of the read in flight, leaves no timer, and shows the call again when reconnected', async () => {
      worldCall(600, { status: 'queued' });
      const changes = collect('ccai-status-change');
      const errors = collect('ccai-error');
      const release = holdReads();
      const { el, clock } = await mount({ callId: '600' });
      await until(() => reads.length === 1);
      const parent = el.parentElement!;
      el.remove();
      release();
      await aTimeout(100);
      expect(el.call, 'the aborted answer is dropped').to.equal(undefined);
      expect(changes).to.deep.equal([]);
      expect(errors, 'an abort is no error').to.deep.equal([]);
      expect(clock.pending).to.equal(0);
      expect(await noReadAfter(clock, 10 * MINUTE)).to.equal(true);

      // Back ten minutes later: a new read, or the answer of the first one if it is only now arriving
      // (a read in flight is not aborted: others on the page may be waiting for it).
      parent.append(el);
      await until(() => statusName(el) === en.statusNames.queued, 'the call was not shown again');
      await aTimeout(50);
      expect(reads).to.have.length.within(1, 2);
      expect(changes).to.have.length(1);
      expect(clock.nextIn).to.equal(15 * SECOND);
    });

    it('never has two reads in flight', async () => {
      worldCall(600, { status: 'queued' });
      const errors = collect('ccai-error');
      const release = holdReads();
      const { el, clock } = await mount({ callId: '600' });
      await until(() => reads.length === 1);
      setVisibility('hidden');
      setVisibility('visible');
      expect(await noReadAfter(clock, 10 * MINUTE)).to.equal(true);
      release();
      await handled(el, fresh, errors);
      expect(reads).to.have.length(1);
      expect(clock.nextIn).to.equal(15 * SECOND);
    });
  });

  describe('errors', () => {
    it('backs off exponentially, keeps the last status, reports each failure, and recovers', async () => {
      worldCall(600, { status: 'queued' });
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      worker.use(http.get(CALL_URL, () => HttpResponse.json({ message: 'Upstream down' }, { status: 503 })));
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(errors.map((event) => event.detail)).to.deep.equal([
        { status: 503, message: 'Upstream down', kind: 'http' },
      ]);
      expect(statusName(el), 'the last known status stays').to.equal(en.statusNames.queued);
      expect(notice(el)).to.equal(`${en.statusUnavailable} ${en.statusRetrying}`);
      // Never sooner than a success would poll (15 s); the backoff (5 s, 10 s, 20 s, 40 s) takes over beyond it.
      expect(clock.nextIn).to.equal(15 * SECOND);
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(clock.nextIn).to.equal(15 * SECOND);
      worker.use(http.get(CALL_URL, () => HttpResponse.error()));
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(errors.at(-1)!.detail.kind).to.equal('network');
      expect(clock.nextIn).to.equal(20 * SECOND);
      await pollAfter(el, clock, 20 * SECOND, errors);
      expect(clock.nextIn).to.equal(40 * SECOND);

      worker.resetHandlers();
      await pollAfter(el, clock, 40 * SECOND, errors);
      expect(notice(el)).to.equal('');
      expect(statusName(el)).to.equal(en.statusNames.queued);
      expect(clock.nextIn, 'back to the normal rule: queued for 105 s, so a fifth of that').to.equal(21 * SECOND);
      expect(errors).to.have.length(4);
    });

    it('backs off from 5 s when the first read fails', async () => {
      worker.use(http.get(CALL_URL, () => HttpResponse.json({ message: 'Oops' }, { status: 500 })));
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      expect(part(el, 'name')).to.equal(null);
      expect(notice(el)).to.equal(`${en.statusUnavailable} ${en.statusRetrying}`);
      expect(clock.nextIn).to.equal(5 * SECOND);
      await pollAfter(el, clock, 5 * SECOND, errors);
      expect(clock.nextIn).to.equal(10 * SECOND);
    });

    it('honours Retry-After on 429', async () => {
      worldCall(600, { status: 'queued' });
      worker.use(
        http.get(
          CALL_URL,
          () => HttpResponse.json({ message: 'Slow down' }, { status: 429, headers: { 'Retry-After': '120' } }),
          {
            once: true,
          },
        ),
      );
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '600' });
      await handled(el, fresh, errors);
      expect(errors[0]!.detail.status).to.equal(429);
      expect(clock.nextIn).to.equal(120 * SECOND);
      expect(await noReadAfter(clock, 120 * SECOND - 1)).to.equal(true);
      await pollAfter(el, clock, 1, errors);
      expect(statusName(el)).to.equal(en.statusNames.queued);
    });

    it('stops on an unknown call and says so', async () => {
      const errors = collect('ccai-error');
      const { el, clock } = await mount({ callId: '9999' });
      await handled(el, fresh, errors);
      expect(errors[0]!.detail).to.deep.equal({ status: 404, message: 'Call not found', kind: 'http' });
      expect(notice(el)).to.equal(en.errorNotFound);
      expect(clock.pending).to.equal(0);
      expect(await noReadAfter(clock, 60 * MINUTE)).to.equal(true);
    });
  });
});
