/**
 * `<ccai-schedule-call>`: the form, its checks before any request, and its Japanese copy, against
 * the API mock (the element's clock pinned to `NOW` in 2031, and the mock's following it: the form
 * takes in the server's time from its answers). Controls are found by their visible labels. Times are compared with
 * `Intl` in the browser's own zone, so the suite holds in any zone. Requests and their outcomes:
 * `requests.test.ts`.
 */
import { aTimeout, expect } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import { sendKeys } from '@web/test-runner-commands';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { nameZone } from '../../../src/elements/schedule-call/format.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import {
  FIRST_SLOT,
  NOW,
  alertText,
  buttons,
  choiceText,
  choices,
  choose,
  chosen,
  clock,
  collect,
  control,
  createBodies,
  creates,
  errorOf,
  fillValid,
  focused,
  focusOn,
  labels,
  offered,
  phoneOf,
  pick,
  phoneReady,
  root,
  scheduleCall,
  sent,
  statusText,
  stopCollecting,
  submit,
  tabStop,
  typeInto,
  until,
  useMockApi,
  whenText,
} from './helpers.js';

describe('<ccai-schedule-call>', () => {
  useMockApi();

  describe('the form', () => {
    it('labels every control, names the time zone, and loads the phone metadata only when used', async () => {
      const el = await scheduleCall('menu-id="9" default-country="JP"');
      expect(textOf(root(el).querySelector('legend'))?.trim()).to.equal(en.scheduleLegend);
      expect(labels(el)).to.deep.equal(['Country', 'Phone number', 'Date', 'Time']);
      expect(buttons(el)).to.deep.equal(['Schedule call']);
      const phone = phoneOf(el);
      expect(phone.type).to.equal('tel');
      expect(phone.autocomplete).to.equal('tel');
      // Before first use: one country, named, without the metadata's calling codes.
      const country = control(el, 'Country');
      expect([...country.options].map((option) => option.text)).to.deep.equal(['Japan']);
      // The zone's name rules are in test/i18n/zone-names.test.ts.
      expect(textOf(root(el).querySelector('#zone'))).to.equal(en.timeZoneNote(nameZone('en', NOW)));
      expect(choices(el, 'Time').map((radio) => radio.getAttribute('aria-describedby'))).to.satisfy((ids: string[]) =>
        ids.every((id) => id === 'zone'),
      );
      expect(choices(el, 'Date').map((radio) => radio.getAttribute('aria-describedby'))).to.satisfy((ids: string[]) =>
        ids.every((id) => id === 'zone'),
      );
      // What the page fetches besides the API: nothing until the phone field is used, then its code.
      const codeFetched = () =>
        sent.filter((request) => !new URL(request.url).pathname.startsWith('/apps/api/')).length;
      expect(codeFetched(), 'before the phone field is used').to.equal(0);
      await expect(el).to.be.accessible();
      const checker = codeFetched(); // the accessibility checker's own script
      focusOn(phone);
      await phoneReady(el);
      expect(codeFetched(), 'once the phone field is used').to.be.above(checker);
      expect(country.selectedOptions[0]?.text).to.equal('Japan (+81)');
      expect(country.value).to.equal('JP');
    });

    it("offers the opening hours as times in the visitor's zone, by the visitor's dates", async () => {
      const el = await scheduleCall();
      const first = new Date(FIRST_SLOT);
      const visitorDate = new Intl.DateTimeFormat('en-CA').format(first); // YYYY-MM-DD in the browser's zone
      expect(chosen(el, 'Date')).to.equal(visitorDate);
      const day = choices(el, 'Date').find((radio) => radio.checked)!;
      expect(choiceText(day)).to.equal(
        new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric' }).format(first),
      );
      expect(offered(el, 'Date')).to.have.length(14);
      expect(chosen(el, 'Time'), 'no time is chosen for the visitor').to.equal('');
      expect(offered(el)[0]).to.equal(FIRST_SLOT);
      const hourMinute = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
      for (const radio of choices(el, 'Time'))
        expect(choiceText(radio)).to.equal(hourMinute.format(Date.parse(radio.value)));
      // Every slot on the grid: 09:00–16:45 New York time.
      const nyTime = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'America/New_York',
        hour: '2-digit',
        minute: '2-digit',
      });
      for (const date of offered(el, 'Date')) {
        pick(el, date, 'Date');
        await el.updateComplete;
        expect(chosen(el, 'Date')).to.equal(date);
        expect(offered(el).length, `times on ${date}`).to.be.above(0);
        for (const instant of offered(el))
          expect(nyTime.format(Date.parse(instant))).to.match(/^(09|1[0-6]):(00|15|30|45)$/);
      }
    });

    it('formats the number as it is typed', async () => {
      const el = await scheduleCall();
      focusOn(phoneOf(el));
      await phoneReady(el);
      await sendKeys({ type: '2015550123' });
      expect(phoneOf(el).value).to.equal('(201) 555-0123');
    });

    it('shows the language picker only when several languages are offered, in the UI language first', async () => {
      const el = await scheduleCall('menu-id="9" languages="en, ja,es"');
      const language = control(el, 'Language');
      expect([...language.options].map((option) => option.text)).to.deep.equal(['English', 'Japanese', 'Spanish']);
      expect(language.value).to.equal('en');
      const japanese = await scheduleCall('menu-id="9" languages="en,ja"', 'ja');
      expect(control(japanese, ja.languageLabel).value).to.equal('ja');
    });

    it('says so when no time is available, and offers no button', async () => {
      // Today only, and today's hours are over (09:00 in New York).
      const el = await scheduleCall('menu-id="9" days-ahead="1" hours="06:00-08:00"');
      expect(root(el).textContent).to.contain(en.noSlotsAtAll);
      expect(buttons(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  });

  describe('checks before any request', () => {
    /** Submits and expects a refusal on `label` with `message`, focus on it, and no request. */
    async function expectRefused(el: CcaiScheduleCall, label: string, message: string) {
      const errors = collect('ccai-error');
      await submit(el);
      const field = label === 'Time' ? tabStop(el)! : control<HTMLElement>(el, label);
      await until(() => field.getAttribute('aria-invalid') === 'true', `${label} was not marked invalid`);
      expect(errorOf(el, field)).to.equal(message);
      expect(focused(el)).to.equal(field);
      expect(statusText(el)).to.equal(en.fixErrors);
      await aTimeout(50);
      expect(creates()).to.have.length(0);
      expect(errors.map((event) => event.detail.kind)).to.deep.equal(['validation']);
      expect(errors[0]!.detail.status).to.equal(0);
    }

    it('refuses an empty phone number', async () => {
      const el = await scheduleCall();
      pick(el, FIRST_SLOT);
      await expectRefused(el, 'Phone number', en.phoneRequired);
      await expect(el).to.be.accessible();
    });

    it('refuses 123123 and +1 999-657-12 (the documented malformed numbers)', async () => {
      for (const number of ['123123', '+1 999-657-12']) {
        const el = await scheduleCall();
        await fillValid(el, number);
        await expectRefused(el, 'Phone number', en.phoneTooShort);
        stopCollecting();
      }
    });

    it('refuses a national number of another country than the one chosen, and accepts it once the country is right', async () => {
      const el = await scheduleCall();
      await fillValid(el, '090-1234-5678');
      await expectRefused(el, 'Phone number', en.phoneTooLong);
      choose(control(el, 'Country'), 'JP');
      await el.updateComplete;
      expect(phoneOf(el).hasAttribute('aria-invalid')).to.equal(false);
      await submit(el);
      await until(() => creates().length === 1);
      expect((await createBodies())[0]?.end_user_number).to.equal('+819012345678');
    });

    it('refuses a form without a time', async () => {
      const el = await scheduleCall();
      typeInto(phoneOf(el), '(201) 555-0123');
      await phoneReady(el);
      await expectRefused(el, 'Time', en.slotRequired);
    });

    it('refuses a time that is now too soon, and drops the times that have passed', async () => {
      const el = await scheduleCall();
      await fillValid(el);
      clock.time = Date.parse(FIRST_SLOT) - 10 * 60_000; // the visitor waited: 10 minutes to go
      await expectRefused(el, 'Time', en.slotTooSoon(15));
      expect(chosen(el)).to.equal('');
      expect(offered(el)).not.to.include(FIRST_SLOT);
      await expect(el).to.be.accessible();
      pick(el, offered(el)[0]!);
      await el.updateComplete;
      expect(chosen(el)).to.equal(offered(el)[0]);
      expect(choices(el, 'Time').some((radio) => radio.hasAttribute('aria-invalid'))).to.equal(false);
    });

    it('refuses a language that is not an offered ISO 639-1 code', async () => {
      const el = await scheduleCall('menu-id="9" languages="en,xx"');
      await fillValid(el);
      choose(control(el, 'Language'), 'xx');
      await expectRefused(el, 'Language', en.languageInvalid);
    });

    it('marks every invalid field and focuses the first', async () => {
      const el = await scheduleCall('menu-id="9" languages="en,xx"');
      choose(control(el, 'Language'), 'xx');
      await expectRefused(el, 'Phone number', en.phoneRequired);
      expect(tabStop(el)!.getAttribute('aria-invalid')).to.equal('true');
      expect(control(el, 'Language').getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('shows an error once the field was changed and left, and clears it as it is fixed', async () => {
      const el = await scheduleCall();
      const phone = phoneOf(el);
      typeInto(phone, '123');
      await phoneReady(el);
      await el.updateComplete;
      expect(phone.hasAttribute('aria-invalid'), 'not while typing').to.equal(false);
      tabStop(el, 'Date')!.focus();
      // Reported by hand, as in `focusOn`: a page in the background gets no focus events.
      phone.dispatchEvent(
        new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: tabStop(el, 'Date') }),
      );
      await until(() => phone.getAttribute('aria-invalid') === 'true', 'no error after leaving the field');
      expect(errorOf(el, phone)).to.equal(en.phoneTooShort);
      expect(statusText(el)).to.equal(en.phoneTooShort);
      typeInto(phone, '(201) 555-0123');
      await el.updateComplete;
      expect(phone.hasAttribute('aria-invalid')).to.equal(false);
      expect(errorOf(el, phone)).to.equal('');
    });

    it('refuses a page without menu-id or call-id, as a setup problem', async () => {
      const errors = collect('ccai-error');
      const el = await scheduleCall('ticket-id="71450"');
      await fillValid(el);
      await submit(el);
      await until(() => alertText(el) !== '');
      expect(alertText(el)).to.equal(en.serverConfig);
      expect(errors.map((event) => event.detail.kind)).to.deep.equal(['validation']);
      await aTimeout(50);
      expect(creates()).to.have.length(0);
    });
  });

  describe('in Japanese', () => {
    it('labels, names, refuses and confirms in Japanese', async () => {
      const el = await scheduleCall('menu-id="9" recording-consent languages="ja,en" default-country="JP"', 'ja');
      expect(labels(el)).to.deep.equal([
        ja.countryLabel,
        ja.phoneLabel,
        ja.dateLabel,
        ja.timeLabel,
        ja.languageLabel,
        ja.consentLabel,
      ]);
      expect(textOf(root(el).querySelector('legend'))?.trim()).to.equal(ja.scheduleLegend);
      expect(buttons(el)).to.deep.equal([ja.submit]);
      expect([...control(el, ja.languageLabel).options].map((option) => option.text)).to.deep.equal(['日本語', '英語']);
      expect(chosen(el, ja.timeLabel)).to.equal('');
      expect(textOf(root(el).querySelector('#zone'))).to.equal(ja.timeZoneNote(nameZone('ja', NOW)));
      const phone = control<HTMLInputElement>(el, ja.phoneLabel);
      focusOn(phone);
      await phoneReady(el, ja.countryLabel);
      expect(control(el, ja.countryLabel).selectedOptions[0]?.text).to.equal('日本 (+81)');

      await submit(el, ja.submit);
      await until(() => phone.getAttribute('aria-invalid') === 'true');
      expect(errorOf(el, phone)).to.equal(ja.phoneRequired);
      expect(errorOf(el, tabStop(el, ja.timeLabel)!)).to.equal(ja.slotRequired);
      expect(statusText(el)).to.equal(ja.fixErrors);
      await expect(el).to.be.accessible();

      typeInto(phone, '09012345678');
      await el.updateComplete;
      expect(phone.value).to.equal('090-1234-5678');
      pick(el, FIRST_SLOT, ja.timeLabel);
      await submit(el, ja.submit);
      await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
      expect(textOf(root(el).querySelector('.message'))).to.equal(ja.confirmation(whenText(FIRST_SLOT, 'ja')));
      expect(buttons(el)).to.deep.equal([ja.changeTime, ja.cancelCall, ja.scheduleAnother]);
      expect((await createBodies())[0]).to.include({
        lang: 'ja',
        end_user_number: '+819012345678',
        recording_permission: 'recording_permission_denied',
      });
      await expect(el).to.be.accessible();
    });
  });
});
