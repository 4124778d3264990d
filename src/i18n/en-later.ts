import type { Plural } from './plural.js';

/**
 * The English copy a widget shows only once it is used: errors, the confirmation, "call me now",
 * Change time, the calendar, the status's words and details, the customer flags. Loaded then (a
 * chunk of its own), before the first render that may show it; `en-shown.ts` has the rest. Handed
 * `plural` as the other lazy catalogues are (see `plural.ts`).
 */
export const enLater = (plural: Plural) => ({
  // --- shared ------------------------------------------------------------------------------
  tryAgain: 'Try again',
  errorTimeout: 'The server took too long to answer. Please try again.',
  errorServer: 'Something went wrong on our side. Please try again in a moment.',
  errorRateLimited: 'Too many requests right now. Please wait a moment and try again.',
  errorParse: 'We received an answer we could not read. Please try again.',
  errorNotFound: 'We could not find this call.',
  /** Shown for a server message we have no friendly text for; the message itself follows. */
  errorUnknown: 'The request was refused:',

  // --- <ccai-schedule-call> ----------------------------------------------------------------
  submitting: 'Scheduling…',
  phoneRequired: 'Enter your phone number.',
  phoneInvalid: 'Enter a complete phone number, including the area code.',
  phoneTooShort: 'This phone number is too short.',
  phoneTooLong: 'This phone number is too long.',
  phoneNeedsCountry: 'Choose a country, or start the number with + and the country code.',
  slotRequired: 'Choose a time.',
  slotPast: 'That time has passed. Choose a later time.',
  slotTooSoon: (minutes: number) =>
    plural('en', minutes, {
      one: 'Choose a time at least # minute from now.',
      other: 'Choose a time at least # minutes from now.',
    }),
  languageInvalid: 'Choose one of the offered languages.',
  fixErrors: 'Please correct the highlighted fields.',
  serverClosed: 'We are closed right now and cannot take callback requests. Please try again during opening hours.',
  serverUnavailable: 'Callbacks are unavailable at the moment. Please try again later.',
  serverLanguage: 'This language is not available for calls. Choose another language.',
  confirmation: (when: string) => `Your call is scheduled for ${when}.`,
  /** The confirmation once its call has ended (a final status): no longer upcoming. */
  confirmationEnded: (when: string) => `Your call was scheduled for ${when}.`,
  cancelCall: 'Cancel call',
  cancelling: 'Cancelling…',
  cancelled: 'Your call has been cancelled.',
  /** Cancel call came too late: the call had already moved on (the server answered with its status). */
  notCancelled: 'This call can no longer be cancelled.',
  scheduleAnother: 'Schedule another call',
  scheduleAccepted: 'We have received your request. We will confirm the time with you.',
  /** A create whose outcome is unknown: sending it again could book a second call, so no "try again". */
  createTimedOut:
    'The server took too long to answer, so your call may already be scheduled. If no one calls you at the chosen time, please book again.',
  createUnreadable:
    'We could not read the server’s answer, so your call may already be scheduled. If no one calls you at the chosen time, please book again.',
  /** A create cut off after it may have left (not offline before): it may have been booked, so no "try again". */
  createLost:
    'The connection was lost after your request was sent, so your call may already be scheduled. If no one calls you at the chosen time, please book again.',
  /**
   * A reload came while a booking was being sent (its answer never arrived here): the call may exist.
   * On the form, or above the kept call when the booking was its Change time or another call.
   */
  createInterrupted:
    'The page was reloaded while your booking was being sent, so that call may already be scheduled. Book again only if no one calls you at the time you chose.',
  /** A kept booking whose call the backend no longer knows (404): forgotten, and the form shown. */
  keptNotFound: 'We can no longer find the call you booked, so it can no longer be changed or cancelled here.',
  /** Above the list of the form's other bookings, under the confirmation. */
  earlierCalls: 'You also have these calls',
  /** The device clock is minutes or hours off the server's: the times offered follow the server's. */
  clockSkewed:
    'Your device’s clock seems to be wrong, so the times offered follow our clock. Please check the time on your device.',
  // "Call me now" (`modes`), Change time and Add to calendar.
  modeLegend: 'When should we call you?',
  modeNow: 'Call me now',
  modeLater: 'Schedule for later',
  callNowSubmit: 'Call me now',
  callingNow: 'Requesting your call…',
  waitChecking: 'Checking the wait time…',
  /** `duration` comes from `Intl.NumberFormat` (e.g. "4 minutes"), plural included. */
  waitAbout: (duration: string) => `Estimated wait: about ${duration}.`,
  waitUnderMinute: 'Estimated wait: less than a minute.',
  waitUnknown: 'We will call you as soon as an agent is free.',
  nowClosed: 'We are closed right now, so we cannot call you straight away.',
  nowNoAgents: 'No one is available to take a call right now.',
  callNowConfirmation: 'You are in the queue. We will call you shortly.',
  changeTime: 'Change time',
  changeLegend: 'Choose a new time for your call',
  changeSubmit: 'Move my call',
  changing: 'Moving your call…',
  keepTime: 'Keep the current time',
  changedTo: (when: string) => `Your call has been moved to ${when}.`,
  changeCancelling: (when: string) => `Cancelling your call of ${when}…`,
  changeBothCalls: (when: string) =>
    `Your new call is booked, but we could not cancel your call of ${when}, so you now have both calls.`,
  cancelOldCall: (when: string) => `Cancel the call of ${when}`,
  addToCalendar: 'Add to calendar',
  calendarSummary: 'Callback from our support team',
  calendarDescription: (page: string) => `We will call you at this time. To change or cancel the call, go to ${page}`,
  /** A "Call me now" call that has reached a final status (its status element beside says which). */
  callNowEnded: 'This call has ended.',
  /** Above Change time's picker: the time the call has now (that slot is not offered). */
  changeCurrent: (when: string) => `Your call is now on ${when}.`,
  // --- <ccai-call-status> ------------------------------------------------------------------
  statusNames: {
    selecting: 'Choosing a topic',
    queued: 'Waiting for an agent',
    assigned: 'An agent has been assigned',
    connecting: 'Connecting',
    connected: 'Connected',
    finished: 'Call ended',
    failed: 'Call failed',
    switching: 'Reconnecting',
    recovered: 'A new call replaced this one',
    scheduled: 'Scheduled',
    action_only: 'In progress',
    action_only_finished: 'Call ended',
    deflected: 'Redirected',
    voicemail: 'Leaving a voicemail',
    voicemail_received: 'Voicemail received',
    voicemail_read: 'Voicemail heard',
    cancelled: 'Cancelled',
    completed: 'Completed',
  } as Record<string, string>,
  scheduledFor: (when: string) => `Scheduled for ${when}`,
  agentName: (name: string) => `Agent: ${name}`,
  failReason: (reason: string) => `Reason: ${reason}`,
  failReasons: {
    eu_canceled: 'the call was cancelled',
    eu_rejected: 'the call was declined',
    eu_abandoned: 'the call was hung up before an agent answered',
    eu_busy: 'the line was busy',
    eu_no_answer: 'there was no answer',
    eu_wrong_number: 'the number could not be reached',
    expired: 'no agent was available in time',
    unknown: 'unknown',
  } as Record<string, string>,
  statusUnavailable: 'The call status is not available right now.',
  /** Follows `statusUnavailable` while the element keeps trying by itself. */
  statusRetrying: 'We will keep checking.',

  // --- <ccai-customer-flags> ---------------------------------------------------------------
  flagsLegend: 'Customer flags',
  verifiedCustomer: 'Verified customer',
  badActor: 'Bad actor',
  repeatCustomer: 'Repeat customer',
  flagsSaveFailed: 'The change could not be saved and was undone.',
  flagsLoadFailed: 'The flags could not be loaded.',
  /** A `call-id` that is not a call id (the page's mistake): said to the agent without developer text. */
  flagsInvalidCallId: 'This is not a valid call id.',
  /** `<ccai-call-status>`: its live module could not be loaded after its tries (see call-status.ts). */
  statusReload: 'The call status could not be loaded. Reload the page to see it.',
});
