/**
 * `<ccai-schedule-call>` shows what its inputs say now, whatever it showed before: the form keeps
 * what it worked out (slots, labels, names, the default country) between renders and shares it
 * with the other forms of the page, and does not render a keystroke that changes nothing on
 * screen. Each test changes inputs after a first render and reads the form as a visitor would.
 * Times are compared with `Intl`, in the office's zone or the browser's, so the suite holds in any zone.
 */
import { expect, fixture } from '@open-wc/testing';
import { textOf } from '../../helpers/dom.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { nameZone } from '../../../src/elements/schedule-call/format.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import {
  choices,
  choiceText,
  control,
  errorOf,
  FIRST_SLOT,
  focusOn,
  labels,
  NOW,
  offered,
  phoneOf,
  phoneReady,
  pick,
  root,
  scheduleCall,
  typeInto,
  until,
  useMockApi,
} from './helpers.js';

const times = (el: CcaiScheduleCall, label = 'Time') => offered(el, label);
/** The text of the chosen day, or of the first time. */
const chosenDayText = (el: CcaiScheduleCall, label = 'Date') =>
  choiceText(choices(el, label).find((radio) => radio.checked)!);
const firstTimeText = (el: CcaiScheduleCall, label = 'Time') => choiceText(choices(el, label)[0]!);
const texts = (select: HTMLSelectElement) => [...select.options].map((option) => option.text);

/** `HH:MM` of each instant on a 24-hour clock in `timeZone`. */
function wallTimes(instants: string[], timeZone: string): string[] {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
  return instants.map((instant) => format.format(Date.parse(instant)));
}

/**
 * After a change of settings the form checks them again before it offers times (on a busy machine
 * that can take longer than one update): wait for the times themselves, not for a render.
 */
async function shown(el: CcaiScheduleCall): Promise<void> {
  await el.updateComplete;
  await until(() => labels(el).includes('Time'), 'the times are shown again');
}

const zoneNote = (locale: string) => nameZone(locale, NOW);

describe('<ccai-schedule-call> after its inputs change', () => {
  useMockApi();

  it('offers the same slots in forms with the same settings, and its own once a setting of one changes', async () => {
    const a = await scheduleCall();
    const b = await scheduleCall();
    await shown(a);
    await shown(b);
    expect(times(b)).to.deep.equal(times(a));
    expect(times(a)[0]).to.equal(FIRST_SLOT);

    b.hours = '10:00-11:00';
    await shown(b);
    expect(wallTimes(times(b), 'America/New_York')).to.deep.equal(['10:00', '10:15', '10:30', '10:45']);
    expect(times(a)[0], 'the other form keeps its slots').to.equal(FIRST_SLOT);

    b.timezone = 'Europe/London';
    await shown(b);
    expect(wallTimes(times(b), 'Europe/London')).to.deep.equal(['10:00', '10:15', '10:30', '10:45']);

    b.slotMinutes = 30;
    await shown(b);
    expect(wallTimes(times(b), 'Europe/London')).to.deep.equal(['10:00', '10:30']);

    b.hours = '09:00-17:00';
    b.timezone = 'America/New_York';
    b.slotMinutes = 15;
    await shown(b);
    expect(times(b), 'back to the first settings').to.deep.equal(times(a));

    b.minLeadMinutes = 120;
    await shown(b);
    expect(Date.parse(times(b)[0]!)).to.equal(NOW + 2 * 3_600_000);

    b.clock = { now: () => NOW + 3_600_000 };
    await shown(b);
    expect(Date.parse(times(b)[0]!), 'an hour later, with two hours of lead').to.equal(NOW + 3 * 3_600_000);
  });

  it('offers the days and the number of days it is set to', async () => {
    const el = await scheduleCall();
    expect(offered(el, 'Date').length).to.be.greaterThan(10);
    el.daysAhead = 1;
    await el.updateComplete;
    const today = offered(el, 'Date');
    expect(today.length, "today, in one or two of the visitor's dates").to.be.within(1, 2);

    el.daysAhead = 14;
    el.days = 'sat';
    await el.updateComplete;
    const weekday = new Intl.DateTimeFormat('en', { timeZone: 'America/New_York', weekday: 'short' });
    const days = offered(el, 'Date');
    expect(days.length, 'two Saturdays, in one or two dates each').to.be.within(2, 4);
    for (const day of days) {
      pick(el, day, 'Date');
      await el.updateComplete;
      for (const slot of times(el)) expect(weekday.format(Date.parse(slot))).to.equal('Sat');
    }
  });

  it("names dates, times, languages and the zone again when the page's language changes", async () => {
    const el = await scheduleCall('menu-id="9" languages="en,ja"', 'en');
    const first = Date.parse(times(el)[0]!);
    const named = (locale: string) => ({
      date: new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric' }).format(first),
      time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(first),
    });
    expect(chosenDayText(el)).to.equal(named('en').date);
    expect(firstTimeText(el)).to.equal(named('en').time);
    expect(texts(control(el, 'Language'))).to.deep.equal(['English', 'Japanese']);
    expect(textOf(root(el).querySelector('#zone'))).to.equal(en.timeZoneNote(zoneNote('en')));

    el.parentElement!.lang = 'ja';
    await until(() => labels(el)[0] === ja.countryLabel, 'not in Japanese');
    await el.updateComplete;
    expect(chosenDayText(el, ja.dateLabel)).to.equal(named('ja').date);
    expect(firstTimeText(el, ja.timeLabel)).to.equal(named('ja').time);
    expect(texts(control(el, ja.languageLabel))).to.deep.equal(['英語', '日本語']);
    expect(texts(control(el, ja.countryLabel))).to.deep.equal(['アメリカ合衆国']);
    expect(textOf(root(el).querySelector('#zone'))).to.equal(ja.timeZoneNote(zoneNote('ja')));

    el.parentElement!.lang = 'en';
    await until(() => labels(el)[0] === en.countryLabel, 'not in English again');
    await el.updateComplete;
    expect(chosenDayText(el)).to.equal(named('en').date);
    expect(texts(control(el, 'Language'))).to.deep.equal(['English', 'Japanese']);
    expect(texts(control(el, 'Country'))).to.deep.equal(['United States']);
  });

  it('shows the default country it is given, before and after the phone metadata loads, in each form', async () => {
    const el = await scheduleCall();
    expect(texts(control(el, 'Country'))).to.deep.equal(['United States']);
    el.defaultCountry = 'JP';
    await el.updateComplete;
    expect(texts(control(el, 'Country'))).to.deep.equal(['Japan']);
    const other = await scheduleCall('menu-id="9" default-country="FR"');
    expect(texts(control(other, 'Country'))).to.deep.equal(['France']);
    expect(texts(control(el, 'Country'))).to.deep.equal(['Japan']);

    focusOn(phoneOf(el));
    await phoneReady(el);
    expect(control(el, 'Country').selectedOptions[0]?.text).to.equal('Japan (+81)');
    el.defaultCountry = 'DE';
    await el.updateComplete;
    expect(control(el, 'Country').selectedOptions[0]?.text).to.equal('Germany (+49)');
    expect(control(el, 'Country').value).to.equal('DE');
  });

  it("follows the browser's languages for the default country when they change", async () => {
    const el = await fixture<CcaiScheduleCall>(
      '<ccai-schedule-call menu-id="9" timezone="America/New_York"></ccai-schedule-call>',
    );
    const before = texts(control(el, 'Country'));
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['sv-SE'] });
    try {
      dispatchEvent(new Event('languagechange'));
      el.requestUpdate();
      await el.updateComplete;
      expect(texts(control(el, 'Country'))).to.deep.equal([new Intl.DisplayNames(['en'], { type: 'region' }).of('SE')]);
    } finally {
      delete (navigator as { languages?: unknown }).languages;
      dispatchEvent(new Event('languagechange'));
    }
    el.requestUpdate();
    await el.updateComplete;
    expect(texts(control(el, 'Country'))).to.deep.equal(before);
  });

  it('keeps the number formatted as typed, and its error, in step at every keystroke', async () => {
    const el = await scheduleCall();
    const phone = phoneOf(el);
    typeInto(phone, '555');
    await phoneReady(el);
    phone.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
    await until(() => phone.getAttribute('aria-invalid') === 'true', 'no error after leaving the field');
    const type = async (character: string, inputType = 'insertText') => {
      phone.value = character ? phone.value + character : '';
      phone.dispatchEvent(
        new InputEvent('input', { inputType, data: character || null, bubbles: true, composed: true }),
      );
      await el.updateComplete;
    };
    await type('', 'deleteContentBackward');
    expect(errorOf(el, phone)).to.equal(en.phoneRequired);
    // Most keystrokes leave the text as typed (the form need not render); some are reformatted.
    const shown = [
      '2',
      '20',
      '(201)',
      '(201) 5',
      '(201) 55',
      '(201) 555',
      '(201) 555-0',
      '(201) 555-01',
      '(201) 555-012',
      '(201) 555-0123',
    ];
    for (const [i, character] of [...'2015550123'].entries()) {
      await type(character);
      const last = i === shown.length - 1;
      expect(phone.value).to.equal(shown[i]);
      expect(errorOf(el, phone), phone.value).to.equal(last ? '' : en.phoneTooShort);
      expect(phone.getAttribute('aria-invalid'), phone.value).to.equal(last ? null : 'true');
    }
  });
});
