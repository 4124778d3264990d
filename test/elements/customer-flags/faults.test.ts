/**
 * `<ccai-customer-flags>` under faults: the load and a PATCH each answered with every fault of
 * `test/helpers/faults.ts`, and the element removed while each is in flight. A failed load says why and
 * (unless the call is unknown) offers "Try again"; a failed save rolls the flag back and leaves it
 * toggleable; reads are retried only within the client's policy, writes never; `ccai-error`
 * tells the page once per failure; nothing escapes to the window.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { CallsClient } from '../../../src/core/client.js';
import type { CcaiCustomerFlags } from '../../../src/elements/customer-flags/customer-flags.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import {
  alertText,
  control,
  checked,
  collect,
  gate,
  loaded,
  patches,
  retryButton,
  sent,
  useMockApi,
  until,
} from './helpers.js';
import { FAULTS, SLOW_MS, clientFor, guardEscapes, guardHearsRejection } from '../../helpers/faults.js';

const { worker } = useMockApi();
const FLAGS = '*/apps/api/v1/calls/:id/customer_flag';
/** Flags that the schema refuses: not a boolean. */
const BROKEN_FLAGS = { verified_customer: 'yes', bad_actor: false, repeat_customer: false };
/** The client's default policy: two more attempts for a read that may work later. */
const READ_ATTEMPTS = 3;

const gets = () => sent.filter((request) => request.method === 'GET');
const kindsAndStatuses = (events: { detail: { kind: string; status: number } }[]) =>
  events.map(({ detail }) => [detail.kind, detail.status]);

function flagsWith(client?: CallsClient, lang = 'en') {
  return fixture<CcaiCustomerFlags>(
    html`<ccai-customer-flags
      lang=${lang}
      call-id="514"
      .client=${client}
    ></ccai-customer-flags>`,
  );
}

describe('<ccai-customer-flags> under faults', function () {
  // The slow answers and the client's own retries take a few seconds on a loaded machine.
  this.timeout(20_000);
  guardEscapes();
  it('(the guard hears an unhandled rejection)', guardHearsRejection);

  describe('loading', () => {
    for (const fault of FAULTS) {
      it(`after ${fault.name}: says so, and loads again when asked`, async () => {
        worker.use(http.get(FLAGS, () => fault.respond(200, BROKEN_FLAGS)));
        const errors = collect('ccai-error');
        const el = await flagsWith(clientFor(fault));
        await until(() => alertText(el) !== '', 'no error shown', { timeout: 10_000 });
        expect(alertText(el)).to.equal(`${en.flagsLoadFailed} ${fault.message(en)}`);
        expect(kindsAndStatuses(errors), 'one event for the load').to.deep.equal([[fault.kind, fault.status(200)]]);
        expect(gets(), 'within the retry policy').to.have.length(fault.retriedRead ? READ_ATTEMPTS : 1);
        if (fault.status(200) === 404) {
          expect(retryButton(el), 'an unknown call will not appear by asking again').to.equal(null);
          return;
        }
        worker.resetHandlers();
        retryButton(el)!.click();
        await loaded(el);
        expect(checked(el)).to.deep.equal([true, false, false]);
        expect(gets()).to.have.length((fault.retriedRead ? READ_ATTEMPTS : 1) + 1);
        if (fault.kind === 'timeout') await aTimeout(SLOW_MS);
      });
    }

    it('says it in Japanese', async () => {
      worker.use(http.get(FLAGS, () => HttpResponse.json({ message: 'boom' }, { status: 503 })));
      const el = await flagsWith(undefined, 'ja');
      await until(() => alertText(el) !== '', 'no error shown', { timeout: 5000 });
      expect(alertText(el)).to.equal(`${ja.flagsLoadFailed} ${ja.errorServer}`);
      expect(retryButton(el)?.textContent?.trim()).to.equal(ja.tryAgain);
    });

    it('when removed while loading, takes the answer and shows the flags once put back', async () => {
      const slow = gate();
      worker.use(http.get(FLAGS, async () => void (await slow.wait())));
      const el = await flagsWith();
      await until(() => gets().length === 1);
      const parent = el.parentElement!;
      el.remove();
      slow.release();
      await aTimeout(100);
      parent.append(el);
      await loaded(el);
      expect(checked(el)).to.deep.equal([true, false, false]);
      expect(gets()).to.have.length(1);
    });
  });

  describe('saving a change', () => {
    for (const fault of FAULTS) {
      it(`after ${fault.name}: rolls the flag back, says so, and stays toggleable`, async () => {
        const el = await loaded(await flagsWith(clientFor(fault)));
        worker.use(http.patch(FLAGS, () => fault.respond(200, BROKEN_FLAGS), { once: true }));
        const errors = collect('ccai-error');
        const changes = collect('ccai-flags-change');
        control(el, en.badActor).click();
        await until(() => errors.length === 1, 'no ccai-error', { timeout: 5000 });
        await el.updateComplete;
        expect(checked(el), 'rolled back').to.deep.equal([true, false, false]);
        expect(alertText(el)).to.equal(`${en.flagsSaveFailed} ${fault.message(en)}`);
        expect(kindsAndStatuses(errors)).to.deep.equal([[fault.kind, fault.status(200)]]);
        expect(control(el, en.badActor).hasAttribute('aria-disabled')).to.equal(false);
        await aTimeout(50);
        expect(patches(), 'a write is never retried by itself').to.have.length(1);

        control(el, en.badActor).click();
        await until(() => changes.length === 1, 'the second change was not saved');
        await el.updateComplete;
        expect(checked(el)).to.deep.equal([true, true, false]);
        expect(alertText(el)).to.equal('');
        expect(patches()).to.have.length(2);
        if (fault.kind === 'timeout') await aTimeout(SLOW_MS);
      });
    }

    it('when removed while saving, takes the answer and shows it once put back', async () => {
      const el = await loaded(await flagsWith());
      const slow = gate();
      worker.use(http.patch(FLAGS, async () => void (await slow.wait())));
      const changes: Event[] = [];
      el.addEventListener('ccai-flags-change', (event) => changes.push(event));
      control(el, en.badActor).click();
      await until(() => patches().length === 1);
      const parent = el.parentElement!;
      el.remove();
      slow.release();
      await until(() => changes.length === 1, 'the answer was not taken');
      parent.append(el);
      await el.updateComplete;
      expect(checked(el)).to.deep.equal([true, true, false]);
      expect(control(el, en.badActor).hasAttribute('aria-disabled')).to.equal(false);
      expect(patches()).to.have.length(1);
    });
  });
});
