/**
 * Slot generation. Every zone is passed explicitly, so these results do not depend on the zone of
 * the browser running them. Clock changes of 2026: US 8 March and 1 November, EU 29 March and
 * 25 October.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { generateSlots, parseDays, parseHours, type SlotOptions } from '../../src/internal/slots.js';
import { instantOf, wallTimeAt } from '../../src/internal/zoned-time.js';

const NEW_YORK = 'America/New_York';
const TOKYO = 'Asia/Tokyo';
const LONDON = 'Europe/London';
const BERLIN = 'Europe/Berlin';
const ALL_DAYS = new Set([0, 1, 2, 3, 4, 5, 6]);

function slots(options: Omit<Partial<SlotOptions>, 'now'> & { now: string }) {
  return generateSlots({
    timeZone: NEW_YORK,
    visitorTimeZone: NEW_YORK,
    hours: parseHours('09:00-17:00')!,
    days: parseDays('mon-fri')!,
    daysAhead: 14,
    slotMinutes: 15,
    minLeadMinutes: 15,
    ...options,
    now: Date.parse(options.now),
  });
}

/** The slots that fall on `date` of the visitor's calendar. */
function on(result: ReturnType<typeof generateSlots>, date: string): readonly string[] {
  return result.find((day) => day.date === date)?.slots ?? [];
}

function stepsOf(list: readonly string[]): number[] {
  return list.slice(1).map((slot, i) => (Date.parse(slot) - Date.parse(list[i]!)) / 60_000);
}

describe('parseHours', () => {
  it('reads one range, several ranges, and ranges past midnight', () => {
    expect(parseHours('09:00-17:00')).to.deep.equal([{ start: 540, end: 1020 }]);
    expect(parseHours('9:00-12:00, 13:00-17:30')).to.deep.equal([
      { start: 540, end: 720 },
      { start: 780, end: 1050 },
    ]);
    expect(parseHours('22:00-02:00')).to.deep.equal([{ start: 1320, end: 1560 }]);
    expect(parseHours('00:00-24:00')).to.deep.equal([{ start: 0, end: 1440 }]);
  });

  it('refuses malformed hours', () => {
    for (const text of [
      '',
      '9-5',
      '09:00',
      '09:00-17:00-18:00',
      '25:00-26:00',
      '09:60-10:00',
      '24:00-02:00',
      '09:00-09:00',
      'nine-five',
    ]) {
      expect(parseHours(text), text).to.equal(undefined);
    }
  });
});

describe('parseDays', () => {
  it('reads lists and ranges, also ranges that wrap past Sunday', () => {
    expect([...parseDays('mon-fri')!].sort()).to.deep.equal([1, 2, 3, 4, 5]);
    expect([...parseDays('mon-fri,sat')!].sort()).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect([...parseDays('Sat, SUN')!].sort()).to.deep.equal([0, 6]);
    expect([...parseDays('fri-mon')!].sort()).to.deep.equal([0, 1, 5, 6]);
  });

  it('refuses malformed days', () => {
    for (const text of ['', 'monday', 'mon-', 'mon-fri-sat', 'mon,,fri', 'funday']) {
      expect(parseDays(text), text).to.equal(undefined);
    }
  });
});

describe('instantOf', () => {
  it('skips a wall time that does not exist and takes the first of a repeated one', () => {
    expect(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NEW_YORK)).to.equal(undefined);
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN)).to.equal(undefined);
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NEW_YORK)).to.equal(
      Date.parse('2026-11-01T05:30:00Z'),
    );
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN)).to.equal(
      Date.parse('2026-10-25T00:30:00Z'),
    );
  });
});

describe('generateSlots', () => {
  it('offers opening hours in New York to a visitor in Tokyo, grouped by Tokyo dates, across the US spring change', () => {
    // Friday 6 March 2026, 12:00 in New York (EST, UTC-5).
    const result = slots({ now: '2026-03-06T17:00:00Z', visitorTimeZone: TOKYO, daysAhead: 4 });
    // Friday afternoon EST: 12:15–16:45 New York is 02:15–06:45 on Saturday in Tokyo.
    const saturday = on(result, '2026-03-07');
    expect(saturday[0]).to.equal('2026-03-06T17:15:00.000Z');
    expect(saturday.at(-1)).to.equal('2026-03-06T21:45:00.000Z');
    // No slots on the weekend in New York (Saturday evening to Monday evening in Tokyo).
    expect(on(result, '2026-03-08')).to.deep.equal([]);
    // Monday 9 March, after the change (EDT, UTC-4): 09:00 New York = 13:00Z = 22:00 Monday in Tokyo.
    const monday = on(result, '2026-03-09');
    expect(monday).to.have.length(8);
    expect(monday[0]).to.equal('2026-03-09T13:00:00.000Z');
    const tuesday = on(result, '2026-03-10');
    expect(tuesday[0]).to.equal('2026-03-09T15:00:00.000Z');
    expect(tuesday).to.have.length(24);
    expect(result.map((day) => day.date)).to.deep.equal(['2026-03-07', '2026-03-09', '2026-03-10']);
  });

  it('skips the hour New York clocks jump over on 8 March 2026', () => {
    const result = slots({
      now: '2026-03-07T12:00:00Z',
      hours: parseHours('01:00-04:00')!,
      days: ALL_DAYS,
      daysAhead: 3,
    });
    const sunday = on(result, '2026-03-08');
    // 01:00–01:45 EST, then 03:00–03:45 EDT: 02:xx does not exist that night.
    expect(sunday).to.have.length(8);
    expect(sunday[3]).to.equal('2026-03-08T06:45:00.000Z');
    expect(sunday[4]).to.equal('2026-03-08T07:00:00.000Z');
    expect(stepsOf(sunday)).to.deep.equal([15, 15, 15, 15, 15, 15, 15]);
    expect(on(result, '2026-03-09')).to.have.length(12);
  });

  it('offers the hour New York clocks repeat on 1 November 2026 once', () => {
    const result = slots({
      now: '2026-10-31T12:00:00Z',
      hours: parseHours('00:00-03:00')!,
      days: ALL_DAYS,
      daysAhead: 2,
    });
    const sunday = on(result, '2026-11-01');
    expect(sunday).to.have.length(12);
    expect(new Set(sunday).size).to.equal(12);
    // 01:45 EDT is 05:45Z; the next wall time, 02:00 EST, is 07:00Z (01:00–01:59 EST is not offered again).
    expect(sunday[7]).to.equal('2026-11-01T05:45:00.000Z');
    expect(sunday[8]).to.equal('2026-11-01T07:00:00.000Z');
  });

  it('follows the EU changes of 29 March and 25 October 2026 in Berlin', () => {
    const spring = slots({
      now: '2026-03-27T12:00:00Z',
      timeZone: BERLIN,
      visitorTimeZone: BERLIN,
      hours: parseHours('01:00-04:00')!,
      days: ALL_DAYS,
      daysAhead: 4,
    });
    expect(on(spring, '2026-03-29')).to.have.length(8);
    expect(on(spring, '2026-03-28')[0]).to.equal('2026-03-28T00:00:00.000Z'); // 01:00 CET
    expect(on(spring, '2026-03-30')[0]).to.equal('2026-03-29T23:00:00.000Z'); // 01:00 CEST
    const autumn = slots({
      now: '2026-10-23T12:00:00Z',
      timeZone: BERLIN,
      visitorTimeZone: BERLIN,
      hours: parseHours('01:00-04:00')!,
      days: ALL_DAYS,
      daysAhead: 4,
    });
    const sunday = on(autumn, '2026-10-25');
    expect(sunday).to.have.length(12);
    expect(new Set(sunday).size).to.equal(12);
    // 02:00–02:45 happen twice (CEST, then CET): offered once, at their first (summer) time.
    expect(sunday[4]).to.equal('2026-10-25T00:00:00.000Z');
    expect(sunday[8]).to.equal('2026-10-25T02:00:00.000Z'); // 03:00 CET
    expect(stepsOf(sunday)).to.include(75);
  });

  it('shifts a London day for a New York visitor while only one side has changed its clocks', () => {
    const result = slots({ now: '2026-03-20T12:00:00Z', timeZone: LONDON, daysAhead: 14 });
    // Between 8 and 29 March New York is on EDT and London on GMT: 09:00 London = 05:00 New York.
    expect(on(result, '2026-03-23')[0]).to.equal('2026-03-23T09:00:00.000Z');
    // From 29 March London is on BST: 09:00 London = 08:00Z = 04:00 New York.
    expect(on(result, '2026-03-30')[0]).to.equal('2026-03-30T08:00:00.000Z');
  });

  it('keeps the minimum lead, inclusive, and offers today and the following days up to days-ahead', () => {
    // Monday 9 March 2026, 09:45 EDT: 10:00 is exactly 15 minutes away.
    const exact = slots({ now: '2026-03-09T13:45:00Z' });
    expect(exact[0]!.slots[0]).to.equal('2026-03-09T14:00:00.000Z');
    const later = slots({ now: '2026-03-09T13:50:00Z' });
    expect(later[0]!.slots[0]).to.equal('2026-03-09T14:15:00.000Z');
    // 14 days from Monday 9 March: 9–13 and 16–20 March are the weekdays.
    expect(slots({ now: '2026-03-09T12:00:00Z' }).map((day) => day.date)).to.deep.equal([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
    ]);
    expect(slots({ now: '2026-03-09T12:00:00Z', daysAhead: 1 }).map((day) => day.date)).to.deep.equal(['2026-03-09']);
    expect(slots({ now: '2026-03-09T12:00:00Z', daysAhead: 0 })).to.deep.equal([]);
  });

  it('continues a range past midnight into the next day, also from yesterday', () => {
    // Tuesday 10 March 2026, 00:40 in New York: Monday's 22:00–02:00 is still open.
    const result = slots({ now: '2026-03-10T04:40:00Z', hours: parseHours('22:00-02:00')!, daysAhead: 1 });
    expect(result[0]!.slots[0]).to.equal('2026-03-10T05:00:00.000Z'); // 01:00, 30 minutes ahead
    expect(result[0]!.slots).to.have.length(4 + 8); // 01:00–01:45 from Monday, 22:00–23:45 Tuesday
  });

  it('answers with every input taken into account, also when a question is asked again (answers are remembered)', () => {
    const question = { now: '2026-03-09T12:00:00Z' };
    const answer = slots(question);
    const others = [
      { hours: parseHours('10:00-11:00')! },
      { days: parseDays('tue')! },
      { timeZone: TOKYO },
      { visitorTimeZone: TOKYO },
      { daysAhead: 2 },
      { slotMinutes: 30 },
      { minLeadMinutes: 180 },
      { now: '2026-03-09T15:00:00Z' },
    ];
    for (const other of others) {
      expect(slots({ ...question, ...other }), JSON.stringify(other)).not.to.deep.equal(answer);
      expect(slots({ ...question }), `asked again after ${JSON.stringify(other)}`).to.deep.equal(answer);
    }
    // The same question from equal, not identical, inputs.
    expect(slots({ ...question, hours: parseHours('09:00-17:00')!, days: parseDays('mon-fri')! })).to.deep.equal(
      answer,
    );
  });

  it('only offers grid times inside the opening hours, on opening days, ahead of the lead, in order', () => {
    const zones = [NEW_YORK, TOKYO, LONDON, BERLIN, 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom(...zones),
        fc.constantFrom(10, 15, 30, 60),
        fc.integer({ min: 0, max: 180 }),
        (now, timeZone, visitorTimeZone, slotMinutes, minLeadMinutes) => {
          const result = generateSlots({
            now: now.getTime(),
            timeZone,
            visitorTimeZone,
            hours: parseHours('08:30-18:00')!,
            days: parseDays('mon-fri')!,
            daysAhead: 3,
            slotMinutes,
            minLeadMinutes,
          });
          const all = result.flatMap((day) => day.slots).map((slot) => Date.parse(slot));
          expect(all).to.deep.equal([...new Set(all)].sort((a, b) => a - b));
          for (const instant of all) {
            expect(instant - now.getTime())
              .to.be.at.least(minLeadMinutes * 60_000)
              .and.above(0);
            const wall = wallTimeAt(instant, timeZone);
            const minute = wall.hour * 60 + wall.minute;
            expect(minute).to.be.within(510, 1079);
            expect((minute - 510) % slotMinutes).to.equal(0);
            expect(new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay()).to.be.within(1, 5);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
