import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { CcaiCustomerFlags } from '../../../src/elements/customer-flags/customer-flags.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import {
  alertText,
  control,
  boxes,
  checked,
  collect,
  flagsOf,
  gate,
  labelsOf,
  loaded,
  noRetry,
  patchBodies,
  patches,
  useMockApi,
  retryButton,
  root,
  sent,
  until,
} from './helpers.js';

const { mock, worker } = useMockApi();
const FLAGS = '*/apps/api/v1/calls/:id/customer_flag';
const LABELS = [en.verifiedCustomer, en.badActor, en.repeatCustomer];

describe('<ccai-customer-flags>', () => {
  describe('loading', () => {
    it('renders the three labelled checkboxes from the server', async () => {
      const el = await loaded(await flagsOf());
      expect(textOf(root(el).querySelector('fieldset legend'))?.trim()).to.equal(en.flagsLegend);
      expect(labelsOf(el)).to.deep.equal(LABELS);
      expect(checked(el)).to.deep.equal([true, false, false]);
      expect(sent.map((request) => `${request.method} ${new URL(request.url).pathname}`)).to.deep.equal([
        'GET /apps/api/v1/calls/514/customer_flag',
      ]);
      await expect(el).to.be.accessible();
    });

    it('reflects whatever the server holds', async () => {
      mock.world.flags[514] = { verified_customer: false, bad_actor: true, repeat_customer: true };
      const el = await loaded(await flagsOf());
      expect(checked(el)).to.deep.equal([false, true, true]);
    });

    it('renders nothing and sends nothing without call-id', async () => {
      const el = await fixture<CcaiCustomerFlags>(html`<ccai-customer-flags></ccai-customer-flags>`);
      expect(
        root(el).querySelectorAll('fieldset, input, button, [role]'),
        'not even on the first render',
      ).to.have.length(0);
      await aTimeout(100);
      expect(root(el).querySelectorAll('input, button, [role]')).to.have.length(0);
      expect(sent).to.have.length(0);
      el.callId = 514;
      await loaded(el);
      expect(sent).to.have.length(1);
    });

    it('reloads when call-id changes', async () => {
      mock.world.calls[600] = { ...mock.world.calls[514]!, id: 600 };
      mock.world.flags[600] = { verified_customer: false, bad_actor: true, repeat_customer: false };
      const el = await loaded(await flagsOf());
      el.callId = 600;
      await until(() => boxes(el).length === 3 && checked(el)[1] === true, 'call 600 was not shown');
      expect(checked(el)).to.deep.equal([false, true, false]);
      expect(sent.map((request) => new URL(request.url).pathname)).to.deep.equal([
        '/apps/api/v1/calls/514/customer_flag',
        '/apps/api/v1/calls/600/customer_flag',
      ]);
    });

    it('says an unknown call was not found, without a pointless "Try again"', async () => {
      const errors = collect('ccai-error');
      const el = await flagsOf('9999');
      await until(() => alertText(el) !== '', 'no error shown');
      expect(alertText(el)).to.equal(`${en.flagsLoadFailed} ${en.errorNotFound}`);
      expect(retryButton(el)).to.equal(null);
      expect(boxes(el)).to.have.length(0);
      expect(errors.map((event) => event.detail)).to.deep.equal([
        { status: 404, message: 'Call not found', kind: 'http' },
      ]);
      await expect(el).to.be.accessible();
    });

    it('offers "Try again" after a failed load, which reloads and focuses the first flag', async () => {
      const errors = collect('ccai-error');
      worker.use(http.get(FLAGS, () => HttpResponse.json({ message: 'down' }, { status: 503 })));
      const el = await fixture<CcaiCustomerFlags>(
        html`<ccai-customer-flags
          call-id="514"
          .client=${noRetry()}
        ></ccai-customer-flags>`,
      );
      await until(() => retryButton(el), 'no Try again button');
      expect(alertText(el)).to.equal(`${en.flagsLoadFailed} ${en.errorServer}`);
      expect(retryButton(el)!.textContent?.trim()).to.equal(en.tryAgain);
      expect(errors.map((event) => event.detail)).to.deep.equal([{ status: 503, message: 'down', kind: 'http' }]);
      await expect(el).to.be.accessible();

      worker.resetHandlers();
      retryButton(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await loaded(el);
      expect(checked(el)).to.deep.equal([true, false, false]);
      expect(sent.filter((request) => request.method === 'GET')).to.have.length(2);
      expect(root(el).activeElement).to.equal(boxes(el)[0]);
    });

    it('offers "Try again" after a network failure', async () => {
      worker.use(http.get(FLAGS, () => HttpResponse.error()));
      const el = await fixture<CcaiCustomerFlags>(
        html`<ccai-customer-flags
          call-id="514"
          .client=${noRetry()}
        ></ccai-customer-flags>`,
      );
      await until(() => retryButton(el), 'no Try again button');
      expect(alertText(el)).to.equal(`${en.flagsLoadFailed} ${en.errorNetwork}`);
    });
  });

  describe('changing a flag', () => {
    it('sends a PATCH with just that flag and fires ccai-flags-change with the saved flags', async () => {
      const changes = collect('ccai-flags-change');
      const el = await loaded(await flagsOf());
      control(el, en.badActor).click();
      await until(() => changes.length === 1, 'no ccai-flags-change');
      expect(await patchBodies()).to.deep.equal([{ bad_actor: true }]);
      expect(new URL(patches()[0]!.url).pathname).to.equal('/apps/api/v1/calls/514/customer_flag');
      expect(changes[0]!.detail).to.deep.equal({
        flags: { verified_customer: true, bad_actor: true, repeat_customer: false },
      });
      expect(mock.world.flags[514]).to.deep.equal({ verified_customer: true, bad_actor: true, repeat_customer: false });
      await el.updateComplete;
      expect(control(el, en.badActor).hasAttribute('aria-disabled')).to.equal(false);
    });

    it('spells the repeat flag repeat_customer', async () => {
      const changes = collect('ccai-flags-change');
      const el = await loaded(await flagsOf());
      control(el, en.repeatCustomer).click();
      await until(() => changes.length === 1, 'no ccai-flags-change');
      expect(await patchBodies()).to.deep.equal([{ repeat_customer: true }]);
      expect(mock.world.flags[514]!.repeat_customer).to.equal(true);
    });

    it('adopts the flags the server returns', async () => {
      const changes = collect('ccai-flags-change');
      const elsewhere = { verified_customer: false, bad_actor: true, repeat_customer: true };
      worker.use(http.patch(FLAGS, () => HttpResponse.json(elsewhere)));
      const el = await loaded(await flagsOf());
      control(el, en.repeatCustomer).click();
      await until(() => changes.length === 1, 'no ccai-flags-change');
      await el.updateComplete;
      expect(checked(el)).to.deep.equal([false, true, true]);
      expect(changes[0]!.detail.flags).to.deep.equal(elsewhere);
    });

    it('toggles with the keyboard', async () => {
      const changes = collect('ccai-flags-change');
      const el = await loaded(await flagsOf());
      control(el, en.badActor).focus();
      await sendKeys({ press: ' ' });
      await until(() => changes.length === 1, 'no ccai-flags-change');
      expect(await patchBodies()).to.deep.equal([{ bad_actor: true }]);
      expect(root(el).activeElement).to.equal(control(el, en.badActor));
    });

    it('shows the change at once and locks that flag until the server answers', async () => {
      const changes = collect('ccai-flags-change');
      const slow = gate();
      worker.use(http.patch(FLAGS, () => slow.wait()));
      const el = await loaded(await flagsOf());
      const badActor = control(el, en.badActor);
      badActor.click();
      await el.updateComplete;
      expect(badActor.checked).to.equal(true);
      expect(badActor.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();

      badActor.click();
      await el.updateComplete;
      expect(badActor.checked).to.equal(true);
      badActor.focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(badActor.checked).to.equal(true);
      expect(root(el).activeElement).to.equal(badActor);
      // Requests are reported asynchronously: wait for the first, then give a second one time to show.
      await until(() => patches().length > 0, 'no PATCH');
      await aTimeout(50);
      expect(patches()).to.have.length(1);
      expect(changes).to.have.length(0);

      slow.release();
      await until(() => changes.length === 1, 'no ccai-flags-change');
      await el.updateComplete;
      expect(badActor.checked).to.equal(true);
      expect(badActor.hasAttribute('aria-disabled')).to.equal(false);
      expect(await patchBodies()).to.deep.equal([{ bad_actor: true }]);
    });

    it('sends changes of different flags one at a time, in the order made', async () => {
      const changes = collect('ccai-flags-change');
      const answers = [gate(), gate()];
      let calls = 0;
      worker.use(http.patch(FLAGS, () => answers[calls++]!.wait()));
      const el = await loaded(await flagsOf());
      control(el, en.badActor).click();
      control(el, en.verifiedCustomer).click();
      await el.updateComplete;
      expect(checked(el)).to.deep.equal([false, true, false]);
      await until(() => patches().length > 0, 'no PATCH');
      await aTimeout(50);
      expect(patches()).to.have.length(1);

      answers[0]!.release();
      await until(() => changes.length === 1 && patches().length === 2, 'the second write did not follow the first');
      await el.updateComplete;
      // The first answer predates the second write: the box being saved must not flicker back.
      expect(changes[0]!.detail.flags).to.deep.equal({
        verified_customer: true,
        bad_actor: true,
        repeat_customer: false,
      });
      expect(checked(el)).to.deep.equal([false, true, false]);

      answers[1]!.release();
      await until(() => changes.length === 2, 'the second change was not saved');
      expect(await patchBodies()).to.deep.equal([{ bad_actor: true }, { verified_customer: false }]);
      expect(changes[1]!.detail.flags).to.deep.equal({
        verified_customer: false,
        bad_actor: true,
        repeat_customer: false,
      });
      await el.updateComplete;
      expect(checked(el)).to.deep.equal([false, true, false]);
    });

    it('keeps a late answer about the previous call off the current one', async () => {
      const changes = collect('ccai-flags-change');
      mock.world.calls[600] = { ...mock.world.calls[514]!, id: 600 };
      mock.world.flags[600] = { verified_customer: false, bad_actor: false, repeat_customer: false };
      const slow = gate();
      worker.use(http.patch(FLAGS, () => slow.wait()));
      const el = await loaded(await flagsOf());
      control(el, en.badActor).click();
      el.callId = 600;
      await until(() => boxes(el).length === 3 && checked(el)[0] === false, 'call 600 was not shown');
      expect(control(el, en.badActor).hasAttribute('aria-disabled')).to.equal(false);

      slow.release();
      await until(() => mock.world.flags[514]!.bad_actor, 'the write to call 514 did not land');
      await aTimeout(50);
      await el.updateComplete;
      expect(checked(el)).to.deep.equal([false, false, false]);
      expect(changes).to.have.length(0);
    });

    const failures = [
      {
        name: 'a 500',
        respond: () => HttpResponse.json({ message: 'boom' }, { status: 500 }),
        detail: { status: 500, message: 'boom', kind: 'http' },
        text: en.errorServer,
      },
      {
        name: 'a network error',
        respond: () => HttpResponse.error(),
        detail: { status: 0, message: 'The network request failed', kind: 'network' },
        text: en.errorNetwork,
      },
      {
        name: 'a 400',
        respond: () => HttpResponse.json({ message: 'verified_customer must be true or false' }, { status: 400 }),
        detail: { status: 400, message: 'verified_customer must be true or false', kind: 'http' },
        text: `${en.errorUnknown} verified_customer must be true or false`,
      },
    ];
    for (const failure of failures) {
      it(`rolls that flag back, announces the failure and fires ccai-error on ${failure.name}`, async () => {
        const errors = collect('ccai-error');
        const changes = collect('ccai-flags-change');
        const slow = gate();
        worker.use(
          http.patch(FLAGS, async () => {
            await slow.wait();
            return failure.respond();
          }),
        );
        const el = await loaded(await flagsOf());
        const verified = control(el, en.verifiedCustomer);
        verified.click();
        await el.updateComplete;
        expect(verified.checked).to.equal(false);

        slow.release();
        await until(() => errors.length === 1, 'no ccai-error');
        await el.updateComplete;
        expect(errors[0]!.detail).to.deep.equal(failure.detail);
        expect(checked(el)).to.deep.equal([true, false, false]);
        expect(verified.hasAttribute('aria-disabled')).to.equal(false);
        expect(alertText(el)).to.equal(`${en.flagsSaveFailed} ${failure.text}`);
        expect(changes).to.have.length(0);
        expect(mock.world.flags[514]).to.deep.equal({
          verified_customer: true,
          bad_actor: false,
          repeat_customer: false,
        });
        await expect(el).to.be.accessible();
      });
    }

    it('rolls back only the failed flag and keeps later writes going', async () => {
      const errors = collect('ccai-error');
      const changes = collect('ccai-flags-change');
      worker.use(http.patch(FLAGS, () => HttpResponse.json({ message: 'boom' }, { status: 500 }), { once: true }));
      const el = await loaded(await flagsOf());
      control(el, en.badActor).click();
      control(el, en.repeatCustomer).click();
      await until(() => errors.length === 1 && changes.length === 1, 'the writes did not finish');
      await el.updateComplete;
      expect(checked(el)).to.deep.equal([true, false, true]);
      expect(await patchBodies()).to.deep.equal([{ bad_actor: true }, { repeat_customer: true }]);
      expect(alertText(el)).to.equal(`${en.flagsSaveFailed} ${en.errorServer}`);

      control(el, en.badActor).click();
      await el.updateComplete;
      expect(alertText(el)).to.equal('');
      await until(() => changes.length === 2, 'the retry was not saved');
      expect(mock.world.flags[514]).to.deep.equal({ verified_customer: true, bad_actor: true, repeat_customer: true });
    });

    it('shows server text as text', async () => {
      const errors = collect('ccai-error');
      worker.use(http.patch(FLAGS, () => HttpResponse.json({ message: '<img src=x alt=injected>' }, { status: 400 })));
      const el = await loaded(await flagsOf());
      control(el, en.badActor).click();
      await until(() => errors.length === 1, 'no ccai-error');
      await el.updateComplete;
      expect(alertText(el)).to.equal(`${en.flagsSaveFailed} ${en.errorUnknown} <img src=x alt=injected>`);
      expect(root(el).querySelector('img')).to.equal(null);
    });
  });

  describe('readonly', () => {
    it('shows the flags but never sends a change', async () => {
      const el = await loaded(await flagsOf('514', true));
      for (const input of boxes(el)) expect(input.getAttribute('aria-readonly')).to.equal('true');
      await expect(el).to.be.accessible();
      for (const label of LABELS) control(el, label).click();
      control(el, en.repeatCustomer).focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(checked(el)).to.deep.equal([true, false, false]);
      await aTimeout(100);
      expect(patches()).to.have.length(0);
    });
  });

  describe('in Japanese', () => {
    /** The element itself is the fixture (`lang` on its parent): a `<div>` fixture waits for a frame a background tab never paints. */
    const inJapanese = () => {
      const parentNode = document.createElement('div');
      parentNode.lang = 'ja';
      return fixture<CcaiCustomerFlags>(html`<ccai-customer-flags call-id="514"></ccai-customer-flags>`, {
        parentNode,
      });
    };

    it('labels everything in Japanese', async () => {
      const el = await loaded(await inJapanese());
      expect(textOf(root(el).querySelector('legend'))?.trim()).to.equal(ja.flagsLegend);
      expect(labelsOf(el)).to.deep.equal([ja.verifiedCustomer, ja.badActor, ja.repeatCustomer]);
      await expect(el).to.be.accessible();
    });

    it('explains a failed change in Japanese', async () => {
      const errors = collect('ccai-error');
      worker.use(http.patch(FLAGS, () => HttpResponse.json({ message: 'boom' }, { status: 502 })));
      const el = await loaded(await inJapanese());
      control(el, ja.badActor).click();
      await until(() => errors.length === 1, 'no ccai-error');
      await el.updateComplete;
      expect(alertText(el)).to.equal(`${ja.flagsSaveFailed} ${ja.errorServer}`);
      await expect(el).to.be.accessible();
    });
  });
});
