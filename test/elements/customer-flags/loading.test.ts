/**
 * `<ccai-customer-flags>` while its flags load: the group and its three labelled boxes are there
 * from the first render, each disabled and indeterminate (not yet known), the fieldset `aria-busy`
 * and "Loading…" the status; the answer fills the same boxes in place; nothing can be sent before.
 * Every answer here is held with a gate, so the loading state is seen for certain.
 */
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
  busy,
  checked,
  collect,
  flagsOf,
  gate,
  labelsOf,
  loaded,
  noRetry,
  retryButton,
  root,
  sent,
  useMockApi,
  until,
} from './helpers.js';

const { mock, worker } = useMockApi();
const FLAGS = '*/apps/api/v1/calls/:id/customer_flag';
const LABELS = [en.verifiedCustomer, en.badActor, en.repeatCustomer];

/** Per box: not yet known (`:indeterminate`, exposed as checked=mixed) and not operable (`:disabled`). */
const unknown = (el: CcaiCustomerFlags) => boxes(el).map((input) => input.matches(':indeterminate:disabled'));

/** Holds every GET of the flags until `release()`. */
function holdLoads() {
  const slow = gate();
  worker.use(http.get(FLAGS, () => slow.wait()));
  return slow;
}

describe('<ccai-customer-flags> while loading', () => {
  it('shows the three flags on its first render, not yet known, and announces loading', async () => {
    const slow = holdLoads();
    const el = await flagsOf();
    expect(textOf(root(el).querySelector('fieldset legend'))?.trim()).to.equal(en.flagsLegend);
    expect(labelsOf(el)).to.deep.equal(LABELS);
    expect(busy(el), 'fieldset aria-busy').to.equal(true);
    expect(unknown(el)).to.deep.equal([true, true, true]);
    expect(checked(el)).to.deep.equal([false, false, false]);
    const status = root(el).querySelector('[role=status]');
    expect(status?.getAttribute('part')).to.equal('status');
    expect(status?.textContent?.trim()).to.equal(en.loading);
    expect(alertText(el)).to.equal('');
    await expect(el).to.be.accessible();

    const fieldset = root(el).querySelector('fieldset');
    const before = boxes(el);
    const places = before.map((input) => JSON.stringify(input.getBoundingClientRect()));
    slow.release();
    await loaded(el);
    expect(checked(el)).to.deep.equal([true, false, false]);
    expect(unknown(el)).to.deep.equal([false, false, false]);
    expect(boxes(el).map((input) => input.disabled || input.indeterminate)).to.deep.equal([false, false, false]);
    expect(root(el).querySelector('fieldset')!.hasAttribute('aria-busy')).to.equal(false);
    expect(root(el).querySelector('[role=status]')).to.equal(null);
    // Same controls, same place: the boxes are the ones shown while loading and did not move.
    expect(root(el).querySelector('fieldset')).to.equal(fieldset);
    expect(boxes(el)).to.deep.equal(before);
    expect(boxes(el).map((input) => JSON.stringify(input.getBoundingClientRect()))).to.deep.equal(places);
  });

  it('sends nothing and changes nothing when a flag is clicked or typed at', async () => {
    const changes = collect('ccai-flags-change');
    const slow = holdLoads();
    const el = await flagsOf();
    for (const label of LABELS) control(el, label).click();
    control(el, en.badActor).focus();
    expect(root(el).activeElement, 'a box not yet known takes no focus').to.equal(null);
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(unknown(el)).to.deep.equal([true, true, true]);
    expect(checked(el)).to.deep.equal([false, false, false]);

    slow.release();
    await loaded(el);
    expect(checked(el), 'as the server holds them').to.deep.equal([true, false, false]);
    await aTimeout(100);
    expect(sent.map((request) => request.method)).to.deep.equal(['GET']);
    expect(changes).to.have.length(0);
    expect(mock.world.flags[514]).to.deep.equal({ verified_customer: true, bad_actor: false, repeat_customer: false });
  });

  it("shows none of the previous call's flags while another call's load", async () => {
    mock.world.calls[600] = { ...mock.world.calls[514]!, id: 600 };
    mock.world.flags[600] = { verified_customer: false, bad_actor: true, repeat_customer: false };
    const el = await loaded(await flagsOf());
    const slow = holdLoads();
    el.callId = 600;
    await el.updateComplete;
    expect(busy(el)).to.equal(true);
    expect(unknown(el)).to.deep.equal([true, true, true]);
    expect(checked(el)).to.deep.equal([false, false, false]);
    expect(textOf(root(el).querySelector('[role=status]'))?.trim()).to.equal(en.loading);
    slow.release();
    await loaded(el);
    expect(checked(el)).to.deep.equal([false, true, false]);
  });

  it('shows the flags loading again after "Try again", then focuses the first one', async () => {
    worker.use(http.get(FLAGS, () => HttpResponse.json({ message: 'down' }, { status: 503 }), { once: true }));
    const el = await fixture<CcaiCustomerFlags>(
      html`<ccai-customer-flags
        call-id="514"
        .client=${noRetry()}
      ></ccai-customer-flags>`,
    );
    await until(() => retryButton(el), 'no Try again button');
    expect(boxes(el), 'a failed load shows no flags').to.have.length(0);
    const slow = holdLoads();
    retryButton(el)!.click();
    await until(() => busy(el), 'the flags were not shown loading again');
    expect(unknown(el)).to.deep.equal([true, true, true]);
    expect(alertText(el)).to.equal('');
    expect(textOf(root(el).querySelector('[role=status]'))?.trim()).to.equal(en.loading);
    slow.release();
    await loaded(el);
    expect(root(el).activeElement).to.equal(boxes(el)[0]);
  });

  it('when readonly, is not yet known while loading, then read-only but focusable', async () => {
    const slow = holdLoads();
    const el = await flagsOf('514', true);
    expect(busy(el)).to.equal(true);
    expect(unknown(el)).to.deep.equal([true, true, true]);
    await expect(el).to.be.accessible();
    slow.release();
    await loaded(el);
    for (const input of boxes(el))
      expect([input.disabled, input.indeterminate, input.getAttribute('aria-readonly')]).to.deep.equal([
        false,
        false,
        'true',
      ]);
    control(el, en.badActor).focus();
    expect(root(el).activeElement).to.equal(control(el, en.badActor));
  });

  it('says it in Japanese, accessibly', async () => {
    const slow = holdLoads();
    // The element itself is the fixture (`lang` on its parent): a `<div>` fixture waits for a frame a background tab never paints.
    const parentNode = document.createElement('div');
    parentNode.lang = 'ja';
    const el = await fixture<CcaiCustomerFlags>(html`<ccai-customer-flags call-id="514"></ccai-customer-flags>`, {
      parentNode,
    });
    expect(textOf(root(el).querySelector('[role=status]'))?.trim()).to.equal(ja.loading);
    expect(labelsOf(el)).to.deep.equal([ja.verifiedCustomer, ja.badActor, ja.repeatCustomer]);
    expect(unknown(el)).to.deep.equal([true, true, true]);
    await expect(el).to.be.accessible();
    slow.release();
    await loaded(el);
  });
});
