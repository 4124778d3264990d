/**
 * The offline demo: the three widgets answered by the Calls API mock running in a service worker,
 * and a panel that changes the mock's world. Nothing here is needed in production.
 */
import { setupWorker } from 'msw/browser';
import { CALL_STATUSES } from '../src/core/calls.js';
import type { Call } from '../src/core/schemas.js';
import { createCallsApiMock } from '../src/mock/index.js';

const mock = createCallsApiMock();
const worker = setupWorker(...mock.handlers);
await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
// Registered only now, so that the widgets' first requests already reach the mock.
await import('../src/index.js');

const copy = {
  en: {
    navCallback: 'Callback',
    navStatus: 'Your call',
    navAgent: 'Agent view',
    title: 'Locked out? We call you back.',
    intro: 'Pick a time that suits you and one of our locksmiths will call you. Open Monday to Friday, 9:00–17:00 New York time.',
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
    intro: 'ご都合のよい時間を選ぶと、鍵の専門スタッフからお電話します。営業時間はニューヨーク時間の月〜金 9:00〜17:00 です。',
    callbackHeading: '鍵の専門スタッフに相談',
    statusHeading: 'ご予約の通話',
    statusHint: '最新のコールバックの状況です。下のパネルで状況を変えると、このページが最新の内容を渡します。',
    agentHeading: 'エージェント画面: 発信者フラグ',
    agentHint: '本番環境では、認証されたエージェント用ツールの中だけで使います。',
  },
};

const params = new URLSearchParams(location.search);
const panel = document.querySelector<HTMLFormElement>('#panel')!;
const pageStatus = document.querySelector('ccai-call-status')!;
const pageFlags = document.querySelector('ccai-customer-flags')!;
const callLabel = document.querySelector('#panel-call')!;
let latestCallId = 514;

function applyLanguage(lang: 'en' | 'ja'): void {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = copy[lang][node.dataset.i18n as keyof (typeof copy)['en']];
  }
}

function showCall(id: number): void {
  latestCallId = id;
  const call = mock.world.calls[id] as Call | undefined;
  callLabel.textContent = call ? `Call ${id}: ${call.status}` : `Call ${id}`;
  if (call) pageStatus.call = structuredClone(call);
  pageFlags.setAttribute('call-id', String(id));
}

/** The path a call takes in the demo; "next" walks it, any other status jumps to it. */
const journey = ['scheduled', 'queued', 'assigned', 'connecting', 'connected', 'finished'];

function moveCall(target: string): void {
  const call = mock.world.calls[latestCallId] as (Call & Record<string, unknown>) | undefined;
  if (!call) return;
  const now = new Date().toISOString();
  const next = target === 'next' ? journey[Math.min(journey.indexOf(call.status) + 1, journey.length - 1)]! : target;
  if (!CALL_STATUSES.includes(next as (typeof CALL_STATUSES)[number])) return;
  call.status = next;
  if (next === 'queued') call.queued_at = now;
  if (next === 'assigned') {
    call.assigned_at = now;
    call.agent_info = { id: 1, name: 'Admin UJET', first_name: 'Admin', last_name: 'UJET', agent_number: null, avatar_url: null };
  }
  if (next === 'connected') call.connected_at = now;
  if (next === 'finished') call.ends_at = now;
  if (next === 'failed') call.fail_reason = 'eu_no_answer';
  showCall(latestCallId);
}

panel.addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  if (input.name === 'lang') applyLanguage(input.value as 'en' | 'ja');
  if (input.name === 'dark') document.documentElement.classList.toggle('dark', input.checked);
  if (input.name === 'menuState') mock.world.menus[9]!.state = input.value as 'open';
  if (input.name === 'offer') {
    mock.world.languages = [...panel.querySelectorAll<HTMLInputElement>('[name=offer]:checked')].map((box) => box.value);
  }
});

panel.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-status]');
  if (!button) return;
  if (button.dataset.status === 'reset') {
    mock.reset();
    panel.reset();
    applyLanguage('en');
    document.documentElement.classList.remove('dark');
    showCall(514);
    return;
  }
  moveCall(button.dataset.status!);
});

document.addEventListener('ccai-call-scheduled', (event) => showCall(event.detail.call.id));
document.addEventListener('ccai-call-cancelled', (event) => showCall(event.detail.call.id));

showCall(514);

// `?lang=ja&theme=dark` opens the page that way (used for the README's screenshots).
if (params.get('lang') === 'ja') {
  panel.querySelector<HTMLInputElement>('[name=lang][value=ja]')!.checked = true;
  applyLanguage('ja');
}
if (params.get('theme') === 'dark') {
  panel.querySelector<HTMLInputElement>('[name=dark]')!.checked = true;
  document.documentElement.classList.add('dark');
}
