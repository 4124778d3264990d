/**
 * An iCalendar file (RFC 5545) for one call, made in the browser: no request, no library. The
 * libraries made for this (`ics`, `ical-generator`) bring validation and time-zone packages many
 * times the size of the few lines one fixed event in UTC needs; what they would add here is the
 * escaping and folding below, which the tests check by parsing the file back.
 */

export interface CalendarEvent {
  /** Globally unique and stable for the call, so that importing the file again updates the event. */
  uid: string;
  /** How many times the event has changed under this UID (§3.8.7.4): a calendar keeps the highest. */
  sequence: number;
  /** When the file is made (epoch ms). */
  stamp: number;
  start: number;
  end: number;
  summary: string;
  description: string;
  /** Minutes before `start` at which the calendar reminds. */
  alarmMinutes: number;
}

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines longer than 75 octets are folded (the CRLF not counted). */
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** `DATE-TIME` in UTC (form #2, §3.3.5): `19980119T070000Z`. */
export function utcDateTime(instant: number): string {
  return new Date(instant)
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '');
}

/** `TEXT` (§3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * One content line folded at 75 octets (§3.1): each continuation starts with a space, which
 * counts towards its 75. A character is never split between lines, so UTF-8 stays valid.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > MAX_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** The whole file: one `VEVENT` with a `VALARM`, CRLF line ends (the last line too). */
export function calendarFile(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ccai-widgets//ccai-schedule-call//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(event.summary)}`,
    `TRIGGER:-PT${Math.max(0, Math.round(event.alarmMinutes))}M`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
