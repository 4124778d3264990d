/** Helpers for the `<ccai-schedule-call>` suite: requests seen, events seen, gated answers, the form by its labels. */
import { fixture, html } from '@open-wc/testing';
import type { CcaiScheduleCall } from '../../../src/elements/schedule-call/schedule-call.js';
import '../../../src/elements/schedule-call/define.js';
import { control, root, until, textOf } from '../../helpers/dom.js';
import { sent, useMockApi as useSharedMockApi } from '../../helpers/mock-api.js';

export const CALLS = '*/apps/api/v1/calls';

/**
 * The API mock for this suite (see test/helpers/mock-api.ts). The form learns the server's time
 * from its answers (`Date`), so the mock's clock follows the suite's, `server.aheadMs` ahead (a
 * test of a wrong device clock moves it); `mock.world.now = …` pins it instead, until the reset.
 * After each test both clocks go back to `NOW`.
 */
export function useMockApi() {
  const api = useSharedMockApi({ onReset: () => ((clock.time = NOW), (server.aheadMs = 0)) });
  let pinned: string | null = null;
  Object.defineProperty(api.mock.world, 'now', {
    get: () => pinned ?? new Date(clock.time + server.aheadMs).toISOString(),
    set: (value: string | null) => (pinned = value),
    configurable: true,
  });
  return api;
}

/** How far the mock server's clock is ahead of the suite's (the device's). */
export const server = { aheadMs: 0 };

/** Monday 3 March 2031, 09:00 in New York (EST): the suite's "now". Far enough ahead for the mock's real clock. */
export const NOW = Date.parse('2031-03-03T14:00:00Z');
/** The first slot offered at `NOW` (09:15 EST: 15 minutes' lead). */
export const FIRST_SLOT = '2031-03-03T14:15:00.000Z';
/** The next slot after it. */
export const SECOND_SLOT = '2031-03-03T14:30:00.000Z';

/** Where `<ccai-schedule-call menu-id="9">` on this origin keeps its bookings. */
export const KEPT_KEY = 'ccai-schedule-call:9::';
/** The bookings kept for that form, newest first (`null`: none). */
export const keptBookings = () =>
  JSON.parse(sessionStorage.getItem(KEPT_KEY) ?? 'null') as
    ({ call: { id: number } } & Record<string, unknown>)[] | null;
/** The newest of them. */
export const kept = () => keptBookings()?.[0] ?? null;

/** The clock every fixture reads; tests move `clock.time`. */
export const clock = { time: NOW, now: () => clock.time };

export { sent };

const isCreate = (request: (typeof sent)[number]) =>
  request.method === 'POST' && new URL(request.url).pathname === '/apps/api/v1/calls';
export const creates = () => sent.filter(isCreate);
export const createBodies = () =>
  Promise.all(creates().map(async (request) => JSON.parse(await request.body) as Record<string, unknown>));
export const cancels = () => sent.filter((request) => request.method === 'PATCH' && request.url.endsWith('/cancel'));

export { collect, gate, stopCollecting } from '../../helpers/events.js';

// --- the form, found the way a visitor finds it: by the labels ---------------------------------

export { control, root, until } from '../../helpers/dom.js';

/** The fields' labels, and the legends of the day and time pickers, in order (not the choices' own labels). */
export function labels(el: CcaiScheduleCall): string[] {
  return [...root(el).querySelectorAll('[part~=label]')].map((label) => textOf(label));
}

export const button = (el: CcaiScheduleCall, text: string) => {
  const found = [...root(el).querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
};
export const buttons = (el: CcaiScheduleCall) =>
  [...root(el).querySelectorAll('button')].map((b) => b.textContent!.trim());
export const alertText = (el: CcaiScheduleCall) => textOf(root(el).querySelector('[role=alert]'))?.trim() ?? '';
/** The confirmation's message, as read. */
export const message = (el: CcaiScheduleCall) => textOf(root(el).querySelector('.message'));
export const statusText = (el: CcaiScheduleCall) => textOf(root(el).querySelector('form > [role=status]'));
export const focused = (el: CcaiScheduleCall) => root(el).activeElement;
export const phoneOf = (el: CcaiScheduleCall) => control<HTMLInputElement>(el, 'Phone number');

/** How the confirmation names a time: in the browser's zone, with the zone. */
export function whenText(instant: string, locale = 'en'): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  return new Intl.DateTimeFormat(locale, options).format(Date.parse(instant));
}

/** The error shown for a control: the element its `aria-describedby` names that is an error. */
export function errorOf(el: CcaiScheduleCall, input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return (
    ids
      .map((id) => root(el).getElementById(id))
      .find((node) => node?.matches('[part~=error]'))
      ?.textContent?.trim() ?? ''
  );
}

export function choose(select: HTMLSelectElement, value: string): void {
  if (![...select.options].some((option) => option.value === value)) throw new Error(`no option ${value}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

// --- the day and time pickers (picker.helpers.ts: no mock, for suites that need none) ------

export { choiceText, choices, chosen, offered, pick, tabStop } from './picker.helpers.js';
import { pick } from './picker.helpers.js';

/**
 * Focuses a control and reports it: the runner runs test files side by side, and a page in the
 * background gets no focus events from `focus()`.
 */
export function focusOn(control: HTMLElement): void {
  control.focus();
  control.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
}

/** Types into the phone field as one edit (as a paste or autofill would). */
export function typeInto(input: HTMLInputElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
}

/** Waits until the phone metadata has loaded (the country list is complete). */
export async function phoneReady(el: CcaiScheduleCall, countryLabel = 'Country'): Promise<void> {
  await until(() => control(el, countryLabel).options.length > 100, 'the phone metadata did not load');
}

/** The element on the suite's clock, with opening hours 09:00–17:00 New York time every day; `lang` wraps it in `<div lang>`. */
export async function scheduleCall(attributes = 'menu-id="9"', lang?: string): Promise<CcaiScheduleCall> {
  // Made and put on the suite's clock before it is connected, so that its first render already sees
  // the suite's "now": on the real clock, a form with opening hours could find itself open and read
  // the menu's wait (a test of a closed form failed so, run at 10:10 in New York).
  const maker = document.createElement('div');
  maker.innerHTML = `<ccai-schedule-call ${attributes} timezone="America/New_York" days="mon-sun" default-country="US"></ccai-schedule-call>`;
  const made = maker.firstElementChild as CcaiScheduleCall;
  made.clock = clock;
  // The element itself is the fixture (with `lang` on its parent), so that `fixture` awaits its
  // update rather than an animation frame, which never comes in a background tab.
  const parentNode = document.createElement('div');
  if (lang) parentNode.lang = lang;
  const el = await fixture<CcaiScheduleCall>(html`${made}`, { parentNode });
  await el.updateComplete;
  return el;
}

/** Fills a valid form: a US number and the first slot (or `slot`, on the first day). */
export async function fillValid(el: CcaiScheduleCall, phone = '(201) 555-0123', slot = FIRST_SLOT): Promise<void> {
  typeInto(control<HTMLInputElement>(el, 'Phone number'), phone);
  await phoneReady(el);
  pick(el, slot);
  await el.updateComplete;
}

export async function submit(el: CcaiScheduleCall, label = 'Schedule call'): Promise<void> {
  button(el, label).click();
  await el.updateComplete;
}

/** A booking of the first slot, confirmed. */
export async function booked(attributes?: string): Promise<CcaiScheduleCall> {
  const el = await scheduleCall(attributes);
  await fillValid(el);
  await submit(el);
  await until(() => root(el).querySelector('[part=confirmation]'), 'no confirmation');
  return el;
}

/** The page reloaded: this element goes, a new one with the same attributes comes. */
export async function reload(el: CcaiScheduleCall, attributes?: string): Promise<CcaiScheduleCall> {
  el.remove();
  return scheduleCall(attributes);
}
