/** Pieces every rule shares: the outcome type, the error body, look-ups, the clock, languages. */
import { parseLanguageTag } from '../../core/languages.js';
import { isPossiblePhoneNumberString } from '../../core/validation/phone.js';
import type { Ticket, World } from '../world.js';

/** What a rule answers: an HTTP status and a JSON body (`undefined` = no body). */
export interface Outcome {
  status: number;
  body?: unknown;
}

/** A rule answers when the request breaks it, and returns `undefined` to let the next one judge. */
export type Rule<Context> = (context: Context) => Outcome | undefined;

/** The parsed JSON object of a request. */
export type Params = Record<string, unknown>;

/** Runs rules in order; the first answer wins. */
export function firstAnswer<Context>(rules: readonly Rule<Context>[], context: Context): Outcome | undefined {
  for (const rule of rules) {
    const outcome = rule(context);
    if (outcome) return outcome;
  }
  return undefined;
}

export function fail(message: string, status = 400): Outcome {
  return { status, body: { message } };
}

export const CALL_NOT_FOUND = (): Outcome => fail('Call not found', 404);

/** Sent and not empty: `null` and `""` count as absent, as an HTML form or a Rails API treat them. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** An own entry of a world map (never `constructor` & co. from the prototype). */
export function entryOf<T>(map: Record<string | number, T>, key: string | number): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The mock's current time: `world.now`, or the real clock when it is null (or unusable). */
export function nowOf(world: World): Date {
  const fixed = world.now === null ? NaN : Date.parse(world.now);
  return Number.isFinite(fixed) ? new Date(fixed) : new Date();
}

/** Notes that a rule created or changed the call now (the Manager API's `updated_at`). */
export function markChanged(world: World, callId: number): void {
  world.updatedAt[callId] = nowOf(world).toISOString();
}

/** A positive integer id sent as a number or a string of digits; `undefined` otherwise. */
export function wellFormedId(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

/** The server's phone check: international form, a possible number (shared with the client). */
export function isWellFormedNumber(value: unknown): boolean {
  return isPossiblePhoneNumberString(value);
}

/** Digits only, to compare `+1 339-219-5276` with `+13392195276`. */
export function digitsOf(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\D/g, '') : '';
}

/** `lang` as sent, `en` when absent. */
export function langOf(params: Params): string {
  return isPresent(params.lang) ? String(params.lang) : 'en';
}

export function languageKnown(lang: string): Outcome | undefined {
  return parseLanguageTag(lang) ? undefined : fail(`Language '${lang}' is not found`);
}

/** Offered when listed exactly, or when its base language is listed (`es` covers `es-MX`). */
export function languageAvailable(world: World, lang: string): Outcome | undefined {
  const tag = parseLanguageTag(lang);
  const offered = world.languages.includes(lang) || (tag !== undefined && world.languages.includes(tag.language));
  return offered ? undefined : fail(`Language '${lang}' is not available`);
}

/** What every call-creating rule reads: the world and the request. */
export interface RequestContext {
  world: World;
  params: Params;
}

/** The ticket the request names, when it names one the world knows. */
export function ticketOf({ world, params }: RequestContext): Ticket | undefined {
  return isPresent(params.ticket_id) ? entryOf(world.tickets, String(params.ticket_id)) : undefined;
}

/** O9 (and, as an extension, inbound and scheduled): a ticket with no contact behind it. */
export const contactFound: Rule<RequestContext> = (context) =>
  !isPresent(context.params.ticket_id) || ticketOf(context) ? undefined : fail('Contact not found');
