/**
 * The English copy a widget shows before it is used (see `LocalizeController#loading`): the
 * form's labels, the status's heading, what a page that only shows the widgets needs, in the
 * page's first load. The rest is in `en-later.ts`; `en.ts` joins them and defines `Messages`.
 */
export const enShown = {
  // --- shared ------------------------------------------------------------------------------
  loading: 'Loading…',
  errorNetwork: 'We could not reach the server. Check your connection and try again.',

  // --- <ccai-schedule-call> ----------------------------------------------------------------
  scheduleLegend: 'Schedule a callback',
  countryLabel: 'Country',
  phoneLabel: 'Phone number',
  phoneHint: 'We will call this number.',
  dateLabel: 'Date',
  timeLabel: 'Time',
  languageLabel: 'Language',
  consentLabel: 'Allow this call to be recorded',
  submit: 'Schedule call',
  timeZoneNote: (zone: string) => `Times are shown in your time zone: ${zone}.`,
  noSlotsAtAll: 'No callback times are available in the coming days.',
  serverConfig: 'This callback form is not set up correctly. Please contact us another way.',

  // --- <ccai-call-status> ------------------------------------------------------------------
  statusHeading: 'Call status',
};
