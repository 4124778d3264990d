/** The booking request `<ccai-schedule-call>` sends, built from the form once every check has passed. */
import { CALL_TYPES } from '../../core/calls.js';
import type { ScheduledCallRequest } from '../../core/schemas.js';

/** A menu or call id as the API takes it: a positive integer. */
export const isId = (value: number | undefined): value is number => Number.isInteger(value) && value! > 0;

/** What the request is made of besides the checked values. */
export interface RequestSettings {
  menuId: number | undefined;
  callId: number | undefined;
  ticketId: string | undefined;
  /** `undefined` when consent is not asked. */
  consent: boolean | undefined;
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
