/**
 * The demo page, in one of three modes:
 * - static (`npm run start:static`, `npm run build:demo`): the Calls API mock runs in the page
 *   through MSW's service worker, and the panel changes its world directly;
 * - `mock-tenant` (`npm start`): nothing is mocked in the page. The widgets talk to
 *   `/apps/api/v1/…` on this origin, which the dev server sends to the gateway, which calls the
 *   mock tenant over HTTP; the panel changes the tenant's world through the dev server's
 *   `/__demo/world` (scripts/start.mjs);
 * - `tenant` (`npm start` with a real tenant's credentials): the same chain to a real tenant; no
 *   panel and no agent view, as neither has anything to change or show there.
 * Nothing here is needed in production.
 */
import type { Call } from '../src/core/schemas.js';
import { applyWorldPatch, type WorldPatch } from './world.js';

/** Set by scripts/start.mjs (a Vite `define`); absent in the static demo. */
declare const __CCAI_DEMO_CHAIN__: 'mock-tenant' | 'tenant';
const chain = typeof __CCAI_DEMO_CHAIN__ === 'undefined' ? undefined : __CCAI_DEMO_CHAIN__;

/** Applies a panel change and answers with the call asked about; `undefined` with a real tenant. */
type ChangeWorld = (patch: WorldPatch) => Promise<Call | undefined>;

async function staticWorld(): Promise<ChangeWorld> {
  const [{ setupWorker }, { createCallsApiMock }] = await Promise.all([
    import('msw/browser'),
    import('../src/mock/index.js'),
  ]);
  const mock = createCallsApiMock();
  await setupWorker(...mock.handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
  return async (patch) => structuredClone(applyWorldPatch(mock, patch));
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
    return ((await response.json()) as { call?: Call }).call;
  };
}

const changeWorld = chain ? await tenantWorld() : await staticWorld();
const pageStatus = document.querySelector('ccai-call-status')!;
const pageFlags = document.querySelector('ccai-customer-flags')!;
if (chain) {
  // Call 514 has no capability from this gateway: "Your call" waits for a booking instead.
  pageStatus.removeAttribute('call-id');
  document.querySelector('#panel-intro')!.textContent =
    'This page talks to a gateway (/apps/api on this origin), which calls a mock tenant over HTTP. Changes here reach the mock tenant through the dev server.';
}
if (chain === 'tenant') {
  document.querySelector('.panel')!.remove();
  pageFlags.remove();
  const said = (selector: string, text: string) => {
    const node = document.querySelector<HTMLElement>(selector)!;
    delete node.dataset.i18n;
    node.textContent = text;
  };
  said('#agent .hint', 'Customer flags need an agent login, which this demo does not have in front of a real tenant.');
  said('#status .hint', 'The status of your latest callback, read through the gateway.');
  document.querySelector('.site-footer p')!.textContent =
    'Lock Star is a fictional locksmith. Built with ccai-widgets, answered by your CCAI Platform tenant through the gateway.';
}
// Registered only now, so that the widgets' first requests already reach the mock (or find no
// leftover worker in their way).
await import('../src/index.js');

const copy = {
  en: {
    navCallback: 'Callback',
    navStatus: 'Your call',
    navAgent: 'Agent view',
    title: 'Locked out? We call you back.',
    intro:
      'Pick a time that suits you and one of our locksmiths will call you. Open Monday to Friday, 9:00–17:00 New York time.',
    callbackHeading: 'Talk to a locksmith',
    statusHeading: 'Your call',
    statusHint: 'The status of your latest callback, pushed in by this page whenever the panel below changes it.',
    agentHeading: 'Agent view: caller flags',
    agentHint: 'In production this belongs only in an agent’s authenticated tool.',
  },
  ja: {
    navCallback: 'コールバック',
    navStatus: 'ご予約の通話',
    navAgent: 'エージェント画面',
    title: '鍵を閉じ込めてしまいましたか? こちらからお電話します。',
    intro:
      'ご都合のよい時間を選ぶと、鍵の専門スタッフからお電話します。営業時間はニューヨーク時間の月〜金 9:00〜17:00 です。',
    callbackHeading: '鍵の専門スタッフに相談',
    statusHeading: 'ご予約の通話',
    statusHint: '最新のコールバックの状況です。下のパネルで状況を変えると、このページが最新の内容を渡します。',
    agentHeading: 'エージェント画面: 発信者フラグ',
    agentHint: '本番環境では、認証されたエージェント用ツールの中だけで使います。',
  },
};

const params = new URLSearchParams(location.search);
const panel = document.querySelector<HTMLFormElement>('#panel');
const callLabel = document.querySelector('#panel-call');
let latestCallId = 514;

function applyLanguage(lang: 'en' | 'ja'): void {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = copy[lang][node.dataset.i18n as keyof (typeof copy)['en']];
  }
}

/** Applies a panel change; the call it answers with is pushed into "Your call" at once. */
async function change(patch: WorldPatch): Promise<void> {
  const call = await changeWorld?.({ ...patch, callId: latestCallId });
  if (callLabel) callLabel.textContent = call ? `Call ${latestCallId}: ${call.status}` : `Call ${latestCallId}`;
  if (call) pageStatus.call = call;
}

function showCall(id: number): Promise<void> {
  latestCallId = id;
  pageFlags.setAttribute('call-id', String(id));
  return change({});
}

panel?.addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  if (input.name === 'lang') applyLanguage(input.value as 'en' | 'ja');
  if (input.name === 'dark') document.documentElement.classList.toggle('dark', input.checked);
  if (input.name === 'menuState') void change({ menuState: input.value as WorldPatch['menuState'] });
  if (input.name === 'offer')
    void change({
      languages: [...panel.querySelectorAll<HTMLInputElement>('[name=offer]:checked')].map((box) => box.value),
    });
});

panel?.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-status]');
  if (!button) return;
  if (button.dataset.status === 'reset') {
    panel.reset();
    applyLanguage('en');
    document.documentElement.classList.remove('dark');
    // Back to the earlier call 514, which this page shows as pushed in, without reading it.
    pageStatus.callId = chain ? undefined : 514;
    pageStatus.capability = undefined;
    latestCallId = 514;
    pageFlags.setAttribute('call-id', '514');
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
  pageFlags.setAttribute('call-id', String(call.id));
  if (callLabel) callLabel.textContent = `Call ${call.id}: ${call.status}`;
});
document.addEventListener('ccai-call-cancelled', (event) => {
  if (changeWorld) void showCall(event.detail.call.id);
  else pageStatus.call = event.detail.call;
});

void showCall(514);

// `?lang=ja&theme=dark` opens the page that way (used for the README's screenshots).
if (params.get('lang') === 'ja') {
  const japanese = panel?.querySelector<HTMLInputElement>('[name=lang][value=ja]');
  if (japanese) japanese.checked = true;
  applyLanguage('ja');
}
if (params.get('theme') === 'dark') {
  const dark = panel?.querySelector<HTMLInputElement>('[name=dark]');
  if (dark) dark.checked = true;
  document.documentElement.classList.add('dark');
}
