/**
 * `<ccai-schedule-call>` behind a gateway (a call's capability: handed to the call's status and
 * sent with its cancel) and after a reload (the booking kept in `sessionStorage`). The mock issues
 * no capabilities: `simulateGateway` (test/helpers/gateway.ts) stands in for the gateway over it.
 * A "reload" here is the element removed and a new one made with the same attributes.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { CAPABILITY_HEADER } from '../../../src/core/client.js';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { simulateGateway } from '../../helpers/gateway.js';
import {
  FIRST_SLOT,
  alertText,
  NOW,
  button,
  buttons,
  clock,
  collect,
  fillValid,
  focused,
  root,
  scheduleCall,
  sent,
  submit,
  until,
  useMockApi,
  whenText,
  message,
  booked,
  reload,
  KEPT_KEY,
  kept,
} from './helpers.js';

// The call status reads only while the page is visible; the runner may open this page in a background tab.
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

const HOUR = 60 * 60 * 1000;

const statusOf = (el: CcaiScheduleCall) => root(el).querySelector<CcaiCallStatus>('ccai-call-status');
const shownStatus = (el: CcaiScheduleCall) =>
  statusOf(el)?.shadowRoot?.querySelector('[part~=name]')?.textContent?.trim() ?? '';
const showsForm = (el: CcaiScheduleCall) =>
  buttons(el).includes(en.submit) && !root(el).querySelector('[part=confirmation]');

describe('<ccai-schedule-call> with a capability, and after a reload', () => {
  const { mock, worker } = useMockApi();

  /** A new element whose clock reads `now` from its first render on, as the kept booking is read then. */
  async function reloadAt(now: number): Promise<CcaiScheduleCall> {
    clock.time = now;
    const el = document.createElement('ccai-schedule-call');
    for (const [name, value] of Object.entries({
      'menu-id': '9',
      timezone: 'America/New_York',
      days: 'mon-sun',
      'default-country': 'US',
    }))
      el.setAttribute(name, value);
    el.clock = clock;
    await fixture(html`${el}`);
    return el;
  }

  describe('behind a gateway (simulated over the mock)', () => {
    it('sends the capability of its call-id with a rebooking, and is refused without it', async () => {
      const gateway = simulateGateway(mock.handlers);
      worker.use(...gateway.handlers);
      const refused = await scheduleCall('call-id="514"');
      await fillValid(refused);
      await submit(refused);
      await until(() => alertText(refused) !== '', 'no error shown');
      // A 404 to a booking means the form points at something that is not there: a set-up fault.
      expect(alertText(refused)).to.equal(en.serverConfig);
      expect(gateway.received.at(-1)).to.deep.equal({ method: 'POST', path: '/apps/api/v1/calls', capability: null });
      refused.remove();

      const el = await scheduleCall('call-id="514"');
      el.capability = gateway.issue(514);
      const scheduled = collect('ccai-call-scheduled');
      await fillValid(el);
      await submit(el);
      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      expect(gateway.received.at(-1)).to.deep.equal({
        method: 'POST',
        path: '/apps/api/v1/calls',
        capability: gateway.issued.get(514),
      });
      expect(scheduled[0]!.detail.call.parent_id).to.equal(514);
      expect(el.getAttribute('capability')).to.equal(null);
    });

    it('hands the capability to the call status, sends it with Cancel call, and tells it in ccai-call-scheduled', async () => {
      const gateway = simulateGateway(mock.handlers);
      worker.use(...gateway.handlers);
      const scheduled = collect('ccai-call-scheduled');
      const el = await booked();
      const { call, capability } = scheduled[0]!.detail;
      expect(capability).to.be.a('string').and.equal(gateway.issued.get(call.id));
      const status = statusOf(el)!;
      expect(status.capability).to.equal(capability);
      expect(status.hasAttribute('capability')).to.equal(false);
      expect(root(el).innerHTML, 'the token is not in the DOM').not.to.contain(capability);
      await expect(el).to.be.accessible();

      const cancelled = collect('ccai-call-cancelled');
      button(el, en.cancelCall).click();
      await until(() => cancelled.length === 1, 'not cancelled');
      expect(gateway.received.at(-1)).to.deep.equal({
        method: 'PATCH',
        path: `/apps/api/v1/calls/scheduled/${call.id}/cancel`,
        capability,
      });
      expect(mock.world.calls[call.id]?.status).to.equal('cancelled');
      await el.updateComplete;
      expect(message(el)).to.equal(en.cancelled);
    });

    it('after a reload shows the confirmation, reads the status and cancels, each with the capability', async () => {
      const gateway = simulateGateway(mock.handlers);
      worker.use(...gateway.handlers);
      const scheduled = collect('ccai-call-scheduled');
      const first = await booked();
      const { call, capability } = scheduled[0]!.detail;
      expect(kept()).to.deep.equal({ call, capability, request: { end_user_number: '+12015550123', lang: 'en' } });

      const el = await reload(first);
      await until(() => message(el) !== '', 'no confirmation after the reload');
      expect(message(el)).to.equal(en.confirmation(whenText(FIRST_SLOT)));
      expect(focused(el), 'a reload moves no focus').to.equal(null);
      await until(() => shownStatus(el) === en.statusNames.scheduled, 'no live status');
      expect(gateway.received).to.deep.equal([{ method: 'GET', path: `/apps/api/v1/calls/${call.id}`, capability }]);
      expect(buttons(el)).to.deep.equal([en.changeTime, en.cancelCall, en.scheduleAnother]);
      expect(scheduled, 'the booking is not announced twice').to.have.length(1);
      await expect(el).to.be.accessible();

      const cancelled = collect('ccai-call-cancelled');
      button(el, en.cancelCall).click();
      await until(() => message(el) === en.cancelled, 'not cancelled');
      expect(cancelled[0]!.detail.call).to.include({ id: call.id, status: 'cancelled' });
      expect(gateway.received.at(-1)).to.deep.equal({
        method: 'PATCH',
        path: `/apps/api/v1/calls/scheduled/${call.id}/cancel`,
        capability,
      });
      expect(sessionStorage.getItem(KEPT_KEY), 'forgotten after the cancel').to.equal(null);
      await expect(el).to.be.accessible();

      button(el, en.scheduleAnother).click();
      await until(() => showsForm(el), 'the form is not back');
      expect(showsForm(await reload(el)), 'nothing to show after another reload').to.equal(true);
    });
  });

  it('without a gateway sends no Ccai-Capability header, and still shows the booking after a reload', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const first = await booked();
    const { call } = scheduled[0]!.detail;
    expect(scheduled[0]!.detail.capability).to.equal(undefined);
    expect(statusOf(first)!.capability).to.equal(undefined);
    expect(kept()).to.deep.equal({ call, request: { end_user_number: '+12015550123', lang: 'en' } });

    const el = await reload(first);
    await until(() => shownStatus(el) === en.statusNames.scheduled, 'no live status after the reload');
    expect(message(el)).to.equal(en.confirmation(whenText(FIRST_SLOT)));
    button(el, en.cancelCall).click();
    await until(() => message(el) === en.cancelled, 'not cancelled');
    // The form's one question for the server's time (HEAD) aside.
    const api = sent.filter(
      (request) => new URL(request.url).pathname.startsWith('/apps/api/v1/') && request.method !== 'HEAD',
    );
    expect(api.map((request) => request.method)).to.deep.equal(['POST', 'GET', 'PATCH']);
    expect(api.filter((request) => request.headers.has(CAPABILITY_HEADER))).to.deep.equal([]);
    expect(sessionStorage.getItem(KEPT_KEY)).to.equal(null);
  });

  it('forgets the booking once its call reaches a final status', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const first = await booked();
    const { id } = scheduled[0]!.detail.call;
    mock.world.calls[id]!.status = 'finished'; // the call took place meanwhile
    const el = await reload(first);
    await until(() => shownStatus(el) === en.statusNames.finished, 'the final status is not shown');
    expect(sessionStorage.getItem(KEPT_KEY)).to.equal(null);
    expect(showsForm(await reload(el))).to.equal(true);
  });

  it('forgets the booking a day after its scheduled time', async () => {
    const call = {
      ...structuredClone(mock.world.calls[514]!),
      id: 900,
      status: 'scheduled',
      scheduled_at: new Date(NOW - 23 * HOUR).toISOString(),
    };
    sessionStorage.setItem(KEPT_KEY, JSON.stringify({ call }));
    const recent = await reloadAt(NOW);
    await until(() => message(recent) !== '', 'a booking of 23 hours ago is not shown');
    expect(sessionStorage.getItem(KEPT_KEY)).not.to.equal(null);
    recent.remove();

    const old = await reloadAt(NOW + 2 * HOUR);
    expect(showsForm(old)).to.equal(true);
    expect(sessionStorage.getItem(KEPT_KEY)).to.equal(null);
  });

  it('ignores what it cannot believe in storage: the form, no request, no error, and the entry removed', async () => {
    const errors = collect('ccai-error');
    const call = { id: 77, status: 'scheduled', scheduled_at: FIRST_SLOT };
    const unbelievable = [
      '{"call": {"id": 77,',
      'null',
      '[]',
      '"call"',
      JSON.stringify({ call: null }),
      JSON.stringify({ call: [call] }),
      JSON.stringify({ call: { ...call, id: 0 } }),
      JSON.stringify({ call: { ...call, id: -77 } }),
      JSON.stringify({ call: { ...call, id: 7.5 } }),
      JSON.stringify({ call: { ...call, id: '77' } }),
      JSON.stringify({ call: { ...call, status: 3 } }),
      JSON.stringify({ call: { ...call, scheduled_at: undefined } }),
      JSON.stringify({ call: { ...call, scheduled_at: 'soon' } }),
      JSON.stringify({ call, capability: 42 }),
    ];
    for (const text of unbelievable) {
      sessionStorage.setItem(KEPT_KEY, text);
      const el = await scheduleCall();
      await el.updateComplete;
      expect(showsForm(el), text).to.equal(true);
      expect(sessionStorage.getItem(KEPT_KEY), text).to.equal(null);
      el.remove();
    }
    expect(sent.filter((request) => request.url.includes('/apps/api/'))).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('keeps working with storage disabled or full: the booking is shown, just not after a reload', async () => {
    const { getItem, setItem, removeItem } = Storage.prototype;
    const refuse = (name: string) => () => {
      throw new DOMException('refused', name);
    };
    Storage.prototype.getItem = refuse('SecurityError');
    Storage.prototype.setItem = refuse('QuotaExceededError');
    Storage.prototype.removeItem = refuse('SecurityError');
    try {
      const scheduled = collect('ccai-call-scheduled');
      const el = await booked();
      expect(scheduled).to.have.length(1);
      expect(message(el)).to.equal(en.confirmation(whenText(FIRST_SLOT)));
      button(el, en.cancelCall).click();
      await until(() => message(el) === en.cancelled, 'not cancelled');
      expect(showsForm(await reload(el))).to.equal(true);
    } finally {
      Object.assign(Storage.prototype, { getItem, setItem, removeItem });
    }
  });

  it('keeps one booking per form: another menu or a call-id form shows its own form', async () => {
    await booked();
    expect(sessionStorage.getItem(KEPT_KEY)).not.to.equal(null);
    expect(showsForm(await scheduleCall('menu-id="10"'))).to.equal(true);
    expect(showsForm(await scheduleCall('call-id="514"'))).to.equal(true);
    expect(showsForm(await scheduleCall('menu-id="9" base-url="https://elsewhere.example"'))).to.equal(true);
  });
});
