/**
 * `<ccai-schedule-call>`: what it sends, and what it shows for each answer (created, accepted,
 * refused, failed) and after (cancel, schedule another), against the API mock. Request bodies are
 * read as they reached the network. See `schedule-call.test.ts` for the form and its checks.
 */
import { aTimeout, expect } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import { http, HttpResponse } from 'msw';
import { en } from '../../../src/i18n/en.js';
import {
  alertText,
  button,
  buttons,
  CALLS,
  cancels,
  choices,
  choose,
  chosen,
  collect,
  control,
  createBodies,
  creates,
  fillValid,
  FIRST_SLOT,
  focused,
  gate,
  labels,
  phoneOf,
  phoneReady,
  pick,
  root,
  scheduleCall,
  submit,
  typeInto,
  until,
  useMockApi,
  whenText,
} from './helpers.js';

describe('<ccai-schedule-call> requests', () => {
  const { mock, worker } = useMockApi();

  describe('the request', () => {
    it("sends exactly the documented body and confirms with the time in the visitor's zone", async () => {
      const scheduled = collect('ccai-call-scheduled');
      const el = await scheduleCall();
      await fillValid(el);
      await submit(el);
      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      expect(await createBodies()).to.deep.equal([
        {
          call_type: 'Voice Scheduled (API)',
          end_user_number: '+12015550123',
          scheduled_at: FIRST_SLOT,
          lang: 'en',
          menu_id: 9,
        },
      ]);
      const message = root(el).querySelector('.message')!;
      expect(textOf(message)).to.equal(en.confirmation(whenText(FIRST_SLOT)));
      expect(focused(el)).to.equal(message);
      expect(scheduled).to.have.length(1);
      const { call } = scheduled[0]!.detail;
      expect(call.status).to.equal('scheduled');
      expect(call.scheduled_at).to.equal(FIRST_SLOT);
      expect(mock.world.calls[call.id]?.status).to.equal('scheduled');
      const status = root(el).querySelector('ccai-call-status')!;
      expect(status.call).to.equal(call);
      expect(status.callId).to.equal(call.id);
      expect(buttons(el)).to.deep.equal([en.changeTime, 'Cancel call', en.scheduleAnother]);
      await expect(el).to.be.accessible();
    });

    it('sends call_id, ticket_id and a national number of the chosen country as E.164', async () => {
      const el = await scheduleCall('call-id="514" ticket-id="76517" default-country="JP"');
      typeInto(phoneOf(el), '090-1234-5678');
      await phoneReady(el);
      pick(el, FIRST_SLOT);
      await submit(el);
      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      expect(await createBodies()).to.deep.equal([
        {
          call_type: 'Voice Scheduled (API)',
          end_user_number: '+819012345678',
          scheduled_at: FIRST_SLOT,
          lang: 'en',
          call_id: 514,
          ticket_id: '76517',
        },
      ]);
    });

    it('sends the chosen language and the chosen country', async () => {
      const el = await scheduleCall('menu-id="9" languages="en,ja"');
      await fillValid(el, '020 7946 0018');
      choose(control(el, 'Country'), 'GB');
      choose(control(el, 'Language'), 'ja');
      await submit(el);
      await until(() => creates().length === 1);
      const [body] = await createBodies();
      expect(body).to.include({ end_user_number: '+442079460018', lang: 'ja' });
    });

    it('asks for recording consent only with recording-consent, and sends the answer', async () => {
      const plain = await scheduleCall();
      expect(labels(plain)).not.to.include(en.consentLabel);

      const el = await scheduleCall('menu-id="9" recording-consent');
      const consent = control<HTMLInputElement>(el, en.consentLabel);
      expect(consent.type).to.equal('checkbox');
      expect(consent.checked).to.equal(false);
      await fillValid(el);
      await submit(el);
      await until(() => creates().length === 1);
      sessionStorage.clear(); // another visitor's tab: the first booking is not shown again
      const another = await scheduleCall('menu-id="9" recording-consent');
      await fillValid(another);
      control<HTMLInputElement>(another, en.consentLabel).click();
      await submit(another);
      await until(() => creates().length === 2);
      const bodies = await createBodies();
      expect(bodies.map((body) => body.recording_permission)).to.deep.equal([
        'recording_permission_denied',
        'recording_permission_granted',
      ]);
      await expect(another).to.be.accessible();
    });

    it('is busy while in flight: a second press sends nothing', async () => {
      const slow = gate();
      worker.use(http.post(CALLS, () => slow.wait()));
      const el = await scheduleCall();
      await fillValid(el);
      await submit(el);
      await until(() => creates().length === 1);
      const busy = button(el, en.submitting);
      expect(busy.getAttribute('aria-disabled')).to.equal('true');
      busy.click();
      control<HTMLInputElement>(el, 'Phone number').form!.requestSubmit();
      await aTimeout(50);
      expect(creates()).to.have.length(1);
      await expect(el).to.be.accessible();
      slow.release();
      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      expect(creates()).to.have.length(1);
    });

    it('handles a 202 (a person must act first) without a call to show', async () => {
      worker.use(http.post(CALLS, () => new HttpResponse(null, { status: 202 })));
      const scheduled = collect('ccai-call-scheduled');
      const el = await scheduleCall();
      await fillValid(el);
      await submit(el);
      await until(() => root(el).querySelector('[part=confirmation]'));
      expect(textOf(root(el).querySelector('.message'))).to.equal(en.scheduleAccepted);
      expect(root(el).querySelector('ccai-call-status')).to.equal(null);
      expect(scheduled).to.have.length(0);
      button(el, en.scheduleAnother).click();
      await until(() => buttons(el).includes('Schedule call'), 'the form is not back');
      expect(phoneOf(el).value).to.equal('(201) 555-0123');
    });
  });

  describe('refusals from the server', () => {
    const refusals: [string, () => void, string, string][] = [
      ['after hours (S8)', () => (mock.world.menus[9]!.state = 'after_hours'), 'menu-id="9"', en.serverClosed],
      [
        'manual redirection (S2)',
        () => (mock.world.menus[9]!.state = 'manual_redirection'),
        'menu-id="9"',
        en.serverUnavailable,
      ],
      ['an unknown menu (S11)', () => undefined, 'menu-id="9999"', en.serverConfig],
      [
        'a malformed number (S1)',
        () =>
          worker.use(
            http.post(CALLS, () =>
              HttpResponse.json({ message: 'end_user_number is not well formed' }, { status: 400 }),
            ),
          ),
        'menu-id="9"',
        en.phoneInvalid,
      ],
      [
        'a message we have no text for',
        () =>
          worker.use(http.post(CALLS, () => HttpResponse.json({ message: 'Queue <b>paused</b>' }, { status: 400 }))),
        'menu-id="9"',
        `${en.errorUnknown} Queue <b>paused</b>`,
      ],
    ];

    for (const [name, arrange, attributes, message] of refusals) {
      it(`shows ${name} in the visitor's words and keeps every value`, async () => {
        arrange();
        const errors = collect('ccai-error');
        const el = await scheduleCall(attributes);
        await fillValid(el);
        await submit(el);
        await until(() => alertText(el) !== '', 'no error shown');
        expect(textOf(root(el).querySelector('[role=alert] p'))).to.equal(message);
        expect(buttons(el)).to.deep.equal(['Schedule call']); // no "Try again": the same request would fail again
        expect(phoneOf(el).value).to.equal('(201) 555-0123');
        expect(chosen(el)).to.equal(FIRST_SLOT);
        expect(control(el, 'Country').value).to.equal('US');
        expect(errors.map((event) => [event.detail.kind, event.detail.status])).to.deep.equal([['http', 400]]);
        await expect(el).to.be.accessible();
      });
    }

    it('shows a language the tenant does not offer (S9) and keeps the choice', async () => {
      const el = await scheduleCall('menu-id="9" languages="en,fr"');
      await fillValid(el);
      choose(control(el, 'Language'), 'fr');
      await submit(el);
      await until(() => alertText(el) !== '');
      expect(alertText(el)).to.equal(en.serverLanguage);
      expect(control(el, 'Language').value).to.equal('fr');
    });

    // A connection that fails while the browser is online may have carried the booking (see faults.test.ts).
    for (const [name, failure, message, offline] of [
      ['a server error', () => new HttpResponse(null, { status: 500 }), en.errorServer, false],
      ['a connection that failed while offline', () => HttpResponse.error(), en.errorNetwork, true],
    ] as const) {
      it(`offers Try again after ${name}, which sends the same request once more`, async () => {
        worker.use(http.post(CALLS, failure, { once: true }));
        const scheduled = collect('ccai-call-scheduled');
        const el = await scheduleCall();
        await fillValid(el);
        if (offline) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
        try {
          await submit(el);
          await until(() => alertText(el) !== '', 'no error shown');
        } finally {
          delete (navigator as { onLine?: boolean }).onLine;
        }
        expect(textOf(root(el).querySelector('[role=alert] p'))).to.equal(message);
        await expect(el).to.be.accessible();
        const slow = gate();
        worker.use(http.post(CALLS, () => slow.wait()));
        const retry = button(el, en.tryAgain);
        retry.click();
        retry.click();
        await el.updateComplete;
        expect(focused(el)).to.equal(button(el, en.submitting));
        await until(() => creates().length === 2);
        await aTimeout(50);
        expect(creates()).to.have.length(2);
        slow.release();
        await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation after trying again');
        const bodies = await createBodies();
        expect(bodies).to.have.length(2);
        expect(bodies[1]).to.deep.equal(bodies[0]);
        expect(scheduled).to.have.length(1);
      });
    }
  });

  describe('after scheduling', () => {
    async function scheduled(attributes?: string) {
      const el = await scheduleCall(attributes);
      await fillValid(el);
      await submit(el);
      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      return el;
    }

    it('cancels the call once, however often the button is pressed, and says so', async () => {
      const slow = gate();
      worker.use(http.patch('*/apps/api/v1/calls/scheduled/:id/cancel', () => slow.wait()));
      const cancelled = collect('ccai-call-cancelled');
      const el = await scheduled();
      const id = Number(root(el).querySelector('ccai-call-status')!.callId);
      button(el, 'Cancel call').click();
      await el.updateComplete;
      const busy = button(el, en.cancelling);
      expect(busy.getAttribute('aria-disabled')).to.equal('true');
      busy.click();
      // The worker reports requests asynchronously: wait for the first, then give a second one time to show.
      await until(() => cancels().length > 0, 'no cancel request');
      await aTimeout(100);
      expect(cancels()).to.have.length(1);
      await expect(el).to.be.accessible();
      slow.release();
      await until(() => cancelled.length === 1, 'no ccai-call-cancelled');
      expect(cancelled[0]!.detail.call).to.include({ id, status: 'cancelled' });
      expect(mock.world.calls[id]?.status).to.equal('cancelled');
      await el.updateComplete;
      const message = root(el).querySelector('.message')!;
      expect(textOf(message)).to.equal(en.cancelled);
      expect(focused(el)).to.equal(message);
      expect(root(el).querySelector('ccai-call-status'), 'announced once, by the message alone').to.equal(null);
      expect(buttons(el)).to.deep.equal([en.scheduleAnother]);
      await expect(el).to.be.accessible();
      expect(cancels()).to.have.length(1);
    });

    it('fires ccai-call-cancelled with the call it has when the call was cancelled already (204)', async () => {
      const cancelled = collect('ccai-call-cancelled');
      const el = await scheduled();
      const call = root(el).querySelector('ccai-call-status')!.call!;
      mock.world.calls[call.id]!.status = 'cancelled'; // cancelled elsewhere meanwhile
      button(el, 'Cancel call').click();
      await until(() => cancelled.length === 1, 'no ccai-call-cancelled');
      expect(cancelled[0]!.detail.call).to.deep.equal({ ...call, status: 'cancelled' });
      await el.updateComplete;
      expect(textOf(root(el).querySelector('.message'))).to.equal(en.cancelled);
    });

    it('shows a failed cancel and lets the visitor press Cancel call again', async () => {
      worker.use(
        http.patch('*/apps/api/v1/calls/scheduled/:id/cancel', () => new HttpResponse(null, { status: 503 }), {
          once: true,
        }),
      );
      const errors = collect('ccai-error');
      const el = await scheduled();
      button(el, 'Cancel call').click();
      await until(() => alertText(el) !== '', 'no error shown');
      expect(alertText(el)).to.equal(en.errorServer);
      expect(errors.map((event) => event.detail.status)).to.include(503);
      await expect(el).to.be.accessible();
      button(el, 'Cancel call').click();
      await until(() => textOf(root(el).querySelector('.message')) === en.cancelled, 'not cancelled');
      expect(cancels()).to.have.length(2);
    });

    it('goes back to the form to schedule another call, keeping the number', async () => {
      const el = await scheduled();
      button(el, 'Cancel call').click();
      await until(() => textOf(root(el).querySelector('.message')) === en.cancelled, 'not cancelled');
      button(el, en.scheduleAnother).click();
      await until(() => buttons(el).includes('Schedule call'), 'the form is not back');
      expect(phoneOf(el).value).to.equal('(201) 555-0123');
      expect(chosen(el)).to.equal('');
      expect(focused(el), 'on the chosen day').to.equal(choices(el, 'Date').find((radio) => radio.checked));
      expect(alertText(el)).to.equal('');
      expect(buttons(el)).to.deep.equal(['Schedule call']);
    });
  });
});
