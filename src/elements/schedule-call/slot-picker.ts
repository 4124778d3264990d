/**
 * The day and time pickers of `<ccai-schedule-call>`: the days as a row of button-like choices, the
 * times of the chosen day as a grid of them. Both are native radio groups (`<fieldset>` and
 * `<legend>`), so the browser gives them what a screen reader and a keyboard expect: one Tab stop
 * per group, the arrow keys to move (and choose), Space to choose the focused time, "Time,
 * grouping, 9:15 AM, radio button, 3 of 32". Each choice is a `<label>` around a visually hidden
 * radio: the whole box is the target, and the focus ring is drawn on the box.
 */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Messages } from '../../i18n/en.js';
import { withIsolated } from '../../internal/bidi.js';
import type { SlotDay } from '../../internal/slots.js';
import { dayFormat, hourFormat, label, timeFormat } from './format.js';

type Handler = (event: Event) => void;

export interface SlotPickerView {
  t: Messages;
  locale: string;
  days: readonly SlotDay[];
  date: string;
  slot: string;
  /** The time's error, shown under the grid; `undefined`: none. */
  timeError: string | undefined;
  /** `aria-describedby` of every time: the zone note, the clock note, the error. */
  timeDescribedBy: string;
  /** The visitor's zone by name, said above the times. */
  zone: string;
  /** The device clock looks wrong: said above the times, which follow the server's. */
  clockSkewed: boolean;
  /**
   * Change time: the call's current time (\`slot\`, not offered: moving to it would only book the same
   * time again) and what says it above the pickers ("Your call is now on …").
   */
  current?: { slot: string; text: unknown } | undefined;
  on: { date: Handler; time: Handler };
}

/** One hour's times under its heading; `heading` is empty when the day's times are not grouped. */
interface HourGroup {
  heading: string;
  slots: string[];
}

/** Times closer than this are grouped under their hour: more than four an hour would make a long, unmarked list. */
const GROUP_BELOW_MS = 15 * 60_000;

/** The day's times, under their hours when they are close (made only when the pickers render: see `slotPicker`). */
function hourGroups(slots: readonly string[], locale: string): HourGroup[] {
  if (slots.length < 2 || Date.parse(slots[1]!) - Date.parse(slots[0]!) >= GROUP_BELOW_MS)
    return [{ heading: '', slots: [...slots] }];
  const hour = hourFormat(locale);
  const groups: HourGroup[] = [];
  for (const instant of slots) {
    const heading = label(hour, instant);
    const last = groups.at(-1);
    if (last?.heading === heading) last.slots.push(instant);
    else groups.push({ heading, slots: [instant] });
  }
  return groups;
}

/**
 * One choice. `tabStop`: the radio a Tab lands on (the chosen one, else the first), which carries
 * the group's id, so that the form's focus rules (`#date`, `[aria-invalid]`, leaving `#time`) find it.
 */
function choice(
  group: 'date' | 'time',
  value: string,
  text: string,
  chosen: boolean,
  tabStop: boolean,
  describedBy: string,
  invalid = false,
  current = false,
) {
  const part = group === 'date' ? 'day' : 'slot';
  return html`<label class="choice">
    <input
      type="radio"
      name=${group}
      value=${value}
      id=${ifDefined(tabStop ? group : undefined)}
      .checked=${live(chosen)}
      ?disabled=${current}
      aria-invalid=${ifDefined(tabStop && invalid ? 'true' : undefined)}
      aria-describedby=${current ? 'current' : describedBy}
    /><span part=${chosen ? `${part} chosen` : part}>${text}</span>
  </label>`;
}

function dayPicker({ t, locale, days, date, on }: SlotPickerView) {
  const format = dayFormat(locale);
  return html`<fieldset
    class="picker"
    part="field days"
    @change=${on.date}
  >
    <legend part="label">${t.dateLabel}</legend>
    <div class="choices">
      ${days.map((day) =>
        choice('date', day.date, label(format, day.date), day.date === date, day.date === date, 'zone'),
      )}
    </div>
  </fieldset>`;
}

/** Above the times, where they are read before one is chosen: the zone they are in, and a wrong device clock. */
function notes({ t, zone, clockSkewed }: SlotPickerView) {
  return html`<p
      id="zone"
      part="hint"
      class="hint"
    >
      ${withIsolated(t.timeZoneNote, zone)}
    </p>
    ${
      clockSkewed
        ? html`<p
            id="clock"
            part="hint"
            class="hint"
          >
            ${t.clockSkewed}
          </p>`
        : nothing
    }`;
}

function timePicker(view: SlotPickerView) {
  const { t, locale, days, date, slot, timeError, timeDescribedBy, on } = view;
  const slots = days.find((day) => day.date === date)?.slots ?? [];
  const format = timeFormat(locale);
  const current = view.current?.slot;
  const tabStop = slot || slots.find((instant) => instant !== current);
  // The times' box has tabindex -1: Firefox makes a box that scrolls a Tab stop of its own, unnamed,
  // between the day and the times; the radios inside are the stop (arrow keys scroll the chosen one in).
  return html`<fieldset
    class="picker"
    part="field times"
    @change=${on.time}
  >
    <legend part="label">${t.timeLabel}</legend>
    ${notes(view)}
    <div
      class="choices"
      tabindex="-1"
    >
      ${hourGroups(slots, locale).map(
        ({ heading, slots: times }) =>
          html`${
            heading
              ? html`<span
                  part="hour"
                  class="hint"
                  aria-hidden="true"
                  >${heading}</span
                >`
              : nothing
          }${times.map((instant) =>
            choice(
              'time',
              instant,
              label(format, instant),
              instant === slot,
              instant === tabStop,
              timeDescribedBy,
              timeError !== undefined,
              instant === current,
            ),
          )}`,
      )}
    </div>
    ${
      timeError === undefined
        ? nothing
        : html`<p
            id="time-error"
            part="error"
            class="error"
          >
            ${timeError}
          </p>`
    }
  </fieldset>`;
}

/**
 * The day and time pickers, with the notes about the times, rendered again only when what they
 * show changed: a day of 5-minute slots is hundreds of radios, and the form renders on every
 * keystroke in the phone field.
 */
export function slotPicker(view: SlotPickerView) {
  // What the pickers show follows from these (the handlers and the ids described by belong to the form);
  // `t` is one object per language, a new one per render only while the page overrides `messages`.
  const { t, locale, days, date, slot, timeError, zone, clockSkewed, current } = view;
  return guard(
    [t, locale, days, date, slot, timeError, zone, clockSkewed, current?.slot],
    () =>
      html`${
        current
          ? html`<p
              id="current"
              part="hint"
              class="hint"
            >
              ${current.text}
            </p>`
          : nothing
      }${dayPicker(view)}
      ${timePicker(view)}`,
  );
}
