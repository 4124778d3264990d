/**
 * Call objects shaped like the documentation's: every documented key present, `null` where the
 * page's examples have `null`, with the spec's resolutions applied (a scheduled call is
 * `Voice Scheduled (API)` with status `scheduled`; menus report their real `menu_type`).
 */
import { CALL_TYPES } from '../core/calls.js';
import type {
  Agent,
  AgentInfo,
  CallObject,
  EndUser,
  Menu,
  MenuPath,
  Participant,
  SelectedMenu,
  World,
} from './world.js';

/** Ids continue after the largest in the world, so the first new call of the default world is 515. */
export function nextCallId(world: World): number {
  const ids = [...Object.keys(world.calls).map(Number), ...Object.values(world.calls).map((call) => call.id)];
  return Math.max(0, ...ids.filter(Number.isSafeInteger)) + 1;
}

function nextParticipantId(world: World): number {
  const ids = Object.values(world.calls).flatMap((call) => (call.participants ?? []).map((p) => p.id));
  return Math.max(0, ...ids) + 1;
}

/** The end user of a CRM contact: the ticket's own id, else one already seen for it, else a new one. */
export function endUserFor(world: World, contactId: string, endUserId: number | undefined): EndUser {
  const calls = Object.values(world.calls);
  const known = endUserId ?? calls.find((call) => call.end_user?.out_contact_id === contactId)?.end_user?.id;
  const id = known ?? Math.max(0, ...calls.map((call) => call.end_user?.id ?? 0)) + 1;
  return { id, identifier: null, out_contact_id: contactId };
}

export function agentInfoOf(agent: Agent): AgentInfo {
  return {
    id: agent.id,
    name: `${agent.firstName} ${agent.lastName}`,
    last_name: agent.lastName,
    first_name: agent.firstName,
    agent_number: null,
    avatar_url: agent.avatarUrl ?? null,
  };
}

export function selectedMenuOf(menuId: number, menu: Menu): SelectedMenu {
  return {
    id: menuId,
    name: menu.name,
    parent_id: null,
    position: 0,
    deleted: false,
    menu_type: menu.type,
    output_msg: `You selected ${menu.name}.`,
    hidden: false,
  };
}

export function menuPathOf(menuId: number, menu: Menu): MenuPath {
  return { items_count: 1, name: menu.name, materialized_path: String(menuId) };
}

function participant(
  id: number,
  callId: number,
  type: 'agent' | 'end_user',
  userId: number | null,
  endUserId: number | null,
): Participant {
  return {
    id,
    type,
    status: 'waiting',
    call_id: callId,
    user_id: userId,
    end_user_id: endUserId,
    call_duration: null,
    hold_duration: null,
    connected_at: null,
    ended_at: null,
    fail_reason: 'nothing',
  };
}

/** The fields every new call shares, as the page's 201 examples show them. */
export function blankCall(id: number, callType: string, status: string, lang: string, now: string): CallObject {
  return {
    id,
    parent_id: null,
    lang,
    call_type: callType,
    status,
    created_at: now,
    queued_at: null,
    assigned_at: null,
    connected_at: null,
    ends_at: null,
    scheduled_at: null,
    wait_duration: 0,
    call_duration: 0,
    hold_duration: 0,
    rating: null,
    has_feedback: false,
    voip_provider: 'voip_provider_twilio',
    out_ticket_id: null,
    out_ticket_url: null,
    verified: false,
    recording_url: null,
    recording_permission: 'not_asked',
    voicemail_reason: 'not_voicemail',
    deflection: 'no_deflection',
    disconnected_by: 'disconnected_by_unknown',
    fail_reason: 'nothing',
    fail_details: null,
    support_number: null,
    selected_menu: null,
    menu_path: null,
    agent_info: null,
    end_user: null,
    photos: [],
    videos: [],
    transfers: [],
    deflection_details: [],
    participants: [],
    offer_type: null,
    offer_events: [],
    answer_type: 'manual',
    outbound_number: null,
  };
}

export interface OutboundCallSpec {
  lang: string;
  agent: Agent;
  outboundNumber: string;
  ticketId: string | null;
  endUser: EndUser | null;
}

/** O2/O3: assigned to the agent at once; both parties waiting to be connected. */
export function outboundCall(world: World, now: Date, spec: OutboundCallSpec): CallObject {
  const id = nextCallId(world);
  const participantId = nextParticipantId(world);
  const at = now.toISOString();
  return {
    ...blankCall(id, CALL_TYPES.outbound, 'assigned', spec.lang, at),
    assigned_at: at,
    out_ticket_id: spec.ticketId,
    agent_info: agentInfoOf(spec.agent),
    end_user: spec.endUser,
    participants: [
      participant(participantId, id, 'agent', spec.agent.id, null),
      participant(participantId + 1, id, 'end_user', null, spec.endUser?.id ?? null),
    ],
    outbound_number: spec.outboundNumber,
  };
}

export interface MenuCallSpec {
  lang: string;
  menuId: number;
  menu: Menu;
  ticketId: string | null;
  endUser: EndUser | null;
  outboundNumber: string;
  recordingPermission: string;
  /** Present for a scheduled call: the normalized ISO instant. */
  scheduledAt?: string;
  parentId?: number | null;
}

/** I6/I9 (queued and offered to the menu's agents) and S6/S7 (waiting for its time). */
export function menuCall(world: World, now: Date, spec: MenuCallSpec): CallObject {
  const id = nextCallId(world);
  const at = now.toISOString();
  const scheduled = spec.scheduledAt !== undefined;
  const call: CallObject = {
    ...blankCall(
      id,
      scheduled ? CALL_TYPES.scheduled : CALL_TYPES.inbound,
      scheduled ? 'scheduled' : 'queued',
      spec.lang,
      at,
    ),
    parent_id: spec.parentId ?? null,
    out_ticket_id: spec.ticketId,
    recording_permission: spec.recordingPermission,
    selected_menu: selectedMenuOf(spec.menuId, spec.menu),
    menu_path: menuPathOf(spec.menuId, spec.menu),
    end_user: spec.endUser,
    participants: [participant(nextParticipantId(world), id, 'end_user', null, spec.endUser?.id ?? null)],
    outbound_number: spec.outboundNumber,
  };
  if (scheduled) return { ...call, scheduled_at: spec.scheduledAt ?? null };
  // Offered at once to the first group of the menu's cascade.
  return { ...call, queued_at: at, offer_type: 'cascade', offer_events: [{ casting_time: at, group: 'Group 1' }] };
}
