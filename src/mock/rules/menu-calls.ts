/**
 * `POST /calls` for inbound (I1–I13) and scheduled (S1–S14) calls, in the spec's validation order:
 * menu_id (or, scheduled only, call_id) present → menu_id well formed → menu found → channel
 * allowed → menu state → language known → available → end_user_number present → well formed →
 * (scheduled) scheduled_at present → a valid future time.
 */
import { RECORDING_PERMISSIONS } from '../../core/calls.js';
import { validateScheduledAt } from '../../core/validation/scheduled-at.js';
import { endUserFor, menuCall } from '../call-factory.js';
import type { CallObject, Menu, World } from '../world.js';
import {
  contactFound,
  digitsOf,
  entryOf,
  fail,
  firstAnswer,
  isPresent,
  isWellFormedNumber,
  langOf,
  markChanged,
  languageAvailable,
  languageKnown,
  nowOf,
  ticketOf,
  wellFormedId,
  type Outcome,
  type Params,
  type RequestContext,
  type Rule,
} from './common.js';

type Channel = 'inbound' | 'scheduled';

interface MenuCallContext extends RequestContext {
  channel: Channel;
  /** `scheduled_at` normalised to UTC, once the rule that checks it has passed it. */
  scheduledAt?: string;
}

const ALLOWED_MENU_TYPES: Record<Channel, { types: readonly string[]; message: string }> = {
  inbound: { types: ['ivr_menu', 'mobile_menu'], message: 'Only IVR and mobile menu IDs are permitted' },
  scheduled: { types: ['mobile_menu', 'web_menu'], message: 'Only mobile and web menu IDs are permitted' },
};

/** The earlier call named by `call_id` (scheduled calls only). */
function parentOf({ world, params, channel }: MenuCallContext): CallObject | undefined {
  if (channel !== 'scheduled' || !isPresent(params.call_id)) return undefined;
  const id = wellFormedId(params.call_id);
  return id === undefined ? undefined : entryOf(world.calls, id);
}

/** `menu_id` as sent, else the menu of the parent call. */
function rawMenuIdOf(context: MenuCallContext): unknown {
  return isPresent(context.params.menu_id) ? context.params.menu_id : parentOf(context)?.selected_menu?.id;
}

function menuIdOf(context: MenuCallContext): number | undefined {
  return wellFormedId(rawMenuIdOf(context));
}

function menuOf(context: MenuCallContext): Menu | undefined {
  const id = menuIdOf(context);
  return id === undefined ? undefined : entryOf(context.world.menus, id);
}

const menuOrCallRequired: Rule<MenuCallContext> = ({ params, channel }) =>
  isPresent(params.menu_id) || (channel === 'scheduled' && isPresent(params.call_id))
    ? undefined
    : fail('menu_id is required');

/** Extension: the page documents `call_id` but no error for a wrong one. */
const parentCallFound: Rule<MenuCallContext> = (context) => {
  const { params, channel } = context;
  if (channel !== 'scheduled' || !isPresent(params.call_id)) return undefined;
  if (wellFormedId(params.call_id) === undefined) return fail('call_id is not well formed');
  return parentOf(context) ? undefined : fail(`call_id ${String(params.call_id)} is not found`);
};

const menuIdWellFormed: Rule<MenuCallContext> = (context) => {
  // A parent call that was never on a menu leaves the menu to be named.
  if (rawMenuIdOf(context) === undefined) return fail('menu_id is required');
  return menuIdOf(context) === undefined ? fail('menu_id is not well formed') : undefined;
};

const menuFound: Rule<MenuCallContext> = (context) =>
  menuOf(context) ? undefined : fail(`menu_id ${String(rawMenuIdOf(context))} is not found`);

const menuChannelAllowed: Rule<MenuCallContext> = (context) => {
  const allowed = ALLOWED_MENU_TYPES[context.channel];
  return allowed.types.includes(menuOf(context)?.type ?? '') ? undefined : fail(allowed.message);
};

const menuOpen: Rule<MenuCallContext> = (context) => {
  const state = menuOf(context)?.state;
  if (state === 'manual_redirection') return fail("Menu is in 'manual redirection' state, can't accept calls");
  if (state === 'after_hours') return fail("Menu is in 'after hours' state, can't accept incoming calls");
  return undefined;
};

const languageIsKnown: Rule<MenuCallContext> = ({ params }) => languageKnown(langOf(params));

const languageIsOffered: Rule<MenuCallContext> = ({ world, params }) => languageAvailable(world, langOf(params));

/** A ticket stands in for the number: the number of its contact is dialled. */
const numberRequired: Rule<MenuCallContext> = ({ params }) =>
  isPresent(params.end_user_number) || isPresent(params.ticket_id) ? undefined : fail('end_user_number is required');

/** Extension for inbound and scheduled calls (outbound documents it as O9). */
const numberWellFormed: Rule<MenuCallContext> = ({ params }) =>
  isPresent(params.ticket_id) || isWellFormedNumber(params.end_user_number)
    ? undefined
    : fail('end_user_number is not well formed');

/**
 * S14, plus two extensions: a time that is not ISO 8601 with a zone, and one not in the future.
 * The time it passes is kept, normalised, for the call (checked once per request).
 */
const scheduledAtValid: Rule<MenuCallContext> = (context) => {
  const { world, params, channel } = context;
  if (channel !== 'scheduled') return undefined;
  const result = validateScheduledAt(params.scheduled_at, { now: nowOf(world) });
  if (result.ok) {
    context.scheduledAt = result.value;
    return undefined;
  }
  if (result.code === 'required') return fail('scheduled_at is required');
  if (result.code === 'malformed') return fail('scheduled_at is not well formed');
  return fail('scheduled_at must be in the future');
};

export const MENU_CALL_RULES: readonly Rule<MenuCallContext>[] = [
  menuOrCallRequired,
  parentCallFound,
  menuIdWellFormed,
  menuFound,
  menuChannelAllowed,
  menuOpen,
  languageIsKnown,
  languageIsOffered,
  numberRequired,
  contactFound,
  numberWellFormed,
  scheduledAtValid,
];

/** `recording_permission_granted` → `granted` etc., but only where the menu's queue asks for it. */
function recordingPermissionOf(menu: Menu, requested: unknown): string {
  const known = RECORDING_PERMISSIONS.find((value) => value === requested);
  return menu.asksRecordingPermission && known ? known.replace('recording_permission_', '') : 'not_asked';
}

/** A sent outbound number the tenant manages (any agent's or the default); else the default. */
function managedNumber(world: World, requested: unknown): string {
  const digits = digitsOf(requested);
  const managed = Object.values(world.agents).flatMap((agent) => agent.outboundNumbers);
  return (digits && managed.find((number) => digitsOf(number) === digits)) || world.defaultOutboundNumber;
}

/** Runs the inbound or scheduled rules; on success stores the new call and answers 201. */
export function createMenuCall(world: World, params: Params, channel: Channel): Outcome {
  const context: MenuCallContext = { world, params, channel };
  const refusal = firstAnswer(MENU_CALL_RULES, context);
  if (refusal) return refusal;
  const now = nowOf(world);
  const menu = menuOf(context) as Menu;
  const ticket = ticketOf(context);
  const call = menuCall(world, now, {
    lang: langOf(params),
    menuId: menuIdOf(context) as number,
    menu,
    ticketId: ticket ? String(params.ticket_id) : null,
    endUser: ticket ? endUserFor(world, ticket.contactId, ticket.endUserId) : null,
    outboundNumber: managedNumber(world, params.outbound_number),
    recordingPermission: recordingPermissionOf(menu, params.recording_permission),
    ...(channel === 'scheduled' && context.scheduledAt
      ? { scheduledAt: context.scheduledAt, parentId: parentOf(context)?.id ?? null }
      : {}),
  });
  world.calls[call.id] = call;
  markChanged(world, call.id);
  world.flags[call.id] = { verified_customer: false, bad_actor: false, repeat_customer: false };
  return { status: 201, body: call };
}
