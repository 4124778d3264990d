/**
 * Accessibility across the three elements, beyond what their own suites check: a call booked
 * with the keyboard alone; axe in the dark scheme (English and Japanese) in every state, and in
 * the states the element suites do not audit; `prefers-reduced-motion` stopping every transition
 * and animation; live regions left alone when nothing changed.
 */
import { expect } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import {
  agent,
  callOf,
  callStatus,
  customerFlags,
  fillIn,
  focusedName,
  fullForm,
  message,
  moving,
  shiftTab,
} from './a11y.helpers.js';
import { loaded } from '../customer-flags/helpers.js';
import {
  CALLS,
  FIRST_SLOT,
  button,
  cancels,
  choiceText,
  choices,
  chosen,
  control,
  createBodies,
  gate,
  offered,
  phoneOf,
  root,
  scheduleCall,
  statusText,
  submit,
  until,
  useMockApi,
} from '../schedule-call/helpers.js';

const FLAGS = '*/apps/api/v1/calls/:id/customer_flag';
const CALL = '*/apps/api/v1/calls/:id';
const CATALOGUES = { en, ja };

/** Test pages may run in background tabs, where `<ccai-call-status>` rightly does not read. */
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

describe('accessibility of the three elements', () => {
  const { worker } = useMockApi();

  describe('with the keyboard alone', () => {
    it('books a call with Tab, typing, arrows, Space and Enter, the labels in reading order, and cancels it', async () => {
      const el = await fullForm('en');
      (document.activeElement as HTMLElement | null)?.blur();
      const tab = async () => {
        await sendKeys({ press: 'Tab' });
        await el.updateComplete;
        return focusedName(el);
      };

      expect(await tab()).to.equal(en.countryLabel);
      expect(await tab()).to.equal(en.phoneLabel);
      await sendKeys({ type: '2015550123' });
      // The days: one Tab stop, on the chosen day; the arrows move to the next day and back, choosing it.
      const [today, tomorrow] = choices(el, en.dateLabel).map(choiceText);
      expect(await tab()).to.equal(`${en.dateLabel}: ${today}`);
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focusedName(el)).to.equal(`${en.dateLabel}: ${tomorrow}`);
      expect(chosen(el, en.dateLabel)).to.equal(offered(el, en.dateLabel)[1]);
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(focusedName(el)).to.equal(`${en.dateLabel}: ${today}`);
      // The times: none chosen yet, so Tab lands on the first; the arrows choose as they move.
      const [first, second] = choices(el, en.timeLabel).map(choiceText);
      expect(await tab()).to.equal(`${en.timeLabel}: ${first}`);
      expect(chosen(el), 'focus alone chooses nothing').to.equal('');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(focusedName(el)).to.equal(`${en.timeLabel}: ${second}`);
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(chosen(el)).to.equal(FIRST_SLOT);
      expect(await tab()).to.equal(en.languageLabel);
      await sendKeys({ press: 'ArrowDown' });
      expect(await tab()).to.equal(en.consentLabel);
      await sendKeys({ press: ' ' });
      expect(await tab()).to.equal(en.submit);
      await sendKeys({ press: 'Enter' });

      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      expect(await createBodies()).to.deep.equal([
        {
          call_type: 'Voice Scheduled (API)',
          menu_id: 9,
          end_user_number: '+12015550123',
          scheduled_at: FIRST_SLOT,
          lang: 'ja',
          recording_permission: 'recording_permission_granted',
        },
      ]);
      await el.updateComplete;
      expect(root(el).activeElement, 'the confirmation takes focus, so it is read out').to.equal(
        root(el).querySelector('.message'),
      );

      expect(await tab()).to.equal(en.changeTime);
      expect(await tab()).to.equal(en.cancelCall);
      await sendKeys({ press: 'Enter' });
      await until(() => message(el) === en.cancelled, 'not cancelled');
      expect(cancels()).to.have.length(1);
      expect(await tab()).to.equal(en.scheduleAnother);
    });

    it('shows and announces an error when a field is left, once, and corrects it', async () => {
      const el = await scheduleCall();
      (document.activeElement as HTMLElement | null)?.blur();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focusedName(el)).to.equal(en.phoneLabel);
      await sendKeys({ type: '123' });
      await sendKeys({ press: 'Tab' });
      const phone = phoneOf(el);
      await until(
        () => phone.getAttribute('aria-invalid') === 'true',
        'the phone number was not refused on leaving it',
      );
      expect(statusText(el)).to.equal(en.phoneTooShort);

      // Back and away again, unchanged: nothing new to say, so the live region is not touched.
      const region = root(el).querySelector('form > [role=status]')!;
      const mutations: MutationRecord[] = [];
      const observer = new MutationObserver((records) => mutations.push(...records));
      observer.observe(region, { subtree: true, childList: true, characterData: true });
      await shiftTab();
      expect(focusedName(el)).to.equal(en.phoneLabel);
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(mutations).to.have.length(0);
      observer.disconnect();

      await shiftTab();
      await sendKeys({ press: 'End' });
      await sendKeys({ type: '4567890' });
      await sendKeys({ press: 'Tab' });
      await until(() => !phone.hasAttribute('aria-invalid'), 'the corrected number is still refused');
    });
  });

  describe('live regions', () => {
    it('are left alone when a host pushes the same status again, and say a change once', async () => {
      const el = await callStatus(callOf({ status: 'queued' }), 'en');
      const region = el.shadowRoot!.querySelector('[part=status][role=status]')!;
      const mutations: MutationRecord[] = [];
      const observer = new MutationObserver((records) => mutations.push(...records));
      observer.observe(region, { subtree: true, childList: true, characterData: true, attributes: true });
      for (let i = 0; i < 3; i++) {
        el.call = callOf({ status: 'queued', wait_duration: i });
        await el.updateComplete;
      }
      expect(mutations, 'the same status pushed again').to.have.length(0);
      el.call = callOf({ status: 'assigned' });
      await el.updateComplete;
      expect(region.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        `${en.statusHeading} ${en.statusNames.assigned}`,
      );
      const changed = mutations.length;
      expect(changed).to.be.greaterThan(0);
      el.call = callOf({ status: 'assigned', wait_duration: 9 });
      await el.updateComplete;
      expect(mutations).to.have.length(changed);
      observer.disconnect();
    });
  });

  describe('in the dark scheme', function () {
    // Four axe runs over a whole form in one test: about 10 s on two busy cores, 2 s on idle ones.
    this.timeout(30_000);
    before(() => emulateMedia({ colorScheme: 'dark' }));
    after(() => emulateMedia({ colorScheme: 'light' }));

    /** The element really is in its dark theme: text in the dark default colour. */
    const expectDark = (el: HTMLElement) => expect(getComputedStyle(el).color).to.equal('rgb(227, 227, 227)');

    for (const lang of ['en', 'ja'] as const) {
      const t = CATALOGUES[lang];

      it(`<ccai-schedule-call> is accessible in every state (${lang})`, async () => {
        const el = await fullForm(lang);
        expectDark(el);
        await expect(el).to.be.accessible();
        await submit(el, t.submit);
        await until(() => statusText(el) === t.fixErrors, 'not refused');
        await expect(el).to.be.accessible();

        const slow = gate();
        worker.use(
          http.post(CALLS, () => slow.wait().then(() => HttpResponse.json({ message: 'Down' }, { status: 503 })), {
            once: true,
          }),
        );
        await fillIn(el, t);
        await submit(el, t.submit);
        await until(() => root(el).querySelector('button[aria-disabled=true]'), 'not busy');
        expect(button(el, t.submitting)).to.exist;
        await expect(el).to.be.accessible();
        slow.release();
        await until(() => root(el).querySelector('[role=alert]'), 'no failure shown');
        await expect(el).to.be.accessible();

        button(el, t.tryAgain).click();
        await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
        await expect(el).to.be.accessible();
        button(el, t.cancelCall).click();
        await until(() => message(el) === t.cancelled, 'not cancelled');
        await expect(el).to.be.accessible();

        worker.use(http.post(CALLS, () => new HttpResponse(null, { status: 202 }), { once: true }));
        const accepted = await fullForm(lang);
        await fillIn(accepted, t);
        await submit(accepted, t.submit);
        await until(() => message(accepted) === t.scheduleAccepted, 'not accepted');
        await expect(accepted).to.be.accessible();
      });

      it(`<ccai-call-status> is accessible in every state (${lang})`, async () => {
        const calls = [
          callOf({ status: 'scheduled', scheduled_at: FIRST_SLOT }),
          callOf({ status: 'connected', agent_info: agent }),
          callOf({ status: 'finished' }),
          callOf({ status: 'failed', fail_reason: 'eu_no_answer' }),
          callOf({ status: 'a_status_from_the_future' }),
        ];
        for (const call of calls) {
          const el = await callStatus(call, lang);
          expectDark(el);
          await expect(el).to.be.accessible();
        }
        const slow = gate();
        worker.use(
          http.get(CALL, () =>
            slow.wait().then(() => HttpResponse.json({ message: 'Resource not found' }, { status: 404 })),
          ),
        );
        const missing = await callStatus(undefined, lang, '600');
        await until(() => missing.shadowRoot!.querySelector('[part=loading]'), 'not loading');
        await expect(missing).to.be.accessible();
        slow.release();
        await until(
          () => textOf(missing.shadowRoot!.querySelector('[part=notice]')) === t.errorNotFound,
          'not found not shown',
        );
        await expect(missing).to.be.accessible();
      });

      it(`<ccai-customer-flags> is accessible while its flags load (${lang})`, async () => {
        const slow = gate();
        worker.use(http.get(FLAGS, () => slow.wait().then(() => undefined), { once: true }));
        const el = await customerFlags(lang);
        expectDark(el);
        expect(el.shadowRoot!.querySelector('fieldset')?.getAttribute('aria-busy'), 'loading').to.equal('true');
        await expect(el).to.be.accessible();
        slow.release();
        await expect(await loaded(el)).to.be.accessible();
      });

      it(`<ccai-customer-flags> is accessible in every state (${lang})`, async () => {
        const el = await loaded(await customerFlags(lang));
        expectDark(el);
        await expect(el).to.be.accessible();
        const slow = gate();
        worker.use(
          http.patch(FLAGS, () => slow.wait().then(() => HttpResponse.json({ message: 'Down' }, { status: 503 }))),
        );
        control(el, t.badActor).click();
        await el.updateComplete;
        expect(control(el, t.badActor).getAttribute('aria-disabled'), 'saving').to.equal('true');
        await expect(el).to.be.accessible();
        slow.release();
        await until(() => textOf(el.shadowRoot!.querySelector('[role=alert]')) !== '', 'no failure shown');
        await expect(el).to.be.accessible();

        await expect(await loaded(await customerFlags(lang, true))).to.be.accessible();

        worker.use(http.get(FLAGS, () => HttpResponse.json({ message: 'Down' }, { status: 503 })));
        const unloaded = await customerFlags(lang);
        await until(() => unloaded.shadowRoot!.querySelector('button'), 'no Try again');
        await expect(unloaded).to.be.accessible();
      });
    }
  });

  describe('prefers-reduced-motion', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    /** The three with everything that could move on show: buttons, a live call's pulsing dot. */
    async function everything(): Promise<ShadowRoot[]> {
      const schedule = await scheduleCall();
      await fillIn(schedule, en);
      await submit(schedule);
      await until(() => root(schedule).querySelector('[part=confirmation]'), 'no confirmation');
      const status = await callStatus(callOf({ status: 'connected', agent_info: agent }), 'en');
      const flags = await loaded(await customerFlags('en'));
      return [root(schedule), status.shadowRoot!, flags.shadowRoot!];
    }

    it('without it, buttons transition and a live call pulses (what reduce has to stop)', async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
      const found = moving(await everything());
      expect(found).to.include('button.secondary');
      expect(found).to.include('span.dot');
    });

    it('with reduce, nothing transitions or animates', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
      expect(moving(await everything())).to.deep.equal([]);
    });
  });
});
