/**
 * `<ccai-schedule-call modes="now,later">`: "Call me now" beside "Schedule for later" — the menu's
 * estimated wait (read from the mock's `wait_times`, not in a hidden tab), a `Voice Inbound (API)`
 * booking with the queued call's live status, and "now" refused when the element's own opening
 * hours say closed or no agent is logged in.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { CcaiCallStatus } from '../../../src/elements/call-status/call-status.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import { textOf } from '../../helpers/dom.js';
import {
  CALLS,
  alertText,
  button,
  buttons,
  collect,
  createBodies,
  focused,
  labels,
  phoneReady,
  root,
  scheduleCall,
  sent,
  submit,
  tabStop,
  typeInto,
  until,
  useMockApi,
} from './helpers.js';

// The wait is read only while the page is visible: this suite says when it is.
let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

const NOW_FORM = 'menu-id="9" modes="now,later"';
const waitReads = () => sent.filter((request) => new URL(request.url).pathname === '/apps/api/v1/wait_times');
const waitText = (el: CcaiScheduleCall) => textOf(root(el).querySelector('#wait'));
const radio = (el: CcaiScheduleCall, label: string) => {
  const found = [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')].find(
    (input) => textOf(input.closest('label')) === label,
  );
  if (!found) throw new Error(`no radio "${label}"`);
  return found;
};
const hasTimeFields = (el: CcaiScheduleCall) => labels(el).includes(en.timeLabel);

/** The element with "now" among its modes: its form once "now"'s module has loaded (a moment). */
async function nowForm(attributes = NOW_FORM, lang?: string): Promise<CcaiScheduleCall> {
  const el = await scheduleCall(attributes, lang);
  await until(() => root(el).querySelector('form'), 'no form');
  return el;
}

async function typePhone(el: CcaiScheduleCall, phone = '(201) 555-0123', countryLabel = en.countryLabel) {
  const input = [...root(el).querySelectorAll<HTMLInputElement>('input[type=tel]')][0]!;
  typeInto(input, phone);
  await phoneReady(el, countryLabel);
}

describe('<ccai-schedule-call> call me now', () => {
  const { mock, worker } = useMockApi();
  afterEach(() => (visibility = 'visible'));

  it('offers only "later" by default, and reads no wait', async () => {
    const el = await scheduleCall();
    expect(root(el).querySelector('[part~=modes] input[type=radio]')).to.equal(null);
    expect(hasTimeFields(el)).to.equal(true);
    expect(waitReads()).to.deep.equal([]);
  });

  it('shows the menu’s wait in words, books Voice Inbound (API) on the menu and shows the queued call live', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const el = await nowForm(NOW_FORM);
    expect(radio(el, en.modeNow).checked, 'the first mode listed is chosen').to.equal(true);
    expect(radio(el, en.modeLater).checked).to.equal(false);
    expect(textOf(root(el).querySelector('.modes legend'))).to.equal(en.modeLegend);
    expect(getComputedStyle(root(el).querySelector('.modes')!).display, 'the choices side by side').to.equal('flex');
    expect(hasTimeFields(el), 'no date or time for now').to.equal(false);
    await until(() => waitText(el) === 'Estimated wait: about 3 minutes.', 'no wait shown');
    const query = new URL(waitReads()[0]!.url).searchParams;
    expect(Object.fromEntries(query)).to.deep.equal({ lang: 'en', menu_id: '9' });
    expect(buttons(el)).to.deep.equal([en.callNowSubmit]);
    await expect(el).to.be.accessible();

    await typePhone(el);
    await submit(el, en.callNowSubmit);
    await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
    expect(await createBodies()).to.deep.equal([
      { call_type: 'Voice Inbound (API)', menu_id: 9, end_user_number: '+12015550123', lang: 'en' },
    ]);
    expect(textOf(root(el).querySelector('.message'))).to.equal(en.callNowConfirmation);
    const { call } = scheduled[0]!.detail;
    expect(call).to.include({ call_type: 'Voice Inbound (API)', status: 'queued' });
    const status = root(el).querySelector<CcaiCallStatus>('ccai-call-status')!;
    await until(
      () => textOf(status.shadowRoot?.querySelector('[part~=name]')) === en.statusNames.queued,
      'no live status',
    );
    // The API cancels scheduled calls only; a queued call has no time to change or put in a calendar. Another can be asked for.
    expect(buttons(el)).to.deep.equal([en.scheduleAnother]);
    expect(root(el).querySelector('[part=calendar]')).to.equal(null);
    await expect(el).to.be.accessible();

    // Another call: the form comes back with "now" chosen, and focus on that choice (not lost to the page).
    button(el, en.scheduleAnother).focus();
    button(el, en.scheduleAnother).click();
    await until(() => root(el).querySelector('form'), 'no form');
    await el.updateComplete;
    expect(focused(el)).to.equal(radio(el, en.modeNow));
  });

  it('says the wait with the unit and plural of the visitor’s language', async () => {
    mock.world.menus[9]!.waitTimes = { voice_call: 1, chat: 1 };
    const one = await nowForm(NOW_FORM);
    await until(() => waitText(one) === 'Estimated wait: about 1 minute.', `not one minute: ${waitText(one)}`);
    one.remove();

    mock.world.menus[9]!.waitTimes = { voice_call: 0, chat: 1 };
    const none = await nowForm(NOW_FORM);
    await until(() => waitText(none) === en.waitUnderMinute, 'not under a minute');
    none.remove();

    // From an hour on, hours and minutes, to the nearest quarter of an hour; the duration isolated.
    for (const [minutes, said] of [
      [90, 'Estimated wait: about 1 hour, 30 minutes.'],
      [125, 'Estimated wait: about 2 hours.'],
      [600, 'Estimated wait: about 10 hours.'],
    ] as const) {
      mock.world.menus[9]!.waitTimes = { voice_call: minutes, chat: 1 };
      const long = await nowForm(NOW_FORM);
      await until(() => waitText(long) === said, `${minutes} min: ${waitText(long)}`);
      expect(textOf(root(long).querySelector('#wait bdi'))).to.equal(said.slice('Estimated wait: about '.length, -1));
      long.remove();
    }
    mock.world.menus[9]!.waitTimes = { voice_call: 75, chat: 1 };
    const spanish = await nowForm(NOW_FORM, 'es');
    const hourAndQuarter = [
      new Intl.NumberFormat('es', { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(1),
      new Intl.NumberFormat('es', { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(15),
    ];
    await until(
      () => textOf(root(spanish).querySelector('#wait bdi')).startsWith(hourAndQuarter[0]!),
      'no hours in Spanish',
    );
    expect(textOf(root(spanish).querySelector('#wait bdi'))).to.equal(
      new Intl.ListFormat('es', { type: 'unit', style: 'long' }).format(hourAndQuarter),
    );
    expect(textOf(root(spanish).querySelector('#wait bdi'))).to.match(/^1 hora.*15 minutos$/);
    spanish.remove();

    mock.world.menus[9]!.waitTimes = { voice_call: 12, chat: 1 };
    const el = await nowForm(NOW_FORM, 'ja');
    await until(() => waitText(el).startsWith('予想待ち時間'), 'no wait in Japanese');
    expect(waitText(el)).to.equal(
      `予想待ち時間：約${new Intl.NumberFormat('ja', { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(12)}。`,
    );
    expect(waitText(el)).to.match(/12\s?分/);
    expect(new URL(waitReads().at(-1)!.url).searchParams.get('lang')).to.equal('en');
    expect(radio(el, ja.modeNow).checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('switches between now and later with the arrow keys, as one radio group', async () => {
    const el = await nowForm('menu-id="9" modes="later,now"');
    expect(radio(el, en.modeLater).checked, 'the first mode listed is chosen').to.equal(true);
    expect(hasTimeFields(el)).to.equal(true);
    expect(waitReads(), 'no wait read while later is chosen').to.deep.equal([]);
    radio(el, en.modeLater).focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => radio(el, en.modeNow).checked, 'the arrow key did not choose now');
    await el.updateComplete;
    expect(hasTimeFields(el)).to.equal(false);
    await until(() => waitText(el) === 'Estimated wait: about 3 minutes.', 'no wait after choosing now');
    expect(buttons(el)).to.deep.equal([en.callNowSubmit]);
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => hasTimeFields(el), 'later is not back');
    expect(buttons(el)).to.deep.equal([en.submit]);
  });

  it('when its own hours say closed: says so, reads no wait, books nothing now and offers later', async () => {
    // The suite's now is 09:00 in New York.
    const el = await nowForm(`${NOW_FORM} hours="10:00-17:00"`);
    await until(() => waitText(el) === en.nowClosed, 'closed not said');
    expect(root(el).querySelector('#wait')!.getAttribute('role')).to.equal('status');
    expect(buttons(el), 'no Call me now').to.deep.equal([en.modeLater]);
    await expect(el).to.be.accessible();
    button(el, en.modeLater).focus();
    button(el, en.modeLater).click();
    await until(() => hasTimeFields(el), 'later is not shown');
    await el.updateComplete;
    expect(focused(el), 'focus on the date now shown, not lost to the page').to.equal(tabStop(el, en.dateLabel));
    expect(radio(el, en.modeLater).checked).to.equal(true);
    expect(buttons(el)).to.deep.equal([en.submit]);
    expect(waitReads()).to.deep.equal([]);
  });

  it('when closed and later is not offered: says so and offers nothing', async () => {
    const el = await nowForm('menu-id="9" modes="now" hours="10:00-17:00"');
    expect(root(el).querySelector('[part~=modes] input[type=radio]'), 'one mode: no choice').to.equal(null);
    await until(() => waitText(el) === en.nowClosed, 'closed not said');
    expect(buttons(el)).to.deep.equal([]);
  });

  it('when no agent is logged in: says so and offers later', async () => {
    mock.world.agents = {};
    const el = await nowForm(NOW_FORM);
    await until(() => waitText(el) === en.nowNoAgents, 'no agent not said');
    expect(buttons(el)).to.deep.equal([en.modeLater]);
    await expect(el).to.be.accessible();
  });

  it('reads no wait in a hidden tab, and reads it when the tab is shown again', async () => {
    visibility = 'hidden';
    const el = await nowForm(NOW_FORM);
    await until(() => waitText(el) === en.waitChecking, 'the wait is not awaited');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(waitReads()).to.deep.equal([]);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => waitText(el) === 'Estimated wait: about 3 minutes.', 'no wait once visible');
    expect(waitReads()).to.have.length(1);
  });

  it('without a wait still lets the visitor call now, saying that someone will call', async () => {
    worker.use(http.get('*/apps/api/v1/wait_times', () => HttpResponse.json({ message: 'boom' }, { status: 500 })));
    const errors = collect('ccai-error');
    const el = await nowForm(NOW_FORM);
    await until(() => waitText(el) === en.waitUnknown, 'no fallback text');
    expect(buttons(el)).to.deep.equal([en.callNowSubmit]);
    expect(errors, 'a missing estimate is no error of the visitor').to.deep.equal([]);
  });

  it('shows the API’s refusal (menu after hours, I7) and keeps the number', async () => {
    mock.world.menus[9]!.state = 'after_hours';
    const el = await nowForm(NOW_FORM);
    await typePhone(el);
    await submit(el, en.callNowSubmit);
    await until(() => alertText(el) !== '', 'no error');
    expect(alertText(el)).to.equal(en.serverClosed);
    expect(root(el).querySelector<HTMLInputElement>('input[type=tel]')!.value).to.equal('(201) 555-0123');
    // No estimate beside the refusal, and "later" offered as for the element's own closed hours.
    expect(waitText(el)).to.equal('');
    expect(buttons(el)).to.include(en.modeLater);
  });

  it('behind a backend that does not take "now" (a gateway without --call-now): says the form is not set up', async () => {
    worker.use(http.post(CALLS, () => HttpResponse.json({ message: 'scheduled_at is required' }, { status: 400 })));
    const el = await nowForm(NOW_FORM);
    await typePhone(el);
    await submit(el, en.callNowSubmit);
    await until(() => alertText(el) !== '', 'no error');
    expect(alertText(el)).to.equal(en.serverConfig);
  });

  it('does not offer now without a menu (a call-id form)', async () => {
    const el = await nowForm('call-id="514" modes="now,later"');
    expect(root(el).querySelector('[part~=modes] input[type=radio]')).to.equal(null);
    expect(hasTimeFields(el)).to.equal(true);
  });

  it('keeps the queued call over a reload, with its live status', async () => {
    const first = await nowForm(NOW_FORM);
    await typePhone(first);
    await submit(first, en.callNowSubmit);
    await until(() => root(first).querySelector('[part=confirmation]'), 'no confirmation');
    first.remove();
    const el = await scheduleCall(NOW_FORM);
    await until(() => textOf(root(el).querySelector('.message')) === en.callNowConfirmation, 'not kept');
    const status = root(el).querySelector<CcaiCallStatus>('ccai-call-status')!;
    await until(() => textOf(status.shadowRoot?.querySelector('[part~=name]')) === en.statusNames.queued, 'no status');
  });

  it('once the queued call has ended, says so instead of "in the queue"', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const first = await nowForm(NOW_FORM);
    await typePhone(first);
    await submit(first, en.callNowSubmit);
    await until(() => root(first).querySelector('[part=confirmation]'), 'no confirmation');
    mock.world.calls[scheduled[0]!.detail.call.id]!.status = 'finished';
    first.remove();
    const el = await scheduleCall(NOW_FORM);
    const status = () => textOf(root(el).querySelector('ccai-call-status')?.shadowRoot?.querySelector('[part~=name]'));
    await until(() => status() === en.statusNames.finished, 'no final status');
    await until(() => textOf(root(el).querySelector('.message')) === en.callNowEnded, 'still said to be in the queue');
    expect(buttons(el)).to.deep.equal([en.scheduleAnother]);
  });
});
