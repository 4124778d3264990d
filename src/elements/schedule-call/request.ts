/** The booking request `<ccai-schedule-call>` sends, built from the form once every check has passed. */
import { CALL_TYPES } from '../../core/calls.js';
import type { InboundCallRequest, ScheduledCallRequest } from '../../core/schemas.js';

/** What the form books: a call at a chosen time, or ("Call me now") one queued at once. */
export type BookingRequest = ScheduledCallRequest | InboundCallRequest;

/** A menu or call id as the API takes it: a positive integer. */
export const isId = (value: number | undefined): value is number => Number.isInteger(value) && value! > 0;

/** What the request is made of besides the checked values. */
export interface RequestSettings {
  menuId: number | undefined;
  callId: number | undefined;
  ticketId: string | undefined;
  /** `undefined` when consent is not asked. */
  consent: boolean | undefined;
  /** "Call me now" is chosen: no time, a `Voice Inbound (API)` call on the menu. */
  callNow?: boolean;
}

/** The checked values: the number as E.164, the time in UTC, the language code. */
export interface CheckedValues {
  phone: string;
  scheduledAt: string;
  lang: string;
}

export function scheduledCallRequest(settings: RequestSettings, checked: CheckedValues): ScheduledCallRequest {
  const request: ScheduledCallRequest = {
    call_type: CALL_TYPES.scheduled,
    end_user_number: checked.phone,
    scheduled_at: checked.scheduledAt,
    lang: checked.lang,
  };
  if (isId(settings.menuId)) request.menu_id = settings.menuId;
  if (isId(settings.callId)) request.call_id = settings.callId;
  if (settings.ticketId) request.ticket_id = settings.ticketId;
  if (settings.consent !== undefined) {
    request.recording_permission = settings.consent ? 'recording_permission_granted' : 'recording_permission_denied';
  }
  return request;
}

/**
 * "Call me now": `Voice Inbound (API)` on the same menu, queued at once. The API takes no parent
 * call for it, so `call-id` is not sent (a form without `menu-id` does not offer "now").
 */
export function callNowRequest(settings: RequestSettings, checked: CheckedValues): InboundCallRequest {
  const request: InboundCallRequest = {
    call_type: CALL_TYPES.inbound,
    menu_id: settings.menuId!,
    end_user_number: checked.phone,
    lang: checked.lang,
  };
  if (settings.ticketId) request.ticket_id = settings.ticketId;
  if (settings.consent !== undefined) {
    request.recording_permission = settings.consent ? 'recording_permission_granted' : 'recording_permission_denied';
  }
  return request;
}

/** The request for the checked values: "now" or at the chosen time. */
export function bookingRequest(settings: RequestSettings, checked: CheckedValues): BookingRequest {
  return settings.callNow ? callNowRequest(settings, checked) : scheduledCallRequest(settings, checked);
}
