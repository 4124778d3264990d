/**
 * `<ccai-schedule-call>` over a reload, where the booking's request or its call went astray: a
 * reload while the booking is being sent (the tenant may have booked it), a kept booking whose call
 * the backend no longer knows (404), and Change time after a reload (the number as the visitor
 * typed it, the recording consent booked with). A "reload" is the element removed and a new one
 * made with the same attributes (the tab's `sessionStorage` stays).
 */
import { aTimeout, expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { textOf } from '../../helpers/dom.js';
import {
  CALLS,
  alertText,
  button,
  buttons,
  collect,
  control,
  creates,
  fillValid,
  gate,
  message,
  phoneOf,
  pick,
  root,
  scheduleCall,
  sent,
  submit,
  until,
  useMockApi,
  booked,
  reload,
  whenText,
  FIRST_SLOT,
} from './helpers.js';

// The call status reads only while the page is visible; the runner may open this page in a background tab.
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

const SECOND_SLOT = '2031-03-03T14:30:00.000Z';
const alertSentence = (el: CcaiScheduleCall) => textOf(root(el).querySelector('[role=alert] p'));
const showsForm = (el: CcaiScheduleCall) =>
  buttons(el).includes(en.submit) && !root(el).querySelector('[part=confirmation]');
const apiRequests = () =>
  sent.filter((request) => new URL(request.url).pathname.startsWith('/apps/api/v1/') && request.method !== 'HEAD');

describe('<ccai-schedule-call> after a reload that went astray', function () {
  // A first use loads the phone metadata, the checks and the rest of the copy: seconds on a busy machine.
  this.timeout(30_000);
  const { mock, worker } = useMockApi();

  describe('while the booking is being sent', () => {
    it('says the call may already be scheduled, sends nothing, and books again only when asked', async () => {
      const answer = gate();
      // The tenant books the call; its answer reaches no page (the reload came first).
      worker.use(
        http.post(CALLS, () => answer.wait().then(() => HttpResponse.json({ message: 'Gone' }, { status: 503 })), {
          once: true,
        }),
      );
      const first = await scheduleCall();
      await fillValid(first);
      await submit(first);
      await until(() => creates().length === 1, 'not sent');

      const el = await reload(first);
      await until(() => alertSentence(el) !== '', 'nothing said after the reload');
      expect(alertSentence(el)).to.equal(en.createInterrupted);
      expect(showsForm(el)).to.equal(true);
      expect(buttons(el)).to.deep.equal([en.submit]);
      await aTimeout(50);
      expect(creates(), 'nothing sent by the reload').to.have.length(1);

      // Said again on the next reload, until the visitor books.
      const again = await reload(el);
      await until(() => alertSentence(again) === en.createInterrupted, 'not said on a second reload');

      await fillValid(again);
      await submit(again);
      await until(() => message(again) !== '', 'no confirmation');
      expect(creates()).to.have.length(2);
      const after = await reload(again);
      await until(() => buttons(after).includes(en.cancelCall), 'the new booking is not kept');
      expect(alertText(after)).to.equal('');
      answer.release();
    });

    it('forgets the mark when the answer says nothing was booked (a refusal)', async () => {
      worker.use(
        http.post(CALLS, () => HttpResponse.json({ message: 'Invalid phone number' }, { status: 400 }), { once: true }),
      );
      const first = await scheduleCall();
      await fillValid(first);
      await submit(first);
      await until(() => alertText(first) !== '', 'no refusal shown');
      const el = await reload(first);
      await el.updateComplete;
      await aTimeout(50);
      expect(alertText(el)).to.equal('');
      expect(showsForm(el)).to.equal(true);
    });

    it('keeps the mark when the answer was lost after sending (the call may exist)', async () => {
      worker.use(http.post(CALLS, () => HttpResponse.error(), { once: true }));
      const first = await scheduleCall();
      await fillValid(first);
      await submit(first);
      await until(() => alertSentence(first) === en.createLost, 'the lost answer is not said');
      const el = await reload(first);
      await until(() => alertSentence(el) === en.createInterrupted, 'not said after the reload');
    });
  });

  describe('while Change time’s new call is being sent', () => {
    it('shows the kept call and says that a call at the new time may exist beside it', async () => {
      const first = await booked();
      const answer = gate();
      // The tenant books the new time; its answer reaches no page (the reload came first).
      worker.use(
        http.post(CALLS, () => answer.wait().then(() => HttpResponse.json({ message: 'Gone' }, { status: 503 })), {
          once: true,
        }),
      );
      button(first, en.changeTime).click();
      await until(() => buttons(first).includes(en.changeSubmit), 'no form for the new time');
      pick(first, SECOND_SLOT, en.timeLabel);
      await first.updateComplete;
      await submit(first, en.changeSubmit);
      await until(() => creates().length === 2, 'not sent');

      const el = await reload(first);
      await until(() => alertSentence(el) !== '', 'nothing said after the reload');
      expect(alertSentence(el)).to.equal(en.createInterrupted);
      expect(message(el), 'the old call, still booked').to.equal(en.confirmation(whenText(FIRST_SLOT)));
      expect(buttons(el)).to.include.members([en.changeTime, en.cancelCall, en.scheduleAnother]);
      await aTimeout(50);
      expect(creates(), 'nothing sent by the reload').to.have.length(2);
      expect(
        apiRequests().filter((request) => request.method === 'PATCH'),
        'the old call is not cancelled',
      ).to.deep.equal([]);
      // Said again on the next reload, until the visitor books.
      const again = await reload(el);
      await until(() => alertSentence(again) === en.createInterrupted, 'not said on a second reload');
      await expect(again).to.be.accessible();
      answer.release();
    });
  });

  describe('a kept booking whose call the backend answers 404 for', () => {
    it('is forgotten: the form, saying so, with no Cancel call or Change time', async () => {
      const errors = collect('ccai-error');
      const first = await booked();
      const id = Number(root(first).querySelector('ccai-call-status')!.getAttribute('call-id'));
      delete mock.world.calls[id]; // the backend's world started afresh (the static demo after a reload)

      const el = await reload(first);
      await until(() => alertSentence(el) === en.keptNotFound, 'the lost call is not said');
      expect(showsForm(el)).to.equal(true);
      expect(buttons(el)).not.to.include(en.cancelCall);
      expect(buttons(el)).not.to.include(en.changeTime);
      expect(Object.keys(sessionStorage).filter((key) => !key.includes(':pending:'))).to.deep.equal([]);
      expect(errors.map((event) => event.detail.status)).to.deep.equal([404]);
      expect(apiRequests().filter((request) => request.method === 'PATCH')).to.deep.equal([]);
      // Gone for good: the next reload shows the plain form.
      const next = await reload(el);
      await el.updateComplete;
      await aTimeout(50);
      expect(showsForm(next)).to.equal(true);
      expect(alertText(next)).to.equal('');
    });
  });

  describe('Change time after a reload', () => {
    it('shows the kept number as it was typed, in its region, and books with the consent given', async () => {
      const attributes = 'menu-id="9" recording-consent';
      const el0 = await scheduleCall(attributes);
      await fillValid(el0);
      control<HTMLInputElement>(el0, en.consentLabel).click();
      await el0.updateComplete;
      await submit(el0);
      await until(() => root(el0).querySelector('[part=confirmation]'), 'no confirmation');

      const el = await reload(el0, attributes);
      await until(() => buttons(el).includes(en.changeTime), 'no Change time after the reload');
      button(el, en.changeTime).click();
      await until(() => buttons(el).includes(en.changeSubmit), 'no form for the new time');
      await until(() => phoneOf(el).value === '(201) 555-0123', 'the number is not shown as typed');
      expect(control<HTMLSelectElement>(el, 'Country').value).to.equal('US');
      expect(control<HTMLInputElement>(el, en.consentLabel).checked).to.equal(true);
      pick(el, SECOND_SLOT, en.timeLabel);
      await el.updateComplete;
      await submit(el, en.changeSubmit);
      await until(() => creates().length === 2, 'not booked');
      const body = JSON.parse(await creates()[1]!.body) as Record<string, unknown>;
      expect(body.end_user_number).to.equal('+12015550123');
      expect(body.recording_permission).to.equal('recording_permission_granted');
    });

    it('shows a number of another region in that region’s format, with that region chosen', async () => {
      const first = await scheduleCall();
      await fillValid(first, '+44 20 7946 0958');
      await submit(first);
      await until(() => root(first).querySelector('[part=confirmation]'), 'no confirmation');
      const el = await reload(first);
      await until(() => buttons(el).includes(en.changeTime), 'no Change time after the reload');
      button(el, en.changeTime).click();
      await until(() => buttons(el).includes(en.changeSubmit), 'no form for the new time');
      // The national format needs the phone metadata, loaded on this first use (a large module).
      await until(() => phoneOf(el).value === '020 7946 0958', 'the number is not shown in its national format', {
        timeout: 15_000,
      });
      expect(control<HTMLSelectElement>(el, 'Country').value).to.equal('GB');
    });
  });
});
