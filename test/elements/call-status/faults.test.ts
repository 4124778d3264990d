/**
 * `<ccai-call-status>` under faults: a poll answered with every fault of `test/helpers/faults.ts`, and
 * the element removed while a poll is in flight. The last known status stays on screen with a
 * localised note, the read is made once (the poller never retries by itself), `ccai-error` tells
 * the page, polling goes on later (or stops, for an unknown call), and nothing escapes.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import {
  CALL_URL,
  MINUTE,
  ManualClock,
  SECOND,
  collect,
  handled,
  mock,
  noReadAfter,
  notice,
  pollAfter,
  reads,
  useMockApi,
  statusName,
  worldCall,
  until,
} from './helpers.js';
import type { CallsClient } from '../../../src/core/client.js';
import { FAULTS, SLOW_MS, clientFor, guardEscapes, guardHearsRejection } from '../../helpers/faults.js';

/** When the next read comes after the failed one: a queued call is read every 15 s, Retry-After wins, a 404 stops. */
const NEXT_READ: Record<string, number | null> = { 'a 429 with Retry-After': 120 * SECOND, 'a 404': null };

const kindsAndStatuses = (events: { detail: { kind: string; status: number } }[]) =>
  events.map(({ detail }) => [detail.kind, detail.status]);

/** A queued call 600, read once already, on a manual clock (with `client`, when given). */
async function watching(lang = 'en', client?: CallsClient) {
  worldCall(600, { status: 'queued' });
  const clock = new ManualClock();
  const el = document.createElement('ccai-call-status');
  el.clock = clock;
  if (client) el.client = client;
  el.setAttribute('call-id', '600');
  const parentNode = document.createElement('div');
  parentNode.lang = lang;
  const errors = collect('ccai-error');
  await fixture(html`${el}`, { parentNode });
  await handled(el, { reads: 0, call: undefined, errors: 0 }, errors);
  return { el, clock, errors };
}

describe('<ccai-call-status> under faults', function () {
  // The slow answers and the client's own retries take a few seconds on a loaded machine.
  this.timeout(20_000);
  const { worker } = useMockApi();
  guardEscapes();
  it('(the guard hears an unhandled rejection)', guardHearsRejection);

  const brokenCall = () => ({ ...structuredClone(mock.world.calls[600]), id: 'x' });

  for (const fault of FAULTS) {
    it(`keeps the last status through ${fault.name}, says so, and reads again later`, async () => {
      const { el, clock, errors } = await watching('en', clientFor(fault));
      worker.use(http.get(CALL_URL, () => fault.respond(200, brokenCall()), { once: true }));
      await pollAfter(el, clock, 15 * SECOND, errors);
      expect(kindsAndStatuses(errors)).to.deep.equal([[fault.kind, fault.status(200)]]);
      expect(statusName(el), 'the last known status stays').to.equal(en.statusNames.queued);
      expect(reads, 'read once, not retried').to.have.length(2);

      const next = NEXT_READ[fault.name] === undefined ? 15 * SECOND : NEXT_READ[fault.name]!;
      if (next === null) {
        expect(notice(el)).to.equal(en.errorNotFound);
        expect(clock.pending).to.equal(0);
        expect(await noReadAfter(clock, 60 * MINUTE)).to.equal(true);
      } else {
        expect(notice(el)).to.equal(`${en.statusUnavailable} ${en.statusRetrying}`);
        expect(clock.nextIn).to.equal(next);
        expect(await noReadAfter(clock, next - 1)).to.equal(true);
        await pollAfter(el, clock, 1, errors);
        expect(notice(el)).to.equal('');
        expect(statusName(el)).to.equal(en.statusNames.queued);
        expect(reads).to.have.length(3);
      }
      if (fault.kind === 'timeout') await aTimeout(SLOW_MS);
    });
  }

  it('says it in Japanese', async () => {
    const { el, clock, errors } = await watching('ja');
    worker.use(http.get(CALL_URL, () => HttpResponse.error(), { once: true }));
    await pollAfter(el, clock, 15 * SECOND, errors);
    expect(statusName(el)).to.equal(ja.statusNames.queued);
    expect(notice(el)).to.equal(`${ja.statusUnavailable} ${ja.statusRetrying}`);
  });

  const answers = [
    ['the call', () => undefined],
    ['a 500', () => HttpResponse.json({ message: 'boom' }, { status: 500 })],
  ] as const;
  for (const [name, answer] of answers) {
    it(`when removed while a read is in flight, drops ${name} that comes after, and shows the call again once put back`, async () => {
      const { el, clock } = await watching();
      const errors: Event[] = [];
      el.addEventListener('ccai-error', (event) => errors.push(event));
      let release!: () => void;
      const opened = new Promise<void>((resolve) => (release = resolve));
      worker.use(
        http.get(
          CALL_URL,
          async () => {
            await opened;
            return answer();
          },
          { once: true },
        ),
      );
      const before = el.call;
      clock.tick(15 * SECOND);
      await until(() => reads.length === 2, 'no read was made');
      const parent = el.parentElement!;
      el.remove();
      release();
      await aTimeout(100);
      expect(el.call, 'the answer is dropped').to.equal(before);
      expect(errors, 'an abort is no error').to.deep.equal([]);
      expect(clock.pending).to.equal(0);
      expect(await noReadAfter(clock, 10 * MINUTE)).to.equal(true);

      // Ten minutes later: read again, unless the answer of the read that was in flight (not aborted:
      // others on the page may wait for it) arrives only now, which is then as good as a new read.
      parent.append(el);
      await until(() => el.call !== before || errors.length > 0, 'the call was not read again');
      await aTimeout(50);
      expect(reads).to.have.length.within(2, 3);
      if (reads.length === 3) expect(statusName(el)).to.equal(en.statusNames.queued);
    });
  }
});
