/**
 * A visitor in Tokyo books a callback from a New York office (09:00–17:00 New York time, every
 * day), in the weeks of the 2026 clock changes: the US ones (8 March, 1 November) move every slot
 * by an hour for Tokyo; the EU ones (29 March, 25 October) move nothing, unless the office is in
 * Berlin. This file runs only in the `tz-tokyo` group of `web-test-runner.config.mjs`, whose
 * Chromium pins the browser's zone to Asia/Tokyo (`npx wtr --group tz-tokyo`). Expected instants
 * are worked out here by hand from the offsets (New York UTC−5, UTC−4 in summer; Berlin UTC+1,
 * UTC+2 in summer; Tokyo UTC+9 all year), not by the element's code.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { CallsClient } from '../../src/core/client.js';
import type { CcaiScheduleCall } from '../../src/elements/schedule-call/schedule-call.js';
import '../../src/elements/schedule-call/define.js';
import { en } from '../../src/i18n/en.js';
import { ja } from '../../src/i18n/ja.js';
import { root, textOf } from '../helpers/dom.js';
import { choiceText, choices, chosen, pick } from '../elements/schedule-call/picker.helpers.js';

const HOUR = 3_600_000;
/**
 * The office's offset from UTC in hours on one of its dates of 2026 (it opens after the changes'
 * small hours, so a change day has one offset).
 */
const OFFSETS = {
  'America/New_York': (date: string) => (date >= '2026-03-08' && date < '2026-11-01' ? -4 : -5),
  'Europe/Berlin': (date: string) => (date >= '2026-03-29' && date < '2026-10-25' ? 2 : 1),
};
type Office = keyof typeof OFFSETS;
const TOKYO_OFFSET = 9;

/** The 32 quarter-hours of 09:00–17:00 office time on an office date, as UTC instants. */
function openingSlots(zone: Office, date: string): number[] {
  const opens = Date.parse(`${date}T09:00:00Z`) - OFFSETS[zone](date) * HOUR;
  return Array.from({ length: 32 }, (_, i) => opens + i * 15 * 60_000);
}

const dayKey = (instant: number, offsetHours: number) =>
  new Date(instant + offsetHours * HOUR).toISOString().slice(0, 10);
/** "11:45 PM": the wall time in Tokyo, written by hand. */
function tokyoLabel(instant: number): string {
  const wall = new Date(instant + TOKYO_OFFSET * HOUR);
  const hours = wall.getUTCHours();
  return `${hours % 12 || 12}:${String(wall.getUTCMinutes()).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** Every slot of the office dates around `tokyoDate` that falls on that Tokyo date. */
function expectedOn(zone: Office, tokyoDate: string): number[] {
  const around = [-1, 0, 1].map((shift) =>
    new Date(Date.parse(tokyoDate) + shift * 24 * HOUR).toISOString().slice(0, 10),
  );
  return around
    .flatMap((date) => openingSlots(zone, date))
    .filter((instant) => dayKey(instant, TOKYO_OFFSET) === tokyoDate);
}

const spaced = (text: string) => text.replace(/\s/g, ' ').trim();

/** The element with its clock at `now`, inside `[lang]`. */
async function office(now: string, lang = 'en', zone: Office = 'America/New_York'): Promise<CcaiScheduleCall> {
  const el = document.createElement('ccai-schedule-call');
  el.setAttribute('menu-id', '9');
  el.setAttribute('timezone', zone);
  el.setAttribute('hours', '09:00-17:00');
  el.setAttribute('days', 'mon-sun');
  el.clock = { now: () => Date.parse(now) };
  // Choosing a day is the form's first use, when it asks its server for the time: this server's
  // clock agrees with the pinned one (the test runner's own server would say it is today).
  const date = new Date(now).toUTCString();
  el.client = new CallsClient({ fetch: async () => new Response(null, { status: 405, headers: { Date: date } }) });
  // The element is the fixture (a wrapper would wait for a frame, which a background tab never gets).
  await fixture(html`${el}`, { parentNode: Object.assign(document.createElement('div'), { lang }) });
  return el;
}

/** The times offered on a Tokyo date: values and labels. */
async function offeredOn(el: CcaiScheduleCall, tokyoDate: string, dateLabel = en.dateLabel, timeLabel = en.timeLabel) {
  pick(el, tokyoDate, dateLabel);
  await el.updateComplete;
  expect(chosen(el, dateLabel), `${tokyoDate} offered`).to.equal(tokyoDate);
  const times = choices(el, timeLabel);
  return {
    values: times.map((radio) => Date.parse(radio.value)),
    labels: times.map((radio) => spaced(choiceText(radio))),
  };
}

describe('<ccai-schedule-call> for a visitor in Tokyo, opening hours in New York', () => {
  it('runs in a browser whose zone is Asia/Tokyo', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('Asia/Tokyo');
    expect(new Date('2026-03-08T00:00:00Z').getHours()).to.equal(9);
  });

  const weeks: [what: string, office: Office, now: string, slotsOnTokyoDates: Record<string, number>][] = [
    [
      'the US spring change (Sunday 8 March)',
      'America/New_York',
      '2026-03-04T00:00:00Z',
      { '2026-03-07': 32, '2026-03-08': 36, '2026-03-09': 32, '2026-03-10': 32 },
    ],
    [
      'the EU spring change (Sunday 29 March)',
      'America/New_York',
      '2026-03-25T00:00:00Z',
      { '2026-03-28': 32, '2026-03-29': 32, '2026-03-30': 32 },
    ],
    [
      'the EU autumn change (Sunday 25 October)',
      'America/New_York',
      '2026-10-21T00:00:00Z',
      { '2026-10-24': 32, '2026-10-25': 32, '2026-10-26': 32 },
    ],
    [
      'the US autumn change (Sunday 1 November)',
      'America/New_York',
      '2026-10-28T00:00:00Z',
      { '2026-10-31': 32, '2026-11-01': 28, '2026-11-02': 32, '2026-11-03': 32 },
    ],
    [
      'the EU spring change, office in Berlin',
      'Europe/Berlin',
      '2026-03-25T00:00:00Z',
      { '2026-03-28': 32, '2026-03-29': 36, '2026-03-30': 32 },
    ],
    [
      'the EU autumn change, office in Berlin',
      'Europe/Berlin',
      '2026-10-21T00:00:00Z',
      { '2026-10-24': 32, '2026-10-25': 28, '2026-10-26': 32 },
    ],
  ];

  for (const [what, zone, now, counts] of weeks) {
    it(`offers the right instants, labelled in Tokyo time, in the week of ${what}`, async () => {
      const el = await office(now, 'en', zone);
      for (const [tokyoDate, count] of Object.entries(counts)) {
        const { values, labels } = await offeredOn(el, tokyoDate);
        expect(values, `instants on ${tokyoDate}`).to.deep.equal(expectedOn(zone, tokyoDate));
        expect(values, `how many on ${tokyoDate}`).to.have.length(count);
        expect(labels, `labels on ${tokyoDate}`).to.deep.equal(values.map(tokyoLabel));
      }
    });
  }

  it('shows the US spring change as the office opening an hour earlier for Tokyo', async () => {
    const el = await office('2026-03-04T00:00:00Z');
    const before = await offeredOn(el, '2026-03-07');
    const after = await offeredOn(el, '2026-03-09');
    // New York 09:00 is 23:00 in Tokyo in winter, 22:00 from 8 March; 17:00 is 07:00, then 06:00.
    expect([before.labels[0], before.labels.at(-1)]).to.deep.equal(['12:00 AM', '11:45 PM']);
    expect(before.labels).to.include.members(['6:45 AM', '11:00 PM']).and.not.include('10:00 PM');
    expect(after.labels).to.include.members(['5:45 AM', '10:00 PM']).and.not.include('6:00 AM');
  });

  it('names the visitor’s zone, in English and in Japanese', async () => {
    const english = await office('2026-03-04T00:00:00Z');
    expect(textOf(root(english).querySelector('#zone'))).to.equal(en.timeZoneNote('Japan Standard Time'));
    const japanese = await office('2026-03-04T00:00:00Z', 'ja');
    expect(textOf(root(japanese).querySelector('#zone'))).to.equal(ja.timeZoneNote('日本標準時'));
    const { labels } = await offeredOn(japanese, '2026-03-09', ja.dateLabel, ja.timeLabel);
    expect(labels[0]).to.equal('0:00');
  });
});
