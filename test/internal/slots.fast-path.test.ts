import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { generateSlots, type OpeningRange, type SlotDay } from '../../src/internal/slots.js';
import { dateKeyAt, instantOf, wallTimeAt } from '../../src/internal/zoned-time.js';

/**
 * `generateSlots` looks a zone's offset up at the ends of each day's opening range only (a form's
 * render is ten times faster for it). This is the definition it must keep to: every time looked
 * up on its own.
 */
function slotByslot(options: Parameters<typeof generateSlots>[0]): SlotDay[] {
  const { now, timeZone, visitorTimeZone, hours, days, daysAhead, slotMinutes, minLeadMinutes } = options;
  const earliest = Math.max(now + 1, now + minLeadMinutes * 60_000);
  const today = wallTimeAt(now, timeZone);
  const instants = new Set<number>();
  for (let offset = -1; offset < daysAhead; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (!days.has(date.getUTCDay())) continue;
    for (const { start, end } of hours) {
      for (let minute = start; minute < end; minute += slotMinutes) {
        const instant = instantOf(
          { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute },
          timeZone,
        );
        if (instant !== undefined && instant >= earliest) instants.add(instant);
      }
    }
  }
  const byDate = new Map<string, string[]>();
  for (const instant of [...instants].sort((a, b) => a - b)) {
    const date = dateKeyAt(instant, visitorTimeZone);
    byDate.set(date, [...(byDate.get(date) ?? []), new Date(instant).toISOString()]);
  }
  return [...byDate].map(([date, slots]) => ({ date, slots }));
}

/** Zones with every kind of clock change: an hour, half an hour (Lord Howe), southern summers, a skipped day (Apia, 2011). */
const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Europe/London',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Asia/Kolkata',
  'UTC',
];
/** Two days before clock changes of these zones: Apia's skipped day (2011), the US, EU, Chile, Lord Howe, Chatham (2026). */
const NEAR_CHANGES = [
  '2011-12-28',
  '2026-03-06',
  '2026-03-27',
  '2026-04-03',
  '2026-09-04',
  '2026-09-25',
  '2026-10-02',
  '2026-10-23',
  '2026-10-30',
].map((day) => Date.parse(`${day}T00:00:00Z`));

/** Up to 12 hours from any quarter hour of the day (ranges past midnight included). */
const range: fc.Arbitrary<OpeningRange> = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 48 }))
  .map(([start, length]) => ({ start: start * 15, end: start * 15 + length * 15 }));

describe('generateSlots, offsets looked up at the ends of each range', () => {
  it('offers exactly the slots of looking every time up, in any zone, across clock changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...NEAR_CHANGES),
        fc.integer({ min: 0, max: 48 * 60 }),
        fc.array(range, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(15, 30, 45, 60, 90),
        (timeZone, visitorTimeZone, day, minutes, hours, slotMinutes) => {
          const options = {
            now: day + minutes * 60_000,
            timeZone,
            visitorTimeZone,
            hours,
            days: new Set([0, 1, 2, 3, 4, 5, 6]),
            daysAhead: 4,
            slotMinutes,
            minLeadMinutes: 15,
          };
          expect(generateSlots(options)).to.deep.equal(slotByslot(options));
        },
      ),
      { numRuns: 100 },
    );
  });
});
