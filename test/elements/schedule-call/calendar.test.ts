/**
 * `<ccai-schedule-call>` Add to calendar: the confirmation's `.ics` file, made in the browser as a
 * `blob:` link (no request), read back and parsed as RFC 5545 says: CRLF lines of at most 75
 * octets, folded with a leading space, TEXT escaped, times in UTC, one VEVENT with a VALARM.
 */
import { expect } from '@open-wc/testing';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import { en } from '../../../src/i18n/en.js';
import { ja } from '../../../src/i18n/ja.js';
import { escapeText, foldLine } from '../../../src/internal/ics.js';
import { textOf } from '../../helpers/dom.js';
import {
  booked,
  button,
  buttons,
  collect,
  fillValid,
  message,
  pick,
  reload,
  root,
  scheduleCall,
  sent,
  submit,
  until,
  useMockApi,
  whenText,
} from './helpers.js';
import { fillIn } from '../shared/a11y.helpers.js';

Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

interface Property {
  name: string;
  params: string;
  value: string;
}

/** RFC 5545 §3.1 read back: physical lines checked, unfolded, split into name, parameters and value. */
function parseCalendar(text: string): { lines: string[]; properties: Property[] } {
  expect(text.endsWith('\r\n'), 'ends with CRLF').to.equal(true);
  expect(text.replace(/\r\n/g, ''), 'no bare CR or LF').not.to.match(/[\r\n]/);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(new TextEncoder().encode(line).length, `over 75 octets: ${line}`).to.be.at.most(75);
    expect(line, 'no character split').not.to.match(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
  }
  const unfolded = text
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  const properties = unfolded.map((line) => {
    const colon = line.indexOf(':');
    const [name, ...params] = line.slice(0, colon).split(';');
    return { name: name!, params: params.join(';'), value: line.slice(colon + 1) };
  });
  return { lines, properties };
}

/** TEXT unescaped (§3.3.11). */
const unescape = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

const valueOf = (properties: Property[], name: string) => properties.filter((p) => p.name === name).map((p) => p.value);

async function calendarOf(el: CcaiScheduleCall): Promise<{ link: HTMLAnchorElement; text: string }> {
  await until(() => root(el).querySelector('a[part=calendar]'), 'no Add to calendar');
  const link = root(el).querySelector<HTMLAnchorElement>('a[part=calendar]')!;
  const text = await (await fetch(link.href)).text();
  return { link, text };
}

describe('<ccai-schedule-call> add to calendar', () => {
  useMockApi();

  it('offers an RFC 5545 file of the call, made in the browser', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const el = await scheduleCall();
    await fillValid(el);
    await submit(el);
    await until(() => scheduled.length === 1, 'not booked');
    const before = sent.filter((request) => request.method !== 'GET').length;
    const { link, text } = await calendarOf(el);
    expect(sent.filter((request) => request.method !== 'GET').length, 'no request for the file').to.equal(before);
    expect(sent.some((request) => request.url.startsWith('blob:'))).to.equal(false);
    expect(link.protocol).to.equal('blob:');
    expect(link.getAttribute('download')).to.equal('callback.ics');
    expect(textOf(link)).to.equal(en.addToCalendar);
    expect(getComputedStyle(link).minBlockSize, 'a touch target, as the buttons').to.equal('44px');

    const { properties } = parseCalendar(text);
    const names = properties.map((p) => p.name);
    expect(names.slice(0, 2)).to.deep.equal(['BEGIN', 'VERSION']);
    expect(
      properties.filter((p) => p.name === 'BEGIN' || p.name === 'END').map((p) => `${p.name}:${p.value}`),
    ).to.deep.equal(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'BEGIN:VALARM', 'END:VALARM', 'END:VEVENT', 'END:VCALENDAR']);
    expect(valueOf(properties, 'VERSION')).to.deep.equal(['2.0']);
    expect(valueOf(properties, 'PRODID')).to.have.length(1);
    const { id } = scheduled[0]!.detail.call;
    expect(valueOf(properties, 'UID')).to.deep.equal([`ccai-call-${id}@${location.host}`]);
    expect(valueOf(properties, 'SEQUENCE'), 'the event as first made').to.deep.equal(['0']);
    expect(valueOf(properties, 'DTSTAMP')[0]).to.match(/^\d{8}T\d{6}Z$/);
    expect(valueOf(properties, 'DTSTART')).to.deep.equal(['20310303T141500Z']);
    // The slot's length: 15 minutes.
    expect(valueOf(properties, 'DTEND')).to.deep.equal(['20310303T143000Z']);
    expect(valueOf(properties, 'SUMMARY').map(unescape)).to.deep.equal([en.calendarSummary]);
    const descriptions = valueOf(properties, 'DESCRIPTION').map(unescape);
    expect(descriptions[0]).to.equal(en.calendarDescription(`${location.origin}${location.pathname}`));
    expect(valueOf(properties, 'ACTION')).to.deep.equal(['DISPLAY']);
    expect(valueOf(properties, 'TRIGGER')).to.deep.equal(['-PT15M']);
    expect(descriptions[1], 'the reminder says what it is for').to.equal(en.calendarSummary);
    await expect(el).to.be.accessible();
  });

  it('names the page by its origin and path only: its query string and fragment may carry tokens', async () => {
    const address = location.href;
    history.replaceState(null, '', `${location.pathname}?token=s3cr3t&mail=a%40b.example#code=1`);
    try {
      const el = await scheduleCall();
      await fillValid(el);
      await submit(el);
      const { text } = await calendarOf(el);
      const description = unescape(valueOf(parseCalendar(text).properties, 'DESCRIPTION')[0]!);
      expect(description).to.equal(en.calendarDescription(`${location.origin}${location.pathname}`));
      expect(text).not.to.match(/s3cr3t|a%40b|code=1/);
    } finally {
      history.replaceState(null, '', address);
    }
  });

  it('escapes TEXT and folds long lines at 75 octets without splitting a character', async () => {
    const summary = 'Call back, please; path C:\\support\nsecond line 📞';
    const description = `${'日本語の説明と📞絵文字、'.repeat(12)}end`;
    const scheduled = collect('ccai-call-scheduled');
    const el = await scheduleCall();
    el.messages = { calendarSummary: summary, calendarDescription: () => description };
    await fillValid(el);
    await submit(el);
    await until(() => scheduled.length === 1, 'not booked');
    const { text } = await calendarOf(el);
    const { lines, properties } = parseCalendar(text);
    expect(
      lines.some((line) => line.startsWith(' ')),
      'folded',
    ).to.equal(true);
    const raw = valueOf(properties, 'SUMMARY')[0]!;
    expect(raw).to.equal('Call back\\, please\\; path C:\\\\support\\nsecond line 📞');
    expect(unescape(raw)).to.equal(summary);
    expect(unescape(valueOf(properties, 'DESCRIPTION')[0]!)).to.equal(description);
  });

  it('folds at exactly 75 octets, continuation lines counting their space', () => {
    expect(foldLine('x'.repeat(75))).to.equal('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).to.equal(`${'x'.repeat(75)}\r\n x`);
    expect(foldLine('x'.repeat(75 + 74 + 1))).to.equal(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
    // Three-octet characters: 25 fill a line exactly.
    expect(foldLine('語'.repeat(26))).to.equal(`${'語'.repeat(25)}\r\n 語`);
    expect(escapeText('a,b;c\\d\r\ne')).to.equal('a\\,b\\;c\\\\d\\ne');
  });

  it('is in the visitor’s language', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const el = await scheduleCall('menu-id="9"', 'ja');
    await fillIn(el, ja);
    button(el, ja.submit).click();
    await until(() => scheduled.length === 1, 'not booked');
    const { link, text } = await calendarOf(el);
    expect(textOf(link)).to.equal(ja.addToCalendar);
    expect(valueOf(parseCalendar(text).properties, 'SUMMARY').map(unescape)).to.deep.equal([ja.calendarSummary]);
  });

  it('is gone once the call is cancelled', async () => {
    const el = await scheduleCall();
    await fillValid(el);
    await submit(el);
    await calendarOf(el);
    button(el, en.cancelCall).click();
    await until(() => textOf(root(el).querySelector('.message')) === en.cancelled, 'not cancelled');
    expect(root(el).querySelector('a[part=calendar]')).to.equal(null);
  });

  it('follows Change time: the same UID with SEQUENCE one higher per move and the new time, over a reload too', async () => {
    const scheduled = collect('ccai-call-scheduled');
    const el = await booked();
    const first = parseCalendar((await calendarOf(el)).text).properties;
    const uid = valueOf(first, 'UID');
    expect(uid).to.deep.equal([`ccai-call-${scheduled[0]!.detail.call.id}@${location.host}`]);
    expect(valueOf(first, 'SEQUENCE')).to.deep.equal(['0']);

    const moves = [
      { slot: '2031-03-03T14:30:00.000Z', start: '20310303T143000Z', end: '20310303T144500Z' },
      { slot: '2031-03-03T15:00:00.000Z', start: '20310303T150000Z', end: '20310303T151500Z' },
    ];
    for (const [index, { slot, start, end }] of moves.entries()) {
      const link = root(el).querySelector('a[part=calendar]');
      button(el, en.changeTime).click();
      await until(() => buttons(el).includes(en.changeSubmit), 'no form to change the time');
      pick(el, slot, en.timeLabel);
      await el.updateComplete;
      await submit(el, en.changeSubmit);
      await until(() => message(el) === en.changedTo(whenText(slot)), 'not moved');
      await until(() => root(el).querySelector('a[part=calendar]') !== link, 'the old link is still offered');
      const moved = parseCalendar((await calendarOf(el)).text).properties;
      expect(valueOf(moved, 'UID'), 'the event of the first call').to.deep.equal(uid);
      expect(valueOf(moved, 'SEQUENCE')).to.deep.equal([String(index + 1)]);
      expect(valueOf(moved, 'DTSTART')).to.deep.equal([start]);
      expect(valueOf(moved, 'DTEND')).to.deep.equal([end]);
    }
    expect(scheduled).to.have.length(3);

    const after = await reload(el);
    const kept = parseCalendar((await calendarOf(after)).text).properties;
    expect(valueOf(kept, 'UID'), 'kept over a reload').to.deep.equal(uid);
    expect(valueOf(kept, 'SEQUENCE')).to.deep.equal(['2']);
    expect(valueOf(kept, 'DTSTART')).to.deep.equal([moves[1]!.start]);
  });
});
