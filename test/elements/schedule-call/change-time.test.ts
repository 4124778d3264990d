/**
 * `<ccai-schedule-call>` Change time, and the booking kept over a reload: the new time is booked
 * first and the old call cancelled after, so a failure in between never leaves the visitor without
 * a call; a failed cancel says that both calls exist and offers to cancel the old one again (never
 * to book again). Requests are read as they reached the network, the calls in the mock's world.
 */
import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { cancelScheduledCall } from '../../../src/mock/rules/calls.js';
import { textOf } from '../../helpers/dom.js';
import { simulateGateway } from '../../helpers/gateway.js';
import {
  CALLS,
  FIRST_SLOT,
  alertText,
  button,
  buttons,
  cancels,
  pick,
  collect,
  createBodies,
  creates,
  focused,
  phoneOf,
  root,
  scheduleCall,
  sent,
  submit,
  until,
  useMockApi,
  whenText,
  message,
  booked,
  SECOND_SLOT,
  kept,
} from './helpers.js';

// The call status reads only while the page is visible; the runner may open this page in a background tab.
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

const CANCEL = '*/apps/api/v1/calls/scheduled/:id/cancel';
/** The alert's sentence, without its button. */
const alertSentence = (el: CcaiScheduleCall) => textOf(root(el).querySelector('[role=alert] p'));
const apiRequests = () =>
  sent
    .filter((request) => request.url.includes('/apps/api/v1/') && ['POST', 'PATCH'].includes(request.method))
    .map((request) => `${request.method} ${new URL(request.url).pathname}`);

describe('<ccai-schedule-call> change time, and the booking kept over a reload', () => {
  const { mock, worker } = useMockApi();

  /** Change time, then the second slot and Move my call. */
  async function changeTo(el: CcaiScheduleCall, slot = SECOND_SLOT): Promise<void> {
    button(el, en.changeTime).click();
    await until(() => buttons(el).includes(en.changeSubmit), 'no form to change the time');
    pick(el, slot, en.timeLabel);
    await el.updateComplete;
    await submit(el, en.changeSubmit);
  }

  it('books the new time first, then cancels the old call, and says the call has moved', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const cancelled = collect('ccai-call-cancelled');
    const el = await booked();
    const old = scheduled[0]!.detail.call;

    button(el, en.changeTime).click();
    await until(() => buttons(el).includes(en.changeSubmit), 'no form to change the time');
    expect(textOf(root(el).querySelector('legend'))).to.equal(en.changeLegend);
    expect(buttons(el)).to.deep.equal([en.changeSubmit, en.keepTime]);
    expect(phoneOf(el).value, 'the number is kept').to.equal('(201) 555-0123');
    expect(textOf(root(el).querySelector('#current')), 'the time now, above the pickers').to.equal(
      en.changeCurrent(whenText(FIRST_SLOT)),
    );
    expect(textOf(root(el).querySelector('#current bdi'))).to.equal(whenText(FIRST_SLOT));
    const now = root(el).querySelector<HTMLInputElement>(`input[name=time][value="${FIRST_SLOT}"]`)!;
    expect(now.disabled, 'the same time is not offered').to.equal(true);
    expect(now.id, 'nor is it the Tab stop').to.not.equal('time');
    expect(now.getAttribute('aria-describedby')).to.equal('current');
    expect(root(el).querySelector('fieldset')!.contains(focused(el)), 'focus in the form').to.equal(true);
    await expect(el).to.be.accessible();

    pick(el, SECOND_SLOT, en.timeLabel);
    await el.updateComplete;
    await submit(el, en.changeSubmit);
    await until(() => message(el) === en.changedTo(whenText(SECOND_SLOT)), 'not moved');

    expect(apiRequests()).to.deep.equal([
      'POST /apps/api/v1/calls',
      'POST /apps/api/v1/calls',
      `PATCH /apps/api/v1/calls/scheduled/${old.id}/cancel`,
    ]);
    expect((await createBodies())[1]).to.include({ scheduled_at: SECOND_SLOT, end_user_number: '+12015550123' });
    const fresh = scheduled[1]!.detail.call;
    expect(mock.world.calls[old.id]!.status).to.equal('cancelled');
    expect(mock.world.calls[fresh.id]!.status).to.equal('scheduled');
    expect(cancelled.map((event) => event.detail.call.id)).to.deep.equal([old.id]);
    const announced = root(el).querySelector('.confirmation > [role=status]');
    expect(textOf(announced), 'the move is announced').to.equal(en.changedTo(whenText(SECOND_SLOT)));
    const saying = [...root(el).querySelectorAll('p')].filter((p) => textOf(p) === en.changedTo(whenText(SECOND_SLOT)));
    expect(saying, 'said once: the message, a live region during the change').to.deep.equal([announced]);
    expect(kept()).to.deep.equal({
      call: fresh,
      request: { end_user_number: '+12015550123', lang: 'en' },
      chain: { id: old.id, sequence: 1 },
    });
    expect(buttons(el)).to.deep.equal([en.changeTime, en.cancelCall, en.scheduleAnother]);
    await expect(el).to.be.accessible();
  });

  it('when the old call cannot be cancelled: says both calls exist, and cancels it again on request, never booking again', async () => {
    worker.use(http.patch(CANCEL, () => HttpResponse.json({ message: 'busy' }, { status: 503 }), { once: true }));
    const scheduled = collect('ccai-call-scheduled');
    const errors = collect('ccai-error');
    const el = await booked();
    const old = scheduled[0]!.detail.call;
    const oldWhen = whenText(FIRST_SLOT);
    await changeTo(el);

    const again = en.cancelOldCall(oldWhen);
    await until(() => buttons(el).includes(again), 'no offer to cancel the old call again');
    expect(alertSentence(el)).to.equal(`${en.changeBothCalls(oldWhen)} ${en.errorServer}`);
    expect(message(el)).to.equal(en.confirmation(whenText(SECOND_SLOT)));
    expect(errors.map((event) => event.detail.status)).to.deep.equal([503]);
    expect(mock.world.calls[old.id]!.status, 'both calls exist').to.equal('scheduled');
    expect(kept()!.replaces, 'kept for a reload').to.deep.include({ call: old });
    await expect(el).to.be.accessible();

    const retry = button(el, again);
    expect(textOf(retry.querySelector('bdi')), 'the time in the button is isolated').to.equal(oldWhen);
    // Twice, quickly: one cancel. The button stays while it runs, focused and aria-disabled.
    retry.focus();
    retry.click();
    await el.updateComplete;
    expect(focused(el), 'focus stays on the button while it runs').to.equal(retry);
    expect(retry.getAttribute('aria-disabled')).to.equal('true');
    retry.click();
    await until(() => message(el) === en.changedTo(whenText(SECOND_SLOT)), 'not moved after the second try');
    expect(focused(el), 'then on the message that says the call has moved').to.equal(
      root(el).querySelector('.message'),
    );
    await aTimeout(50);
    expect(cancels()).to.have.length(2);
    expect(creates(), 'never booked again').to.have.length(2);
    expect(mock.world.calls[old.id]!.status).to.equal('cancelled');
    expect(kept()!.replaces).to.equal(undefined);
  });

  it('after a reload in between, still says both calls exist and cancels the old one', async () => {
    worker.use(http.patch(CANCEL, () => HttpResponse.json({ message: 'busy' }, { status: 503 }), { once: true }));
    const scheduled = collect('ccai-call-scheduled');
    const first = await booked();
    const old = scheduled[0]!.detail.call;
    await changeTo(first);
    const again = en.cancelOldCall(whenText(FIRST_SLOT));
    await until(() => buttons(first).includes(again), 'no offer to cancel again');
    first.remove();

    const el = await scheduleCall();
    await until(() => buttons(el).includes(again), 'not offered after the reload');
    expect(alertSentence(el)).to.equal(en.changeBothCalls(whenText(FIRST_SLOT)));
    button(el, again).click();
    await until(() => message(el) === en.changedTo(whenText(SECOND_SLOT)), 'not moved');
    expect(mock.world.calls[old.id]!.status).to.equal('cancelled');
    expect(creates()).to.have.length(2);
  });

  it('after a reload while the old call was being cancelled: reads it, and says it has moved when it was cancelled', async () => {
    const scheduled = collect('ccai-call-scheduled');
    // The tenant cancels the old call; its answer is slower than the visitor, who reloads.
    worker.use(
      http.patch(
        CANCEL,
        async ({ params }) => {
          cancelScheduledCall(mock.world, String(params.id));
          await delay('infinite');
        },
        { once: true },
      ),
    );
    const first = await booked();
    const old = scheduled[0]!.detail.call;
    await changeTo(first);
    await until(() => mock.world.calls[old.id]!.status === 'cancelled', 'the tenant did not cancel');
    expect(kept()!.replaces, 'the answer has not come').to.deep.include({ call: old });
    first.remove();

    const el = await scheduleCall();
    await until(() => message(el) === en.changedTo(whenText(SECOND_SLOT)), 'not said to have moved');
    expect(root(el).querySelector('[role=alert]'), 'no claim that both calls exist').to.equal(null);
    expect(cancels(), 'not cancelled again').to.have.length(1);
    expect(kept()!.replaces).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('when the new time cannot be booked: keeps the old call, cancels nothing, and Keep the current time goes back to it', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const el = await booked();
    worker.use(http.post(CALLS, () => HttpResponse.json({ message: 'down' }, { status: 500 }), { once: true }));
    const old = scheduled[0]!.detail.call;
    await changeTo(el);
    await until(() => alertText(el) !== '', 'no error');
    expect(alertText(el)).to.contain(en.errorServer);
    expect(cancels(), 'the old call is not touched').to.have.length(0);
    expect(mock.world.calls[old.id]!.status).to.equal('scheduled');
    expect(buttons(el)).to.deep.equal([en.tryAgain, en.changeSubmit, en.keepTime]);

    button(el, en.keepTime).click();
    await until(() => message(el) === en.confirmation(whenText(FIRST_SLOT)), 'not back to the booking');
    expect(kept()!.call).to.deep.include({ id: old.id });
  });

  it('Keep the current time sends nothing', async () => {
    const el = await booked();
    const before = sent.length;
    button(el, en.changeTime).click();
    await until(() => buttons(el).includes(en.keepTime));
    button(el, en.keepTime).click();
    await until(() => message(el) === en.confirmation(whenText(FIRST_SLOT)), 'not back');
    await aTimeout(50);
    expect(sent.slice(before).filter((request) => request.method !== 'GET' && request.method !== 'HEAD')).to.deep.equal(
      [],
    );
  });

  it('sends the new booking once when Move my call is pressed twice', async () => {
    const el = await booked();
    button(el, en.changeTime).click();
    await until(() => buttons(el).includes(en.changeSubmit));
    pick(el, SECOND_SLOT, en.timeLabel);
    await el.updateComplete;
    button(el, en.changeSubmit).click();
    button(el, en.changeSubmit).click();
    await until(() => message(el) === en.changedTo(whenText(SECOND_SLOT)), 'not moved');
    expect(creates()).to.have.length(2);
    expect(cancels()).to.have.length(1);
  });

  it('after a reload behind a gateway: changes the time with the kept number, cancelling the old call with its capability', async () => {
    const gateway = simulateGateway(mock.handlers);
    worker.use(...gateway.handlers);
    const scheduled = collect('ccai-call-scheduled');
    const first = await booked();
    const { call: old, capability } = scheduled[0]!.detail;
    first.remove();

    const el = await scheduleCall();
    await until(() => buttons(el).includes(en.changeTime), 'no Change time after the reload');
    expect(buttons(el)).to.deep.equal([en.changeTime, en.cancelCall, en.scheduleAnother]);
    button(el, en.changeTime).click();
    await until(() => buttons(el).includes(en.changeSubmit));
    expect(phoneOf(el).value, 'the number booked with').to.be.oneOf(['+12015550123', '(201) 555-0123']);
    pick(el, SECOND_SLOT, en.timeLabel);
    await el.updateComplete;
    await submit(el, en.changeSubmit);
    await until(() => message(el) === en.changedTo(whenText(SECOND_SLOT)), 'not moved');
    expect(gateway.received.at(-1)).to.deep.equal({
      method: 'PATCH',
      path: `/apps/api/v1/calls/scheduled/${old.id}/cancel`,
      capability,
    });
    expect(mock.world.calls[old.id]!.status).to.equal('cancelled');
  });

  it('after a reload offers another booking; the kept call stays until a new one is booked', async () => {
    const first = await booked();
    const oldKept = kept();
    first.remove();
    const el = await scheduleCall();
    await until(() => buttons(el).includes(en.scheduleAnother), 'no Schedule another call');
    button(el, en.scheduleAnother).click();
    await until(() => buttons(el).includes(en.submit), 'no form');
    expect(kept(), 'the call still exists: still kept').to.deep.equal(oldKept);
    expect(localStorage.length, 'nothing outlives the tab').to.equal(0);
  });

  it('is used with the keyboard: Tab through the actions, Enter on Change time, and back with Keep the current time', async () => {
    const el = await booked();
    await el.updateComplete;
    // Compared as booleans: chai describing a shadow DOM node that differs takes minutes.
    expect(focused(el) === root(el).querySelector('.message'), 'the confirmation has focus').to.equal(true);
    const tab = async () => {
      await sendKeys({ press: 'Tab' });
      return textOf(focused(el));
    };
    expect([await tab(), await tab(), await tab(), await tab()]).to.deep.equal([
      en.changeTime,
      en.cancelCall,
      en.addToCalendar,
      en.scheduleAnother,
    ]);
    button(el, en.changeTime).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => buttons(el).includes(en.keepTime), 'no form to change the time');
    await el.updateComplete;
    button(el, en.keepTime).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => message(el) === en.confirmation(whenText(FIRST_SLOT)), 'not back');
    await el.updateComplete;
    expect(focused(el) === root(el).querySelector('.message'), 'focus back on the confirmation').to.equal(true);
  });

  it('after a reload, a call that has moved on is shown with its status and without Change time, Cancel call or the calendar', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const first = await booked();
    mock.world.calls[scheduled[0]!.detail.call.id]!.status = 'queued';
    first.remove();
    const el = await scheduleCall();
    const status = () => textOf(root(el).querySelector('ccai-call-status')?.shadowRoot);
    await until(() => status().includes(en.statusNames.queued!), 'no queued status');
    await until(() => !buttons(el).includes(en.changeTime), 'Change time still offered');
    expect(buttons(el)).to.deep.equal([en.scheduleAnother]);
    expect(root(el).querySelector('a[part=calendar]')).to.equal(null);
    expect(kept(), 'still live: still kept').to.not.equal(null);
  });

  it('after a reload, a call that has ended is said to have been for its time, with only another booking offered', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const first = await booked();
    mock.world.calls[scheduled[0]!.detail.call.id]!.status = 'finished';
    first.remove();
    const el = await scheduleCall();
    await until(() => message(el) === en.confirmationEnded(whenText(FIRST_SLOT)), 'still said to be scheduled');
    expect(buttons(el)).to.deep.equal([en.scheduleAnother]);
    expect(kept(), 'a final status: nothing to show after the next reload').to.equal(null);
  });

  it('Cancel call on a call that has already ended says it can no longer be cancelled, and announces no cancel', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const cancelled = collect('ccai-call-cancelled');
    const el = await booked();
    // Ended at the tenant since the confirmation last read it (the status element reads a call
    // this far away rarely): the cancel's 200 carries the call as it is (C1–C3).
    mock.world.calls[scheduled[0]!.detail.call.id]!.status = 'finished';
    button(el, en.cancelCall).click();
    await until(() => alertText(el) === en.notCancelled, 'no "can no longer be cancelled"');
    expect(message(el)).to.equal(en.confirmationEnded(whenText(FIRST_SLOT)));
    expect(buttons(el)).to.deep.equal([en.scheduleAnother]);
    expect(cancelled).to.have.length(0);
    expect(kept(), 'a final status: nothing to show after a reload').to.equal(null);
  });

  it('offers the calendar file beside Change time and Cancel call', async () => {
    const el = await booked();
    const link = root(el).querySelector<HTMLAnchorElement>('a[part=calendar]')!;
    expect(textOf(link)).to.equal(en.addToCalendar);
    expect(link.getAttribute('download')).to.equal('callback.ics');
  });
});
