/**
 * `<ccai-schedule-call>` on a device whose clock is wrong: the form learns the server's time from
 * the `Date` of an answer (it asks once, on first use) and from a refusal of a time as past, offers
 * times by the server's clock, never offers a refused time again, and tells the visitor.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import { CallsClient } from '../../../src/core/client.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import {
  alertText,
  CALLS,
  choices,
  chosen,
  control,
  createBodies,
  fillValid,
  FIRST_SLOT,
  focusOn,
  NOW,
  offered,
  root,
  scheduleCall as sharedScheduleCall,
  sent,
  server,
  submit,
  until,
  useMockApi,
} from './helpers.js';

const HOUR = 3_600_000;
const times = (el: CcaiScheduleCall) => offered(el);
const firstTime = (el: CcaiScheduleCall) => times(el)[0];
const clockNote = (el: CcaiScheduleCall) => root(el).getElementById('clock')?.textContent?.trim() ?? '';
const heads = () => sent.filter((request) => request.method === 'HEAD');

/**
 * The form with a client of its own: what a client has learnt of the server's time serves every
 * element that uses it, and a page's elements share one per base URL (here, across tests too).
 */
async function scheduleCall(attributes?: string, lang?: string): Promise<CcaiScheduleCall> {
  const el = await sharedScheduleCall(attributes, lang);
  el.client = new CallsClient();
  await el.updateComplete;
  return el;
}

/** The form's first use: its question for the server's time has been answered and taken in. */
async function firstUse(el: CcaiScheduleCall, settled: () => unknown, phoneLabel = en.phoneLabel): Promise<void> {
  focusOn(control(el, phoneLabel));
  await until(settled, 'the server time was not taken in');
}

describe('<ccai-schedule-call> on a wrong device clock', () => {
  const { worker } = useMockApi();

  it('3 h slow: once the server has answered, offers only times after its time, and says the clock looks wrong', async () => {
    server.aheadMs = 3 * HOUR;
    const el = await scheduleCall();
    // Before any answer the device is all the form knows.
    expect(firstTime(el)).to.equal(FIRST_SLOT);
    expect(clockNote(el)).to.equal('');
    await firstUse(el, () => clockNote(el));
    expect(heads(), 'one question for the time').to.have.length(1);
    expect(clockNote(el)).to.equal(en.clockSkewed);
    expect(Date.parse(firstTime(el)!)).to.equal(NOW + 3 * HOUR + 15 * 60_000);
    for (const radio of choices(el, 'Time')) expect(radio.getAttribute('aria-describedby')).to.contain('clock');
    await expect(el).to.be.accessible();
    // And a time by the server's clock is booked.
    await fillValid(el, '(201) 555-0123', firstTime(el)!);
    await submit(el);
    await until(() => root(el).querySelector('.message'), 'not booked');
    expect((await createBodies())[0]!.scheduled_at).to.equal(new Date(NOW + 3 * HOUR + 15 * 60_000).toISOString());
  });

  it('3 h fast: the next hours come back once the server has answered, and can be booked', async () => {
    server.aheadMs = -3 * HOUR;
    const el = await scheduleCall();
    // 09:00 in New York by the device; 06:00 by the server, so 09:00 itself may be booked.
    expect(firstTime(el)).to.equal(FIRST_SLOT);
    await firstUse(el, () => clockNote(el));
    expect(firstTime(el)).to.equal(new Date(NOW).toISOString());
    await fillValid(el, '(201) 555-0123', new Date(NOW).toISOString());
    await submit(el);
    await until(() => root(el).querySelector('.message'), 'not booked');
    expect((await createBodies())[0]!.scheduled_at).to.equal(new Date(NOW).toISOString());
  });

  it('says so in Japanese too', async () => {
    server.aheadMs = 3 * HOUR;
    const el = await scheduleCall('menu-id="9"', 'ja');
    await firstUse(el, () => clockNote(el), ja.phoneLabel);
    expect(clockNote(el)).to.equal(ja.clockSkewed);
  });

  it('a clock a few seconds off is trusted: the same times, no note', async () => {
    server.aheadMs = 30_000;
    const el = await scheduleCall();
    await firstUse(el, () => heads().length === 1 && !el.isUpdatePending);
    await el.updateComplete;
    expect(firstTime(el)).to.equal(FIRST_SLOT);
    expect(clockNote(el)).to.equal('');
  });

  it('after "must be in the future", never offers that time or any before it again, even with no Date to go by', async () => {
    // A backend on another origin that does not expose `Date`: the refusal is all there is.
    worker.use(
      http.head(CALLS, () => new HttpResponse(null, { status: 405 })),
      http.post(CALLS, () => HttpResponse.json({ message: 'scheduled_at must be in the future' }, { status: 400 })),
    );
    const el = await scheduleCall();
    const second = times(el)[1]!;
    await fillValid(el, '(201) 555-0123', second);
    await submit(el);
    await until(() => alertText(el) === en.slotPast, 'the refusal is not shown');
    expect(times(el)).not.to.include(FIRST_SLOT);
    expect(times(el)).not.to.include(second);
    expect(times(el).every((time) => Date.parse(time) > Date.parse(second))).to.equal(true);
    expect(clockNote(el)).to.equal(en.clockSkewed);
    expect(chosen(el), 'the refused time is no longer chosen').to.equal('');
  });

  it("learns from the refusal's Date as well: the slow clock's times are gone at once", async () => {
    // The question for the time is not answered before the visitor books.
    worker.use(http.head(CALLS, () => new Promise<Response>(() => undefined)));
    server.aheadMs = 3 * HOUR;
    const el = await scheduleCall();
    await fillValid(el);
    await submit(el);
    await until(() => alertText(el) === en.slotPast, 'the refusal is not shown');
    expect(Date.parse(firstTime(el)!)).to.equal(NOW + 3 * HOUR + 15 * 60_000);
    expect(clockNote(el)).to.equal(en.clockSkewed);
  });
});
