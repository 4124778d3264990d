import type { Messages } from './en.js';
import type { Plural } from './plural.js';

/** German copy (`Sie`). Same keys as `en.ts`; the type checker keeps them in step. */
export const de = (plural: Plural): Messages => ({
  // --- shared ------------------------------------------------------------------------------
  loading: 'Wird geladen…',
  tryAgain: 'Erneut versuchen',
  errorNetwork: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  errorTimeout: 'Der Server hat zu lange gebraucht. Bitte versuchen Sie es erneut.',
  errorServer: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.',
  errorRateLimited: 'Gerade gibt es zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  errorParse: 'Wir haben eine Antwort erhalten, die wir nicht lesen konnten. Bitte versuchen Sie es erneut.',
  errorNotFound: 'Dieser Anruf wurde nicht gefunden.',
  errorUnknown: 'Die Anfrage wurde abgelehnt:',

  // --- <ccai-schedule-call> ----------------------------------------------------------------
  scheduleLegend: 'Rückruf vereinbaren',
  countryLabel: 'Land',
  phoneLabel: 'Telefonnummer',
  phoneHint: 'Wir rufen Sie unter dieser Nummer an.',
  dateLabel: 'Datum',
  timeLabel: 'Uhrzeit',
  languageLabel: 'Sprache',
  consentLabel: 'Aufzeichnung dieses Anrufs erlauben',
  submit: 'Anruf vereinbaren',
  submitting: 'Wird vereinbart…',
  timeZoneNote: (zone: string) => `Die Uhrzeiten gelten in Ihrer Zeitzone: ${zone}.`,
  noSlotsAtAll: 'In den nächsten Tagen sind keine Rückrufzeiten verfügbar.',
  phoneRequired: 'Geben Sie Ihre Telefonnummer ein.',
  phoneInvalid: 'Geben Sie eine vollständige Telefonnummer mit Vorwahl ein.',
  phoneTooShort: 'Diese Telefonnummer ist zu kurz.',
  phoneTooLong: 'Diese Telefonnummer ist zu lang.',
  phoneNeedsCountry: 'Wählen Sie ein Land oder beginnen Sie die Nummer mit + und der Ländervorwahl.',
  slotRequired: 'Wählen Sie eine Uhrzeit.',
  slotPast: 'Diese Uhrzeit ist vorbei. Wählen Sie eine spätere Uhrzeit.',
  slotTooSoon: (minutes: number) =>
    plural('de', minutes, {
      one: 'Wählen Sie eine Uhrzeit, die mindestens # Minute entfernt ist.',
      other: 'Wählen Sie eine Uhrzeit, die mindestens # Minuten entfernt ist.',
    }),
  languageInvalid: 'Wählen Sie eine der angebotenen Sprachen.',
  fixErrors: 'Bitte korrigieren Sie die markierten Felder.',
  serverClosed:
    'Wir haben gerade geschlossen und können keine Rückrufwünsche annehmen. Bitte versuchen Sie es während unserer Öffnungszeiten erneut.',
  serverUnavailable: 'Rückrufe sind im Moment nicht möglich. Bitte versuchen Sie es später erneut.',
  serverLanguage: 'Diese Sprache ist für Anrufe nicht verfügbar. Wählen Sie eine andere Sprache.',
  serverConfig: 'Dieses Rückrufformular ist nicht richtig eingerichtet. Bitte kontaktieren Sie uns auf anderem Weg.',
  confirmation: (when: string) => `Ihr Anruf ist vereinbart für ${when}.`,
  cancelCall: 'Anruf stornieren',
  cancelling: 'Wird storniert…',
  cancelled: 'Ihr Anruf wurde storniert.',
  scheduleAnother: 'Weiteren Anruf vereinbaren',
  timePlaceholder: 'Uhrzeit wählen',
  scheduleAccepted: 'Wir haben Ihre Anfrage erhalten und bestätigen Ihnen die Uhrzeit.',
  createTimedOut:
    'Der Server hat zu lange gebraucht, daher ist Ihr Anruf möglicherweise schon vereinbart. Falls Sie zur gewählten Zeit niemand anruft, buchen Sie bitte erneut.',
  createUnreadable:
    'Wir konnten die Antwort des Servers nicht lesen, daher ist Ihr Anruf möglicherweise schon vereinbart. Falls Sie zur gewählten Zeit niemand anruft, buchen Sie bitte erneut.',
  clockSkewed:
    'Die Uhr Ihres Geräts scheint falsch zu gehen, daher richten sich die angebotenen Zeiten nach unserer Uhr. Bitte prüfen Sie die Uhrzeit Ihres Geräts.',

  // --- <ccai-call-status> ------------------------------------------------------------------
  statusHeading: 'Anrufstatus',
  statusNames: {
    selecting: 'Thema wird gewählt',
    queued: 'Wartet auf einen Mitarbeiter',
    assigned: 'Ein Mitarbeiter wurde zugewiesen',
    connecting: 'Verbindung wird hergestellt',
    connected: 'Verbunden',
    finished: 'Anruf beendet',
    failed: 'Anruf fehlgeschlagen',
    switching: 'Verbindung wird erneuert',
    recovered: 'Ein neuer Anruf hat diesen ersetzt',
    scheduled: 'Vereinbart',
    action_only: 'In Bearbeitung',
    action_only_finished: 'Anruf beendet',
    deflected: 'Weitergeleitet',
    voicemail: 'Sprachnachricht wird aufgenommen',
    voicemail_received: 'Sprachnachricht erhalten',
    voicemail_read: 'Sprachnachricht abgehört',
    cancelled: 'Storniert',
    completed: 'Abgeschlossen',
  },
  scheduledFor: (when: string) => `Vereinbart für ${when}`,
  agentName: (name: string) => `Mitarbeiter: ${name}`,
  failReason: (reason: string) => `Grund: ${reason}`,
  failReasons: {
    eu_canceled: 'der Anruf wurde abgebrochen',
    eu_rejected: 'der Anruf wurde abgelehnt',
    eu_abandoned: 'es wurde aufgelegt, bevor ein Mitarbeiter antwortete',
    eu_busy: 'die Leitung war besetzt',
    eu_no_answer: 'niemand hat abgenommen',
    eu_wrong_number: 'die Nummer war nicht erreichbar',
    expired: 'kein Mitarbeiter war rechtzeitig verfügbar',
    unknown: 'unbekannt',
  },
  statusUnavailable: 'Der Anrufstatus ist gerade nicht verfügbar.',
  statusRetrying: 'Wir prüfen weiter.',

  // --- <ccai-customer-flags> ---------------------------------------------------------------
  flagsLegend: 'Kundenmerkmale',
  verifiedCustomer: 'Verifizierter Kunde',
  badActor: 'Betrügerischer Kunde',
  repeatCustomer: 'Wiederkehrender Kunde',
  flagsSaveFailed: 'Die Änderung konnte nicht gespeichert werden und wurde rückgängig gemacht.',
  flagsLoadFailed: 'Die Merkmale konnten nicht geladen werden.',
  flagsInvalidCallId: 'Dies ist keine gültige Anruf-ID.',
});
