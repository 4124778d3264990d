/**
 * `<ccai-schedule-call>` with server text it cannot foresee and on a right-to-left page: a word
 * longer than the page is wide wraps, and the dates, zones and server text put into sentences are
 * bidi-isolated (`<bdi>`), so each reads in order whichever way the page runs.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { textOf } from '../../helpers/dom.js';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import {
  CALLS,
  FIRST_SLOT,
  alertText,
  fillValid,
  root,
  scheduleCall,
  submit,
  until,
  useMockApi,
  whenText,
} from './helpers.js';

const bdis = (node: Element | null | undefined) => [...(node?.querySelectorAll('bdi') ?? [])].map((bdi) => textOf(bdi));

/** The form in a 320 px column, as on a small phone. */
async function narrow(): Promise<CcaiScheduleCall> {
  const el = await scheduleCall();
  el.parentElement!.style.inlineSize = '320px';
  return el;
}

describe('<ccai-schedule-call> and the text it shows', () => {
  const { worker } = useMockApi();

  it('wraps a 2000-character word from the server within a 320 px page', async () => {
    const word = 'x'.repeat(2000);
    worker.use(http.post(CALLS, () => HttpResponse.json({ message: word }, { status: 400 })));
    const el = await narrow();
    await fillValid(el);
    await submit(el);
    await until(() => alertText(el).includes(word), 'the message is not shown');
    const alert = root(el).querySelector('[role=alert]')!;
    expect(el.parentElement!.scrollWidth, 'the column').to.be.at.most(320);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(alert.scrollWidth, 'the alert').to.be.at.most(alert.clientWidth);
    expect(bdis(alert), 'server text set apart from our lead-in').to.deep.equal([word]);
  });

  it('on a dir="rtl" page, isolates the zone in its note and the time in the confirmation', async () => {
    const el = await scheduleCall();
    el.parentElement!.dir = 'rtl';
    const zone = root(el).getElementById('zone')!;
    expect(bdis(zone)).to.have.length(1);
    expect(zone.textContent!.trim()).to.equal(en.timeZoneNote(bdis(zone)[0]!));
    await fillValid(el);
    await submit(el);
    await until(() => root(el).querySelector('.message'), 'not booked');
    const message = root(el).querySelector('.message')!;
    expect(bdis(message)).to.deep.equal([whenText(FIRST_SLOT)]);
    expect(message.textContent!.trim()).to.equal(en.confirmation(whenText(FIRST_SLOT)));
  });

  it('isolates a value wherever an overriding message puts it, and as often', async () => {
    const el = await scheduleCall();
    el.messages = { timeZoneNote: (zone: string) => `${zone} — ${zone}` };
    await el.updateComplete;
    const zone = root(el).getElementById('zone')!;
    expect(bdis(zone)).to.have.length(2);
    expect(bdis(zone)[0]).to.equal(bdis(zone)[1]);
  });
});
