/**
 * The demo page, in one of three modes:
 * - static (`npm run start:static`, `npm run build:demo`): the Calls API mock runs in the page
 *   through MSW's service worker, and the panel changes its world directly; the world is kept in
 *   the tab's `sessionStorage` over a reload (Reset world starts it afresh);
 * - `mock-tenant` (`npm start`): nothing is mocked in the page. The widgets talk to
 *   `/apps/api/v1/…` on this origin, which the dev server sends to the gateway, which calls the
 *   mock tenant over HTTP; the panel changes the tenant's world through the dev server's
 *   `/__demo/world` (scripts/start.mjs);
 * - `tenant` (`npm start` with a real tenant's credentials): the same chain to a real tenant; no
 *   panel and no agent view, as neither has anything to change or show there.
 * Nothing here is needed in production.
 */
import type { Call } from '../src/core/schemas.js';
import { copy, pageLanguage, type CopyKey, type PageLanguage } from './copy.js';
import { applyWorldPatch, panelWorldOf, type PanelWorld, type WorldPatch } from './world.js';

/** Set by scripts/start.mjs (a Vite `define`); absent in the static demo. */
declare const __CCAI_DEMO_CHAIN__: 'mock-tenant' | 'tenant';
const chain = typeof __CCAI_DEMO_CHAIN__ === 'undefined' ? undefined : __CCAI_DEMO_CHAIN__;

/** What a panel change answers: the call asked about, and the world as the panel shows it. */
interface WorldAnswer {
  call?: Call;
  world: PanelWorld;
}

/** Applies a panel change (an empty one only asks); `undefined` with a real tenant. */
type ChangeWorld = (patch: WorldPatch) => Promise<WorldAnswer>;

async function staticWorld(): Promise<ChangeWorld> {
  const [{ setupWorker }, { createCallsApiMock }] = await Promise.all([
    import('msw/browser'),
    import('../src/mock/index.js'),
  ]);
  const mock = createCallsApiMock();
  // The world lives in the page: kept in this tab's sessionStorage so that a reload finds the calls
  // the booking form keeps (its own sessionStorage) still there, as a tenant would have them.
  const WORLD_KEY = 'ccai-demo:world';
  const save = () => {
    try {
      sessionStorage.setItem(WORLD_KEY, JSON.stringify(mock.world));
    } catch {
      // Disabled or full: the world starts afresh on the next reload, as it did before.
    }
  };
  try {
    const saved = sessionStorage.getItem(WORLD_KEY);
    if (saved) Object.assign(mock.world, JSON.parse(saved) as typeof mock.world);
  } catch {
    // Unreadable: the initial world.
  }
  const worker = setupWorker(...mock.handlers);
  worker.events.on('response:mocked', save);
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  return async (patch) => {
    const call = structuredClone(applyWorldPatch(mock, patch));
    save();
    return { call, world: panelWorldOf(mock) };
  };
}

async function tenantWorld(): Promise<ChangeWorld | undefined> {
  // The static demo may have left its worker on this origin (same port); it must not answer here.
  const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
  await Promise.all(registrations.map((registration) => registration.unregister()));
  if (chain === 'tenant') return undefined;
  return async (patch) => {
    const response = await fetch('/__demo/world', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(patch),
    });
    if (!response.ok)
      throw new Error(`The demo server refused the change: ${response.status} ${await response.text()}`);
    return (await response.json()) as WorldAnswer;
  };
}

const changeWorld = chain ? await tenantWorld() : await staticWorld();
const pageStatus = document.querySelector('ccai-call-status')!;
const pageFlags = document.querySelector('ccai-customer-flags')!;
if (chain) {
  // Call 514 has no capability from this gateway: "Your call" waits for a booking instead.
  pageStatus.removeAttribute('call-id');
  document.querySelector<HTMLElement>('#panel-intro')!.dataset.i18n = 'panelIntroChain';
}
if (chain === 'tenant') {
  document.querySelector('.panel')!.remove();
  pageFlags.remove();
  const say = (selector: string, key: CopyKey) => (document.querySelector<HTMLElement>(selector)!.dataset.i18n = key);
  say('#agent .hint', 'agentHintTenant');
  say('#status .hint', 'statusHintTenant');
  say('.site-footer p', 'footerTenant');
}
// Registered only now, so that the widgets' first requests already reach the mock (or find no
// leftover worker in their way).
await import('../src/index.js');

const params = new URLSearchParams(location.search);
const panel = document.querySelector<HTMLFormElement>('#panel');
const callLabel = document.querySelector('#panel-call');
/** The call the page starts with, shown in "Your call" and the agent view until one is booked. */
const FIRST_CALL = 514;
/**
 * The latest call booked in this tab, kept over a reload as the form keeps its booking (and as
 * the world keeps the call), so that the panel goes on moving that call after a reload, not 514.
 */
const LATEST_CALL_KEY = 'ccai-demo:latest-call';
let latestCallId = FIRST_CALL;
/** The latest call's status as the panel last heard it, said again when the language changes. */
let latestStatus: string | undefined;

/** The page and its panel in `lang`, as the widgets are (they follow `<html lang>` themselves). */
function applyLanguage(lang: PageLanguage): void {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = copy[lang][node.dataset.i18n as CopyKey];
  }
  showLatestCall();
}

function showLatestCall(): void {
  if (callLabel) callLabel.textContent = copy[pageLanguage()].call(latestCallId, latestStatus);
}

/**
 * Applies a panel change; the call it answers with is pushed into "Your call" at once, and the
 * panel shows the world as the answer has it (on the first, empty change too: after a reload the
 * world is the one kept from before, not the panel's defaults).
 */
async function change(patch: WorldPatch): Promise<void> {
  if (!changeWorld) return;
  const { call, world } = await changeWorld({ ...patch, callId: latestCallId });
  showWorld(world);
  latestStatus = call?.status;
  showLatestCall();
  if (call) pageStatus.call = call;
}

/** The panel's menu, wait and languages as the world has them (a wait being typed in is left alone). */
function showWorld(world: PanelWorld): void {
  if (!panel) return;
  for (const input of panel.querySelectorAll<HTMLInputElement>('[name=menuState]'))
    input.checked = input.value === world.menuState;
  for (const input of panel.querySelectorAll<HTMLInputElement>('[name=offer]'))
    input.checked = world.languages.includes(input.value);
  const wait = panel.querySelector<HTMLInputElement>('[name=waitMinutes]');
  if (wait && wait !== document.activeElement) wait.value = String(world.waitMinutes);
}

/**
 * A fresh booking form: the world it booked in is gone, so is its booking (also the copy it keeps
 * in `sessionStorage` for a reload). A new element with the same attributes is a form as first shown.
 */
function resetBookingForm(): void {
  for (const key of Object.keys(sessionStorage))
    if (key.startsWith('ccai-schedule-call:')) sessionStorage.removeItem(key);
  const form = document.querySelector('ccai-schedule-call');
  form?.replaceWith(form.cloneNode());
}

/**
 * The booking form's own opening hours (its `hours` and `days`, in New York time): always open by
 * default, so that "Call me now" can be tried whenever the demo is opened; office hours to see
 * what a visitor sees while closed. Independent of the mock menu's state.
 */
const FORM_HOURS = {
  always: { hours: '00:00-24:00', days: 'mon-sun' },
  office: { hours: '09:00-17:00', days: 'mon-fri' },
} as const;

function applyFormHours(choice: keyof typeof FORM_HOURS): void {
  const form = document.querySelector('ccai-schedule-call');
  form?.setAttribute('hours', FORM_HOURS[choice].hours);
  form?.setAttribute('days', FORM_HOURS[choice].days);
}

/** The page's scheme, with the widgets' through `--ccai-*` (demo.css), and the panel's box showing it. */
function setDark(dark: boolean): void {
  document.documentElement.classList.toggle('dark', dark);
  const box = panel?.querySelector<HTMLInputElement>('[name=dark]');
  if (box) box.checked = dark;
}

const osDark = matchMedia('(prefers-color-scheme: dark)');
const followOsScheme = () => setDark(osDark.matches);

function keepLatestCall(id: number): void {
  try {
    if (id === FIRST_CALL) sessionStorage.removeItem(LATEST_CALL_KEY);
    else sessionStorage.setItem(LATEST_CALL_KEY, String(id));
  } catch {
    // Disabled or full: a reload starts from call 514 again, as it did before.
  }
}

function keptLatestCall(): number {
  try {
    const id = Number(sessionStorage.getItem(LATEST_CALL_KEY));
    return Number.isSafeInteger(id) && id > 0 ? id : FIRST_CALL;
  } catch {
    return FIRST_CALL;
  }
}

/**
 * On load: the call booked in this tab before a reload (the static demo's "Your call" reads it; in
 * `npm start` it has no capability for it and shows it as pushed in), else 514. A kept call the
 * world no longer has (`npm start` restarted, say) is forgotten.
 */
async function showKeptCall(): Promise<void> {
  const kept = keptLatestCall();
  if (kept !== FIRST_CALL && !chain) pageStatus.setAttribute('call-id', String(kept));
  await showCall(kept);
  if (kept === FIRST_CALL || latestStatus !== undefined) return;
  if (!chain) pageStatus.setAttribute('call-id', String(FIRST_CALL));
  await showCall(FIRST_CALL);
}

function showCall(id: number): Promise<void> {
  latestCallId = id;
  keepLatestCall(id);
  pageFlags.setAttribute('call-id', String(id));
  return change({});
}

panel?.addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  if (input.name === 'lang') applyLanguage(input.value as 'en' | 'ja');
  if (input.name === 'dark') setDark(input.checked);
  if (input.name === 'formHours') applyFormHours(input.value as keyof typeof FORM_HOURS);
  if (input.name === 'menuState') void change({ menuState: input.value as WorldPatch['menuState'] });
  if (input.name === 'waitMinutes' && input.validity.valid && input.value !== '')
    void change({ waitMinutes: input.valueAsNumber });
  if (input.name === 'offer')
    void change({
      languages: [...panel.querySelectorAll<HTMLInputElement>('[name=offer]:checked')].map((box) => box.value),
    });
});

// Enter in the wait field would submit the panel, and the page would reload: its change is all there is.
panel?.addEventListener('submit', (event) => event.preventDefault());

panel?.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-status]');
  if (!button) return;
  if (button.dataset.status === 'reset') {
    panel.reset();
    resetBookingForm();
    applyFormHours('always');
    applyLanguage('en');
    followOsScheme();
    // Back to the earlier call 514, which this page shows as pushed in, without reading it.
    pageStatus.callId = chain ? undefined : FIRST_CALL;
    pageStatus.capability = undefined;
    latestCallId = FIRST_CALL;
    keepLatestCall(FIRST_CALL);
    pageFlags.setAttribute('call-id', String(FIRST_CALL));
    void change({ reset: true });
    return;
  }
  void change({ move: button.dataset.status! });
});

document.addEventListener('ccai-call-scheduled', (event) => {
  const { call, capability } = event.detail;
  // "Your call" reads the new call itself (through the gateway: with the capability it gave).
  pageStatus.capability = capability;
  pageStatus.callId = call.id;
  latestCallId = call.id;
  keepLatestCall(call.id);
  pageFlags.setAttribute('call-id', String(call.id));
  latestStatus = call.status;
  showLatestCall();
});
document.addEventListener('ccai-call-cancelled', (event) => {
  if (changeWorld) void showCall(event.detail.call.id);
  else pageStatus.call = event.detail.call;
});

void showKeptCall();

// `?lang=ja&theme=dark` opens the page that way (used for the README's screenshots); else the page's `lang`.
const initial: PageLanguage = params.get('lang') === 'ja' ? 'ja' : pageLanguage();
const languageChoice = panel?.querySelector<HTMLInputElement>(`[name=lang][value=${initial}]`);
if (languageChoice) languageChoice.checked = true;
applyLanguage(initial);
// Dark theme follows the OS scheme (and its changes) unless `?theme=` or the panel's box says otherwise.
const theme = params.get('theme');
if (theme === 'dark' || theme === 'light') setDark(theme === 'dark');
else followOsScheme();
osDark.addEventListener('change', () => setDark(osDark.matches));
