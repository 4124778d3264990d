/**
 * `<ccai-schedule-call>` keeps every booking of the tab: after Schedule another call and a second
 * booking, the first is listed under the new confirmation and after a reload (newest first), each
 * with its live status, Change time, Cancel call and Add to calendar; each is forgotten on its own.
 * A "reload" is the element removed and a new one made with the same attributes.
 */
import { aTimeout, expect } from '@open-wc/testing';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { setVisibility } from '../call-status/helpers.js';
import { textOf } from '../../helpers/dom.js';
import {
  FIRST_SLOT,
  KEPT_KEY,
  NOW,
  SECOND_SLOT,
  booked,
  button,
  buttons,
  collect,
  fillValid,
  keptBookings,
  focused,
  message,
  pick,
  reload,
  root,
  scheduleCall,
  sent,
  submit,
  until,
  useMockApi,
  whenText,
} from './helpers.js';

// Visible (the call status reads only then), until a test says otherwise with `setVisibility`.
const THIRD_SLOT = '2031-03-03T15:00:00.000Z';

const list = (el: CcaiScheduleCall) => root(el).querySelector<HTMLUListElement>('[part=earlier]');
const items = (el: CcaiScheduleCall) => [...(list(el)?.querySelectorAll(':scope > li') ?? [])];
/** Each listed call as read: its label (the time) and its buttons. */
const listed = (el: CcaiScheduleCall) =>
  items(el).map((item) => ({
    when: textOf(item.querySelector('.when')),
    buttons: [...item.querySelectorAll('button')].map((b) => textOf(b)),
  }));
const itemButton = (item: Element, text: string) =>
  [...item.querySelectorAll('button')].find((b) => textOf(b) === text)!;
const shownStatus = (status: Element | null) =>
  (status as CcaiCallStatus | null)?.shadowRoot?.querySelector('[part~=name]')?.textContent?.trim() ?? '';
const apiWrites = () =>
  sent
    .filter((request) => request.url.includes('/apps/api/v1/') && ['POST', 'PATCH'].includes(request.method))
    .map((request) => `${request.method} ${new URL(request.url).pathname}`);

describe('<ccai-schedule-call> keeps every booking of the tab', function () {
  this.timeout(30_000);
  const { mock } = useMockApi();

  /** Schedule another call, then a booking of `slot`. */
  async function another(el: CcaiScheduleCall, slot: string): Promise<void> {
    button(el, en.scheduleAnother).click();
    await until(() => buttons(el).includes(en.submit), 'no form');
    await fillValid(el, '(201) 555-0123', slot);
    await submit(el);
    await until(() => message(el) === en.confirmation(whenText(slot)), 'not booked');
  }

  it('lists the earlier call under a second booking, and both after a reload, newest first', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const el = await booked();
    expect(list(el), 'nothing else to list yet').to.equal(null);
    await another(el, SECOND_SLOT);
    const [first, second] = scheduled.map((event) => event.detail.call);

    // Said with the new confirmation: the earlier call is still there, with its buttons.
    const title = root(el).querySelector('#earlier-title');
    expect(textOf(title)).to.equal(en.earlierCalls);
    expect(list(el)!.getAttribute('aria-labelledby')).to.equal('earlier-title');
    const entry = { when: whenText(FIRST_SLOT), buttons: [en.changeTime, en.cancelCall] };
    expect(listed(el)).to.deep.equal([entry]);
    const item = items(el)[0]!;
    const group = item.querySelector('[role=group]')!;
    expect(
      root(el).getElementById(group.getAttribute('aria-labelledby')!),
      'its buttons labelled by its time',
    ).to.equal(item.querySelector('.when'));
    expect(textOf(item.querySelector('a[part=calendar]'))).to.equal(en.addToCalendar);
    await until(() => shownStatus(item.querySelector('ccai-call-status')) === en.statusNames.scheduled, 'no status');
    expect(
      keptBookings()!.map(({ call }) => call.id),
      'newest first',
    ).to.deep.equal([second!.id, first!.id]);
    await expect(el).to.be.accessible();

    const after = await reload(el);
    await until(() => items(after).length === 1, 'the earlier call is not listed after the reload');
    expect(message(after)).to.equal(en.confirmation(whenText(SECOND_SLOT)));
    expect(listed(after)).to.deep.equal([entry]);
    const status = items(after)[0]!.querySelector('ccai-call-status')!;
    expect(status.getAttribute('call-id')).to.equal(String(first!.id));
    await until(() => shownStatus(status) === en.statusNames.scheduled, 'no live status for the earlier call');
    expect(apiWrites(), 'a reload books nothing').to.have.length(2);
    await expect(after).to.be.accessible();
  });

  it('cancels an earlier call on its own: said in its place with focus, announced once, forgotten for the next reload', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const cancelled = collect('ccai-call-cancelled');
    const first = await booked();
    await another(first, SECOND_SLOT);
    const [one, two] = scheduled.map((event) => event.detail.call);
    const el = await reload(first);
    await until(() => items(el).length === 1, 'not listed');

    const item = items(el)[0]!;
    const cancel = itemButton(item, en.cancelCall);
    cancel.focus();
    cancel.click();
    await until(() => item.querySelector('.item-message'), 'not cancelled');
    expect(textOf(item.querySelector('.item-message'))).to.equal(en.cancelled);
    expect(focused(el), 'focus on the sentence that replaced the buttons').to.equal(
      item.querySelector('.item-message'),
    );
    expect(item.querySelectorAll('[role=status], [role=alert], [aria-live]'), 'read once, by focus').to.have.length(0);
    expect(textOf(item.querySelector('.when')), 'still labelled by its time').to.equal(whenText(FIRST_SLOT));
    expect(apiWrites().at(-1)).to.equal(`PATCH /apps/api/v1/calls/scheduled/${one!.id}/cancel`);
    expect(mock.world.calls[one!.id]!.status).to.equal('cancelled');
    expect(mock.world.calls[two!.id]!.status, 'the shown call is untouched').to.equal('scheduled');
    expect(cancelled.map((event) => event.detail.call.id)).to.deep.equal([one!.id]);
    expect(message(el)).to.equal(en.confirmation(whenText(SECOND_SLOT)));
    expect(keptBookings()!.map(({ call }) => call.id)).to.deep.equal([two!.id]);
    await expect(el).to.be.accessible();

    const next = await reload(el);
    await until(() => message(next) === en.confirmation(whenText(SECOND_SLOT)), 'the kept call is not shown');
    await aTimeout(50);
    expect(list(next), 'nothing else listed').to.equal(null);
  });

  it('changes the time of an earlier call: that call moves, the other is listed in its place', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const first = await booked();
    await another(first, SECOND_SLOT);
    const [one, two] = scheduled.map((event) => event.detail.call);
    const el = await reload(first);
    await until(() => items(el).length === 1, 'not listed');

    itemButton(items(el)[0]!, en.changeTime).click();
    await until(() => buttons(el).includes(en.changeSubmit), 'no form for the new time');
    expect(textOf(root(el).querySelector('#current')), 'the listed call is the one changed').to.equal(
      en.changeCurrent(whenText(FIRST_SLOT)),
    );
    expect(list(el), 'no list beside the form').to.equal(null);
    pick(el, THIRD_SLOT, en.timeLabel);
    await el.updateComplete;
    await submit(el, en.changeSubmit);
    await until(() => message(el) === en.changedTo(whenText(THIRD_SLOT)), 'not moved');

    const three = scheduled[2]!.detail.call;
    expect(mock.world.calls[one!.id]!.status).to.equal('cancelled');
    expect(mock.world.calls[two!.id]!.status).to.equal('scheduled');
    expect(listed(el)).to.deep.equal([{ when: whenText(SECOND_SLOT), buttons: [en.changeTime, en.cancelCall] }]);
    expect(keptBookings()!.map(({ call }) => call.id)).to.deep.equal([three.id, two!.id]);
    await expect(el).to.be.accessible();
  });

  it('forgets an earlier call whose call has ended, still showing its status once', async () => {
    // Booked in a hidden tab, so that nothing reads a status before the reload: the statuses on one
    // page share their reads (a fresh answer is handed to an element that comes back), and a real
    // reload starts a new page. Read at once when shown.
    setVisibility('hidden');
    try {
      const scheduled = collect('ccai-call-scheduled');
      const first = await booked();
      await another(first, SECOND_SLOT);
      const [one, two] = scheduled.map((event) => event.detail.call);
      mock.world.calls[one!.id]!.status = 'finished'; // it took place meanwhile
      const el = await reload(first);
      await until(() => items(el).length === 1, 'the earlier call is not listed after the reload');
      setVisibility('visible');
      await until(
        () => shownStatus(items(el)[0]?.querySelector('ccai-call-status') ?? null) === en.statusNames.finished,
        'the final status is not shown',
      );
      expect(listed(el)[0]!.buttons, 'nothing to change or cancel').to.deep.equal([]);
      expect(keptBookings()!.map(({ call }) => call.id)).to.deep.equal([two!.id]);
    } finally {
      setVisibility('visible');
    }
  });

  it('forgets an earlier call the backend no longer knows (404), and no longer lists it', async () => {
    // Booked in a hidden tab, as in the test above: the first read of the call is the new page's.
    setVisibility('hidden');
    try {
      const scheduled = collect('ccai-call-scheduled');
      const first = await booked();
      await another(first, SECOND_SLOT);
      const [one, two] = scheduled.map((event) => event.detail.call);
      delete mock.world.calls[one!.id]; // the backend's world started afresh for that call
      const el = await reload(first);
      await until(() => items(el).length === 1, 'the earlier call is not listed after the reload');
      setVisibility('visible');
      await until(() => keptBookings()?.length === 1, 'not forgotten');
      expect(keptBookings()!.map(({ call }) => call.id)).to.deep.equal([two!.id]);
      await until(() => list(el) === null, 'still listed');
      expect(message(el), 'the shown call stays').to.equal(en.confirmation(whenText(SECOND_SLOT)));
      expect(buttons(el)).to.include(en.cancelCall);
    } finally {
      setVisibility('visible');
    }
  });

  it('keeps at most five, and reads a booking kept by the previous version (one, not a list)', async () => {
    const call = (id: number, hours: number) => ({
      ...structuredClone(mock.world.calls[514]!),
      id,
      status: 'scheduled',
      scheduled_at: new Date(NOW + hours * 60 * 60 * 1000).toISOString(),
    });
    for (const id of [901, 902, 903, 904, 905, 906]) mock.world.calls[id] = call(id, id - 900);
    // Written by the previous version: a single booking.
    sessionStorage.setItem(KEPT_KEY, JSON.stringify({ call: call(901, 1) }));
    const old = await scheduleCall();
    await until(() => message(old) === en.confirmation(whenText(call(901, 1).scheduled_at)), 'not read');
    expect(
      keptBookings()!.map(({ call }) => call.id),
      'migrated to a list',
    ).to.deep.equal([901]);
    old.remove();

    sessionStorage.setItem(
      KEPT_KEY,
      JSON.stringify([906, 905, 904, 903, 902, 901].map((id) => ({ call: call(id, id - 900) }))),
    );
    const el = await scheduleCall();
    await until(() => items(el).length === 4, 'not listed');
    expect(message(el)).to.equal(en.confirmation(whenText(call(906, 6).scheduled_at)));
    expect(
      listed(el).map(({ when }) => when),
      'newest first',
    ).to.deep.equal([905, 904, 903, 902].map((id) => whenText(call(id, id - 900).scheduled_at)));
    expect(
      keptBookings()!.map(({ call }) => call.id),
      'the oldest is forgotten',
    ).to.deep.equal([906, 905, 904, 903, 902]);
  });

  it('never shows another tab’s bookings', async () => {
    const first = await booked();
    await another(first, SECOND_SLOT);
    first.remove();
    sessionStorage.clear(); // another tab or browser profile: its own, empty, sessionStorage
    const el = await scheduleCall();
    await el.updateComplete;
    await aTimeout(50);
    expect(buttons(el)).to.deep.equal([en.submit]);
    expect(list(el)).to.equal(null);
  });
});
