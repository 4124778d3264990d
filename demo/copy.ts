/**
 * The demo page's own words, page and panel, in the two languages the widgets ship: the page
 * speaks the language of its `<html lang>`, as the widgets do. Nodes name their key in
 * `data-i18n`; what the page writes itself (the latest call, the intro in `npm start`) is a function
 * or a key of its own.
 */
export type PageLanguage = 'en' | 'ja';

export const copy = {
  en: {
    navCallback: 'Callback',
    navStatus: 'Your call',
    navAgent: 'Agent view',
    title: 'Locked out? We call you back.',
    intro: 'Pick a time that suits you, or ask us to call you now, and one of our locksmiths will call you.',
    callbackHeading: 'Talk to a locksmith',
    statusHeading: 'Your call',
    statusHint: 'The status of your latest callback, pushed in by this page whenever the panel below changes it.',
    agentHeading: 'Agent view: caller flags',
    agentHint: 'In production this belongs only in an agent’s authenticated tool.',
    footer: 'Lock Star is a fictional locksmith. Built with ccai-widgets; no CCAI tenant involved.',
    footerTenant:
      'Lock Star is a fictional locksmith. Built with ccai-widgets, answered by your CCAI Platform tenant through the gateway.',
    agentHintTenant: 'Customer flags need an agent login, which this demo does not have in front of a real tenant.',
    statusHintTenant: 'The status of your latest callback, read through the gateway.',
    panelHeading: 'Demo panel: the mock API’s world',
    panelIntro: 'Everything on this page is answered by an in-browser mock of the Calls API. Change its world here.',
    panelIntroChain:
      'This page talks to a gateway (/apps/api on this origin), which calls a mock tenant over HTTP. Changes here reach the mock tenant through the dev server.',
    pageLegend: 'Page',
    darkTheme: 'Dark theme (follows your system; set on the page, inherited through --ccai-*)',
    hoursLegend: 'Opening hours of the booking form',
    hoursAlways: 'Always open, so “Call me now” can be tried at any hour',
    hoursOffice: 'Monday to Friday, 9:00–17:00 New York time',
    menuLegend: 'Menu 9 “Lock Star”',
    menuOpen: 'Open',
    menuAfterHours: 'After hours',
    menuRedirection: 'Manual redirection',
    waitLabel: 'Wait for “Call me now” (minutes)',
    waitHint: 'What GET /wait_times says for this menu’s voice calls.',
    languagesLegend: 'Languages the tenant offers',
    callLegend: 'Latest call',
    callHint:
      '“Your call” above is pushed each change at once. The status inside the booking confirmation reads the server on its own budgeted schedule (rarely while the call is far away), as it would in production.',
    nextStatus: 'Next status',
    failIt: 'Fail it',
    resetWorld: 'Reset world',
    resetHint: 'Reset world also clears the booking form, and the booking it keeps for a reload.',
    call: (id: number, status?: string) => (status ? `Call ${id}: ${status}` : `Call ${id}`),
  },
  ja: {
    navCallback: 'コールバック',
    navStatus: 'ご予約の通話',
    navAgent: 'エージェント画面',
    title: '鍵を閉じ込めてしまいましたか? こちらからお電話します。',
    intro: 'ご都合のよい時間を選ぶか、今すぐの電話をご依頼いただくと、鍵の専門スタッフからお電話します。',
    callbackHeading: '鍵の専門スタッフに相談',
    statusHeading: 'ご予約の通話',
    statusHint: '最新のコールバックの状況です。下のパネルで状況を変えると、このページが最新の内容を渡します。',
    agentHeading: 'エージェント画面: 発信者フラグ',
    agentHint: '本番環境では、認証されたエージェント用ツールの中だけで使います。',
    footer: 'Lock Star は架空の鍵屋です。ccai-widgets で作られており、CCAI テナントは使っていません。',
    footerTenant:
      'Lock Star は架空の鍵屋です。ccai-widgets で作られており、ゲートウェイを通じてお使いの CCAI Platform テナントが応答します。',
    agentHintTenant:
      '顧客フラグにはエージェントのログインが必要ですが、このデモは実際のテナントの前ではログインしていません。',
    statusHintTenant: '最新のコールバックの状況です。ゲートウェイを通じて読み込みます。',
    panelHeading: 'デモ用パネル: モック API の世界',
    panelIntro:
      'このページへの応答はすべて、ブラウザー内で動く Calls API のモックが返しています。ここでその世界を変えられます。',
    panelIntroChain:
      'このページはゲートウェイ(このオリジンの /apps/api)と通信し、ゲートウェイが HTTP でモックのテナントを呼び出します。ここでの変更は開発サーバーを通じてモックのテナントに届きます。',
    pageLegend: 'ページ',
    darkTheme: 'ダークテーマ(システムの設定に従います。ページで設定し、--ccai-* で引き継ぎます)',
    hoursLegend: '予約フォームの受付時間',
    hoursAlways: '常に受付中(「今すぐ電話」をいつでも試せます)',
    hoursOffice: 'ニューヨーク時間の月〜金 9:00〜17:00',
    menuLegend: 'メニュー 9「Lock Star」',
    menuOpen: '営業中',
    menuAfterHours: '営業時間外',
    menuRedirection: '手動転送',
    waitLabel: '「今すぐ電話」の待ち時間(分)',
    waitHint: 'このメニューの音声通話について GET /wait_times が返す値です。',
    languagesLegend: 'テナントが提供する言語',
    callLegend: '最新の通話',
    callHint:
      '上の「ご予約の通話」には変更のたびにすぐ反映されます。予約確認の中の状況は、本番と同じく、割り当てられた間隔でサーバーに問い合わせます(通話がまだ先のうちはまれにしか問い合わせません)。',
    nextStatus: '次の状況へ',
    failIt: '失敗させる',
    resetWorld: '世界をリセット',
    resetHint: '世界をリセットすると、予約フォームと、再読み込みのために保存された予約も消えます。',
    call: (id: number, status?: string) => (status ? `通話 ${id}: ${status}` : `通話 ${id}`),
  },
} satisfies Record<PageLanguage, Record<string, string | ((id: number, status?: string) => string)>>;

export type CopyKey = {
  [K in keyof (typeof copy)['en']]: (typeof copy)['en'][K] extends string ? K : never;
}[keyof (typeof copy)['en']];

/** The page's language as the widgets read it: Japanese for `ja` and `ja-*`, English otherwise. */
export const pageLanguage = (): PageLanguage =>
  document.documentElement.lang.toLowerCase().split('-')[0] === 'ja' ? 'ja' : 'en';
