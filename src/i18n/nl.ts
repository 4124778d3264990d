import type { Messages } from './en.js';
import type { Plural } from './plural.js';

/** Dutch copy (`u`). Same keys as `en.ts`; the type checker keeps them in step. */
export const nl = (plural: Plural): Messages => ({
  // --- shared ------------------------------------------------------------------------------
  loading: 'Bezig met laden…',
  tryAgain: 'Opnieuw proberen',
  errorNetwork: 'We konden de server niet bereiken. Controleer uw verbinding en probeer het opnieuw.',
  errorTimeout: 'De server deed er te lang over om te antwoorden. Probeer het opnieuw.',
  errorServer: 'Er ging bij ons iets mis. Probeer het zo meteen opnieuw.',
  errorRateLimited: 'Er zijn nu te veel verzoeken. Wacht even en probeer het opnieuw.',
  errorParse: 'We kregen een antwoord dat we niet konden lezen. Probeer het opnieuw.',
  errorNotFound: 'We konden dit gesprek niet vinden.',
  errorUnknown: 'Het verzoek is geweigerd:',

  // --- <ccai-schedule-call> ----------------------------------------------------------------
  scheduleLegend: 'Terugbelverzoek inplannen',
  countryLabel: 'Land',
  phoneLabel: 'Telefoonnummer',
  phoneHint: 'We bellen u op dit nummer.',
  dateLabel: 'Datum',
  timeLabel: 'Tijd',
  languageLabel: 'Taal',
  consentLabel: 'Opname van dit gesprek toestaan',
  submit: 'Gesprek inplannen',
  submitting: 'Bezig met inplannen…',
  timeZoneNote: (zone: string) => `Tijden staan in uw tijdzone: ${zone}.`,
  noSlotsAtAll: 'Er zijn de komende dagen geen terugbeltijden beschikbaar.',
  phoneRequired: 'Vul uw telefoonnummer in.',
  phoneInvalid: 'Vul een volledig telefoonnummer in, met netnummer.',
  phoneTooShort: 'Dit telefoonnummer is te kort.',
  phoneTooLong: 'Dit telefoonnummer is te lang.',
  phoneNeedsCountry: 'Kies een land, of begin het nummer met + en de landcode.',
  slotRequired: 'Kies een tijd.',
  slotPast: 'Die tijd is voorbij. Kies een latere tijd.',
  slotTooSoon: (minutes: number) =>
    plural('nl', minutes, {
      one: 'Kies een tijd die minstens # minuut van nu ligt.',
      other: 'Kies een tijd die minstens # minuten van nu ligt.',
    }),
  languageInvalid: 'Kies een van de aangeboden talen.',
  fixErrors: 'Verbeter de gemarkeerde velden.',
  serverClosed:
    'We zijn nu gesloten en kunnen geen terugbelverzoeken aannemen. Probeer het opnieuw tijdens onze openingstijden.',
  serverUnavailable: 'Terugbellen is op dit moment niet mogelijk. Probeer het later opnieuw.',
  serverLanguage: 'Deze taal is niet beschikbaar voor gesprekken. Kies een andere taal.',
  serverConfig: 'Dit terugbelformulier is niet goed ingesteld. Neem op een andere manier contact met ons op.',
  confirmation: (when: string) => `Uw gesprek is ingepland voor ${when}.`,
  cancelCall: 'Gesprek annuleren',
  cancelling: 'Bezig met annuleren…',
  cancelled: 'Uw gesprek is geannuleerd.',
  scheduleAnother: 'Nog een gesprek inplannen',
  timePlaceholder: 'Kies een tijd',
  scheduleAccepted: 'We hebben uw verzoek ontvangen. We bevestigen de tijd met u.',
  createTimedOut:
    'De server deed er te lang over om te antwoorden, dus uw gesprek is misschien al ingepland. Als niemand u op de gekozen tijd belt, plan dan opnieuw.',
  createUnreadable:
    'We konden het antwoord van de server niet lezen, dus uw gesprek is misschien al ingepland. Als niemand u op de gekozen tijd belt, plan dan opnieuw.',
  clockSkewed:
    'De klok van uw apparaat lijkt niet te kloppen, dus de aangeboden tijden volgen onze klok. Controleer de tijd op uw apparaat.',

  // --- <ccai-call-status> ------------------------------------------------------------------
  statusHeading: 'Gespreksstatus',
  statusNames: {
    selecting: 'Onderwerp kiezen',
    queued: 'Wachten op een medewerker',
    assigned: 'Er is een medewerker toegewezen',
    connecting: 'Verbinden',
    connected: 'Verbonden',
    finished: 'Gesprek beëindigd',
    failed: 'Gesprek mislukt',
    switching: 'Opnieuw verbinden',
    recovered: 'Een nieuw gesprek heeft dit vervangen',
    scheduled: 'Ingepland',
    action_only: 'Bezig',
    action_only_finished: 'Gesprek beëindigd',
    deflected: 'Doorgestuurd',
    voicemail: 'Voicemail inspreken',
    voicemail_received: 'Voicemail ontvangen',
    voicemail_read: 'Voicemail beluisterd',
    cancelled: 'Geannuleerd',
    completed: 'Voltooid',
  },
  scheduledFor: (when: string) => `Ingepland voor ${when}`,
  agentName: (name: string) => `Medewerker: ${name}`,
  failReason: (reason: string) => `Reden: ${reason}`,
  failReasons: {
    eu_canceled: 'het gesprek is geannuleerd',
    eu_rejected: 'het gesprek is geweigerd',
    eu_abandoned: 'er werd opgehangen voordat een medewerker opnam',
    eu_busy: 'de lijn was bezet',
    eu_no_answer: 'er werd niet opgenomen',
    eu_wrong_number: 'het nummer was niet bereikbaar',
    expired: 'er was niet op tijd een medewerker beschikbaar',
    unknown: 'onbekend',
  },
  statusUnavailable: 'De gespreksstatus is nu niet beschikbaar.',
  statusRetrying: 'We blijven het controleren.',

  // --- <ccai-customer-flags> ---------------------------------------------------------------
  flagsLegend: 'Klantkenmerken',
  verifiedCustomer: 'Geverifieerde klant',
  badActor: 'Kwaadwillende klant',
  repeatCustomer: 'Terugkerende klant',
  flagsSaveFailed: 'De wijziging kon niet worden opgeslagen en is ongedaan gemaakt.',
  flagsLoadFailed: 'De kenmerken konden niet worden geladen.',
  flagsInvalidCallId: 'Dit is geen geldige gespreks-ID.',
});
