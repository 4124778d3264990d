/** Facts about calls that both the client and the mock rely on. */

/** `lang`: `ll` or `ll-RR`, a lower-case ISO 639-1 language and an optional upper-case ISO 3166 region (case-sensitive, as the API). */
export const LANG_TAG = /^([a-z]{2})(?:-([A-Z]{2}))?$/;

export const CALL_TYPES = {
  outbound: 'Voice Outbound (API)',
  inbound: 'Voice Inbound (API)',
  scheduled: 'Voice Scheduled (API)',
} as const;

export type CallType = (typeof CALL_TYPES)[keyof typeof CALL_TYPES];

/** Deprecated spellings the API still accepts, mapped to the current ones. */
export const DEPRECATED_CALL_TYPES = {
  OutboundCall: CALL_TYPES.outbound,
  IncomingCall: CALL_TYPES.inbound,
  ScheduledCall: CALL_TYPES.scheduled,
} as const;

export type DeprecatedCallType = keyof typeof DEPRECATED_CALL_TYPES;

/** The current call type for any of the six accepted spellings; `undefined` for anything else. */
export function normalizeCallType(value: unknown): CallType | undefined {
  if (typeof value !== 'string') return undefined;
  if (Object.values(CALL_TYPES).includes(value as CallType)) return value as CallType;
  return Object.hasOwn(DEPRECATED_CALL_TYPES, value) ? DEPRECATED_CALL_TYPES[value as DeprecatedCallType] : undefined;
}

/** The sixteen documented statuses plus the two the cancel endpoint adds. New ones may appear. */
export const CALL_STATUSES = [
  'selecting',
  'queued',
  'assigned',
  'connecting',
  'connected',
  'finished',
  'failed',
  'switching',
  'recovered',
  'scheduled',
  'action_only',
  'action_only_finished',
  'deflected',
  'voicemail',
  'voicemail_received',
  'voicemail_read',
  'cancelled',
  'completed',
] as const;

export type KnownCallStatus = (typeof CALL_STATUSES)[number];
/** A status string; known ones autocomplete, unknown ones are still allowed. */
export type CallStatus = KnownCallStatus | (string & {});

/** Statuses after which the call does not change any more. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set<KnownCallStatus>([
  'finished',
  'failed',
  'recovered',
  'action_only_finished',
  'deflected',
  'voicemail_received',
  'voicemail_read',
  'cancelled',
  'completed',
]);

export function isTerminalStatus(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Final statuses of a call that reached its end as meant: a conversation, an action, a voicemail left. */
export const SUCCEEDED_STATUSES: ReadonlySet<string> = new Set<KnownCallStatus>([
  'finished',
  'completed',
  'action_only_finished',
  'voicemail_received',
  'voicemail_read',
  'recovered',
]);

/** An agent, or the platform on the caller's behalf, is handling the call right now. */
export const IN_PROGRESS_STATUSES: ReadonlySet<string> = new Set<KnownCallStatus>([
  'assigned',
  'connecting',
  'connected',
  'switching',
  'action_only',
  'voicemail',
]);

/** The platform is routing the call to an agent: these usually change within seconds to minutes. */
export const ROUTING_STATUSES: ReadonlySet<string> = new Set<KnownCallStatus>([
  'selecting',
  'queued',
  'assigned',
  'connecting',
  'switching',
]);

export const RECORDING_PERMISSIONS = [
  'recording_permission_not_asked',
  'recording_permission_denied',
  'recording_permission_granted',
] as const;

export type RecordingPermission = (typeof RECORDING_PERMISSIONS)[number];

export const CUSTOMER_FLAG_NAMES = ['verified_customer', 'bad_actor', 'repeat_customer'] as const;
export type CustomerFlagName = (typeof CUSTOMER_FLAG_NAMES)[number];
export type CustomerFlags = Record<CustomerFlagName, boolean>;

/**
 * How long after its scheduled time a booking stays with the visitor: the booking form shows it
 * after a reload that long, so the gateway's capability for it must last that long too.
 */
export const KEPT_AFTER_CALL_MS = 24 * 60 * 60 * 1000;
