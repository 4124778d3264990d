/**
 * "Add to calendar": the booked call as an `.ics` file (`internal/ics.ts`), made in the browser and
 * offered as a `blob:` download link. No request is made, and a strict Content-Security-Policy
 * does not stand in the way (a download is no fetch, script or style). Loaded with the confirmation.
 */
import { html, nothing } from 'lit';
import type { Call } from '../../core/schemas.js';
import type { Messages } from '../../i18n/en.js';
import { calendarFile } from '../../internal/ics.js';

/** The reminder, this long before the call. */
export const ALARM_MINUTES = 15;
/** The file's name when saved. */
export const CALENDAR_FILE_NAME = 'callback.ics';

/**
 * Blob URLs by what the file says: a confirmation renders many times, the file is made once. Each
 * URL holds its file until revoked; only the last few are kept.
 */
const urls = new Map<string, string>();
const MAX_URLS = 8;

export interface CalendarLinkView {
  call: Call;
  t: Messages;
  /** The backend's URL (`base-url`, or `''` for this page's origin): its host makes the event's UID unique. */
  baseUrl: string;
  /** How long the call is expected to take: the slot's length. */
  minutes: number;
  /** The time now (epoch ms), for `DTSTAMP`. */
  now: number;
  /** Reached by Change time: the event of the chain's first call, moved (see `Booking.chain`). */
  chain?: { id: number; sequence: number } | undefined;
}

/** The link, or nothing for a call without a scheduled time. */
export function calendarLink({ call, t, baseUrl, minutes, now, chain }: CalendarLinkView) {
  const start = Date.parse(call.scheduled_at ?? '');
  if (Number.isNaN(start)) return nothing;
  // Origin and path only: a query string or fragment may carry tokens, e-mail addresses or ad ids,
  // and calendar files are synced and shared.
  const page = location.origin + location.pathname;
  const host = new URL(baseUrl || location.origin, location.href).host;
  const summary = t.calendarSummary;
  const description = t.calendarDescription(page);
  // Change time keeps the first call's UID, so that importing the new file moves the event.
  const uid = `ccai-call-${chain?.id ?? call.id}@${host}`;
  const sequence = chain?.sequence ?? 0;
  const key = JSON.stringify([uid, sequence, start, minutes, summary, description]);
  let url = urls.get(key);
  if (!url) {
    const file = calendarFile({
      uid,
      sequence,
      stamp: now,
      start,
      end: start + Math.max(1, minutes) * 60_000,
      summary,
      description,
      alarmMinutes: ALARM_MINUTES,
    });
    url = URL.createObjectURL(new Blob([file], { type: 'text/calendar;charset=utf-8' }));
    urls.set(key, url);
    for (const [oldKey, oldUrl] of urls) {
      if (urls.size <= MAX_URLS) break;
      URL.revokeObjectURL(oldUrl);
      urls.delete(oldKey);
    }
  }
  return html`<a
    part="calendar"
    class="calendar"
    href=${url}
    download=${CALENDAR_FILE_NAME}
    type="text/calendar"
    >${t.addToCalendar}</a
  >`;
}
