/**
 * `<ccai-call-status>` when its live module (`./live.js`, loaded on the first call id) cannot be
 * loaded: offline, or a deploy that removed the old chunk. The chunk's URL is refused by the MSW
 * worker, then let through. The element says it keeps checking only while it will try again (5 s,
 * 10 s, 20 s later on the element's clock, never in a hidden tab), then asks for a reload. Where the
 * browser fetches a failed module again (Chromium, whatwg/html#10327) a later try shows the status;
 * where it keeps the failure until a reload (Firefox ESR), the tries fail and the reload notice
 * follows. Which one this browser does is measured first, on a module of its own.
 *
 * The order matters: once the live module is in, the page keeps it, so the test that never lets it
 * through comes first. Nothing else in this file's page imports it.
 */
import { aTimeout, expect } from '@open-wc/testing';
import { http, HttpResponse, passthrough } from 'msw';
import { en } from '../../../src/i18n/en.js';
import { refetchesFailedModules } from '../../helpers/modules.js';
import {
  SECOND,
  collect,
  mount,
  notice,
  reads,
  setVisibility,
  statusName,
  until,
  useMockApi,
  worldCall,
} from './helpers.js';

const LIVE_CHUNK = /\/src\/elements\/call-status\/live\.(?:js|ts)(?:\?|$)/;

describe('<ccai-call-status> whose live module fails to load', function () {
  this.timeout(20_000);
  const { worker } = useMockApi();
  let chunkRequests = 0;
  let chunkBlocked = true;
  /** Whether this browser fetches a module again after a failed fetch (measured before the tests). */
  let refetches = false;

  const refuseChunk = () =>
    worker.use(
      http.get(LIVE_CHUNK, () => {
        chunkRequests += 1;
        return chunkBlocked ? HttpResponse.error() : passthrough();
      }),
    );

  before(async () => {
    refetches = await refetchesFailedModules(worker);
  });

  beforeEach(() => {
    chunkRequests = 0;
    chunkBlocked = true;
    refuseChunk();
  });

  /** Moves the element's clock to its next try and waits for that try's failure. */
  async function failedTry(clock: { tick(ms: number): void }, ms: number, errors: unknown[]) {
    const before = errors.length;
    clock.tick(ms);
    await until(() => errors.length > before, 'the live module was not tried again');
  }

  it('says it keeps checking while it tries again with backoff, not in a hidden tab, then asks for a reload', async () => {
    worldCall(600, { status: 'queued' });
    const errors = collect('ccai-error');
    const { el, clock } = await mount({ callId: '600' });
    await until(() => errors.length === 1, 'the failed load was not reported');
    await el.updateComplete;
    expect(errors[0]!.detail.kind).to.equal('network');
    expect(notice(el)).to.equal(`${en.statusUnavailable} ${en.statusRetrying}`);
    expect(clock.nextIn, 'first try again after 5 s').to.equal(5 * SECOND);

    await failedTry(clock, 5 * SECOND, errors);
    expect(clock.nextIn, 'then after 10 s').to.equal(10 * SECOND);
    expect(notice(el)).to.equal(`${en.statusUnavailable} ${en.statusRetrying}`);

    // Hidden when its time comes: the try waits for the tab to be shown.
    setVisibility('hidden');
    clock.tick(10 * SECOND);
    await aTimeout(50);
    expect(errors, 'nothing tried while hidden').to.have.length(2);
    setVisibility('visible');
    await until(() => errors.length === 3, 'not tried when the tab was shown');
    expect(clock.nextIn, 'the last try after 20 s').to.equal(20 * SECOND);

    await failedTry(clock, 20 * SECOND, errors);
    await el.updateComplete;
    expect(notice(el)).to.equal(en.statusReload);
    expect(clock.pending, 'no more tries').to.equal(0);
    expect(errors).to.have.length(4);
    // Chromium asked the network each time; Firefox answered the tries from its failed module.
    expect(chunkRequests).to.equal(refetches ? 4 : 1);
    expect(reads, 'no read without the live module').to.deep.equal([]);
  });

  it('shows the status once a try loads it, where the browser fetches again; else asks for a reload', async () => {
    worldCall(600, { status: 'queued' });
    const errors = collect('ccai-error');
    const { el, clock } = await mount({ callId: '600' });
    await until(() => errors.length === 1, 'the failed load was not reported');
    chunkBlocked = false;
    if (refetches) {
      clock.tick(5 * SECOND);
      await until(() => statusName(el) === en.statusNames.queued, 'the status was not shown after the try');
      await el.updateComplete;
      expect(notice(el), 'the note is gone').to.equal('');
      expect(errors).to.have.length(1);
      expect(chunkRequests).to.equal(2);
      expect(reads).to.have.length(1);
    } else {
      await failedTry(clock, 5 * SECOND, errors);
      await failedTry(clock, 10 * SECOND, errors);
      await failedTry(clock, 20 * SECOND, errors);
      await el.updateComplete;
      expect(notice(el)).to.equal(en.statusReload);
      expect(statusName(el)).to.equal('');
    }
  });
});
