/**
 * The settings of `<ccai-schedule-call>` that decide *when* and *where* a call is booked, checked
 * rather than guessed: a setting that cannot be read leaves the form "not set up" (as a missing
 * menu does) and is named once in the console, by attribute and value.
 */
import { parseDays, parseHours, type OpeningRange } from '../../internal/slots.js';
import { isTimeZone, localTimeZone } from '../../internal/zoned-time.js';

/**
 * The defaults of the settings, for an attribute that is removed (Lit then sets `null`): the
 * element's initial values, written once, in its class (where the manifest reads them).
 */
export interface SettingDefaults {
  hours: string;
  days: string;
  daysAhead: number;
  slotMinutes: number;
  minLeadMinutes: number;
}

/** `days-ahead` up to a year; `slot-minutes` up to a day. */
export const MAX_DAYS_AHEAD = 366;
const MAX_SLOT_MINUTES = 1440;

/** What the settings allow, read. */
export interface SlotSettings {
  timeZone: string;
  hours: readonly OpeningRange[];
  days: ReadonlySet<number>;
  daysAhead: number;
  slotMinutes: number;
  minLeadMinutes: number;
}

/** The element's settings as set (attributes are converted by Lit first). */
export interface RawSettings {
  timezone?: string | null;
  hours?: string | null;
  days?: string | null;
  daysAhead: unknown;
  slotMinutes: unknown;
  minLeadMinutes: unknown;
  menuId?: unknown;
  callId?: unknown;
}

/** One unreadable setting: the attribute, the value as set, and what is wrong with it. */
export interface SettingProblem {
  attribute: string;
  value: string;
  problem: string;
}

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** The attribute as written when there is one (`0x10`, not the 16 it might have become), else the property. */
type Written = (attribute: string, value: unknown) => string;

/** Every unreadable setting, and the slot settings when all that decide the slots are readable. */
export function readSettings(
  raw: RawSettings,
  written: Written,
  defaults: SettingDefaults,
): { slots?: SlotSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const refuse = (attribute: string, value: unknown, problem: string) =>
    problems.push({ attribute, value: written(attribute, value), problem });

  const zone = raw.timezone ?? undefined;
  if (zone !== undefined && !isTimeZone(zone)) refuse('timezone', zone, 'is not a time zone');
  const hours = parseHours(raw.hours ?? defaults.hours);
  if (!hours) refuse('hours', raw.hours, 'is not opening hours such as "09:00-17:00"');
  const days = parseDays(raw.days ?? defaults.days);
  if (!days) refuse('days', raw.days, 'is not days such as "mon-fri"');
  const daysAhead = raw.daysAhead ?? defaults.daysAhead;
  if (!isWhole(daysAhead, 1, MAX_DAYS_AHEAD))
    refuse('days-ahead', daysAhead, `is not a whole number of days from 1 to ${MAX_DAYS_AHEAD}`);
  const slotMinutes = raw.slotMinutes ?? defaults.slotMinutes;
  if (!isWhole(slotMinutes, 1, MAX_SLOT_MINUTES))
    refuse('slot-minutes', slotMinutes, `is not a whole number of minutes from 1 to ${MAX_SLOT_MINUTES}`);
  const minLeadMinutes = raw.minLeadMinutes ?? defaults.minLeadMinutes;
  if (typeof minLeadMinutes !== 'number' || !(minLeadMinutes >= 0) || !Number.isFinite(minLeadMinutes)) {
    refuse('min-lead-minutes', minLeadMinutes, 'is not a number of minutes, 0 or more');
  }
  for (const [attribute, id] of [
    ['menu-id', raw.menuId],
    ['call-id', raw.callId],
  ] as const) {
    if (id !== undefined && id !== null && !isWhole(id, 1, Number.MAX_SAFE_INTEGER))
      refuse(attribute, id, 'is not an id (decimal digits)');
  }
  if (problems.length || !hours || !days) return { problems };
  return {
    problems,
    slots: {
      timeZone: zone ?? localTimeZone(),
      hours,
      days,
      daysAhead: daysAhead as number,
      slotMinutes: slotMinutes as number,
      minLeadMinutes: minLeadMinutes as number,
    },
  };
}

/** Warns once per element and setting value: not on every render, and again only for a new bad value. */
export class SettingWarnings {
  readonly #warned = new Set<string>();
  constructor(readonly tag: string) {}

  warn(problems: readonly SettingProblem[]): void {
    for (const { attribute, value, problem } of problems) {
      const key = `${attribute}\n${value}`;
      if (this.#warned.has(key)) continue;
      this.#warned.add(key);
      console.warn(`<${this.tag}>: ${attribute} "${value}" ${problem}`);
    }
  }
}
