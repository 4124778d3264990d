/**
 * `<ccai-schedule-call>` with careless settings: each unreadable one is named once in the console
 * (element, attribute, value), and one that decides when or where a call is booked leaves the form
 * not set up rather than guessed at. Also: a huge slot count does not block the page.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../../src/i18n/en.js';
import { MAX_SLOTS } from '../../../src/internal/slots.js';
import {
  FIRST_SLOT,
  alertText,
  buttons,
  createBodies,
  creates,
  fillValid,
  labels,
  offered,
  pick,
  scheduleCall,
  submit,
  until,
  useMockApi,
} from './helpers.js';

/** Every `console.warn` of the test, as one string each. */
const warnings: string[] = [];
const originalWarn = console.warn;

const NOT_SET_UP: [attributes: string, warning: string][] = [
  ['timezone="America/New_Yrok"', 'timezone "America/New_Yrok" is not a time zone'],
  ['timezone=""', 'timezone "" is not a time zone'],
  ['slot-minutes="0"', 'slot-minutes "0" is not a whole number of minutes from 1 to 1440'],
  ['slot-minutes="-15"', 'slot-minutes "-15" is not a whole number of minutes from 1 to 1440'],
  ['slot-minutes="7.5"', 'slot-minutes "7.5" is not a whole number of minutes from 1 to 1440'],
  ['slot-minutes="often"', 'slot-minutes "often" is not a whole number of minutes from 1 to 1440'],
  ['days-ahead="-3"', 'days-ahead "-3" is not a whole number of days from 1 to 366'],
  ['days-ahead="0"', 'days-ahead "0" is not a whole number of days from 1 to 366'],
  ['days-ahead="100000"', 'days-ahead "100000" is not a whole number of days from 1 to 366'],
  ['hours="9 to 5"', 'hours "9 to 5" is not opening hours such as "09:00-17:00"'],
  ['days="weekdays"', 'days "weekdays" is not days such as "mon-fri"'],
  ['min-lead-minutes="-5"', 'min-lead-minutes "-5" is not a number of minutes, 0 or more'],
  ['menu-id="0x10"', 'menu-id "0x10" is not an id (decimal digits)'],
  ['menu-id="1e1"', 'menu-id "1e1" is not an id (decimal digits)'],
  ['menu-id="9" call-id=" 514"', 'call-id " 514" is not an id (decimal digits)'],
];

describe('<ccai-schedule-call> with careless settings', () => {
  useMockApi();
  beforeEach(() => {
    warnings.length = 0;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  });
  afterEach(() => (console.warn = originalWarn));

  for (const [attributes, warning] of NOT_SET_UP) {
    it(`${attributes}: one warning, and the form says it is not set up`, async () => {
      // `scheduleCall` sets timezone and days itself: the attribute under test comes first and wins.
      const el = await scheduleCall(attributes.startsWith('menu-id') ? attributes : `${attributes} menu-id="9"`);
      expect(warnings).to.deep.equal([`<ccai-schedule-call>: ${warning}`]);
      expect(alertText(el)).to.equal(en.serverConfig);
      expect(labels(el)).not.to.include('Time');
      expect(buttons(el), 'nothing to book with').to.deep.equal([]);
      // Renders again (a language, a message) say nothing more.
      el.languages = ['en', 'ja'];
      el.messages = { submit: 'Call me' };
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings).to.have.length(1);
      await expect(el).to.be.accessible();
    });
  }

  it('warns again only for a new bad value, and is set up again once the setting is fixed', async () => {
    const el = await scheduleCall('menu-id="9" slot-minutes="0"');
    el.setAttribute('slot-minutes', '0');
    el.slotMinutes = 0;
    await el.updateComplete;
    el.setAttribute('slot-minutes', '-1');
    await el.updateComplete;
    expect(warnings).to.deep.equal([
      '<ccai-schedule-call>: slot-minutes "0" is not a whole number of minutes from 1 to 1440',
      '<ccai-schedule-call>: slot-minutes "-1" is not a whole number of minutes from 1 to 1440',
    ]);
    el.setAttribute('slot-minutes', '30');
    await el.updateComplete;
    expect(alertText(el)).to.equal('');
    expect(labels(el)).to.include('Time');
    expect(buttons(el)).to.deep.equal([en.submit]);
  });

  it('names a property set from script by its value', async () => {
    const el = await scheduleCall();
    el.daysAhead = -1;
    el.menuId = 1.5;
    // As React and Vue pass text: named as given (it was "NaN"), like the other elements keep it.
    (el as unknown as { callId: string }).callId = 'abc';
    await el.updateComplete;
    expect(warnings).to.deep.equal([
      '<ccai-schedule-call>: days-ahead "-1" is not a whole number of days from 1 to 366',
      '<ccai-schedule-call>: menu-id "1.5" is not an id (decimal digits)',
      '<ccai-schedule-call>: call-id "abc" is not an id (decimal digits)',
    ]);
  });

  it('reads ids as decimal digits: menu-id="009" books menu 9, and a good form warns about nothing', async () => {
    const el = await scheduleCall('menu-id="009"');
    await fillValid(el);
    await submit(el);
    await until(() => creates().length === 1, 'not sent');
    expect((await createBodies())[0]!.menu_id).to.equal(9);
    expect(warnings).to.deep.equal([]);
  });

  it('24/7 hours, 1-minute slots and a year ahead: ready at once, at most MAX_SLOTS times, the first of them on offer', async () => {
    const started = performance.now();
    const el = await scheduleCall('menu-id="9" hours="00:00-24:00" slot-minutes="1" days-ahead="366"');
    const took = performance.now() - started;
    const dates = offered(el, 'Date');
    expect(took, 'ms to the first render').to.be.below(1000);
    expect(dates.length).to.be.above(1);
    // From 09:15 in New York on, every minute of the first day (in the browser's zone).
    expect(offered(el)[0]).to.equal(FIRST_SLOT);
    expect(offered(el).length, 'times on the first day').to.be.above(500);
    let times = 0;
    for (const date of dates) {
      pick(el, date, 'Date');
      await el.updateComplete;
      times += offered(el).length;
    }
    expect(times).to.be.at.most(MAX_SLOTS);
    expect(warnings).to.deep.equal([]);
  });
});
