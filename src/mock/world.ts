/**
 * The mock's world: plain, mutable data that every rule reads at request time. Tests and the demo
 * change it directly (`mock.world.menus[9].state = 'after_hours'`).
 */
import { CALL_TYPES, type CustomerFlags } from '../core/calls.js';
import { agentInfoOf, blankCall, menuPathOf, selectedMenuOf } from './call-factory.js';

export type { CustomerFlags };

export interface Agent {
  id: number;
  firstName: string;
  lastName: string;
  /** Has the permission to place outbound calls. */
  canCall: boolean;
  /** Is in a state to take a call now. */
  available: boolean;
  /** Managed outbound numbers the agent may dial from; more than one → the adapter asks (202). */
  outboundNumbers: string[];
  /** The agent's adapter places API outbound calls by hand from the CRM (O13: 202, empty body). */
  dialsTicketsManually?: boolean;
  avatarUrl?: string | null;
}

export type MenuType = 'ivr_menu' | 'mobile_menu' | 'web_menu' | (string & {});
export type MenuState = 'open' | 'after_hours' | 'manual_redirection' | (string & {});

export interface Menu {
  id: number;
  name: string;
  type: MenuType;
  state: MenuState;
  /** Estimated waits in minutes for `GET /wait_times` (default 3 and 1). */
  waitTimes?: { voice_call: number; chat: number };
  /** The queue asks callers for recording permission, so `recording_permission` is evaluated. */
  asksRecordingPermission?: boolean;
}

export interface Ticket {
  /** The CRM contact the ticket belongs to (`end_user.out_contact_id`). */
  contactId: string;
  /** The platform's end-user id for that contact; a new one is made up when absent. */
  endUserId?: number;
}

export interface AgentInfo {
  id: number;
  name: string;
  last_name: string;
  first_name: string;
  agent_number: string | null;
  avatar_url: string | null;
}

export interface SelectedMenu {
  id: number;
  name: string;
  parent_id: number | null;
  position: number;
  deleted: boolean;
  menu_type: MenuType;
  output_msg: string;
  hidden: boolean;
}

export interface MenuPath {
  items_count: number;
  name: string;
  materialized_path: string;
}

export interface EndUser {
  id: number;
  identifier: string | null;
  out_contact_id: string | null;
}

export interface Participant {
  id: number;
  type: 'end_user' | 'agent' | 'virtual_agent' | (string & {});
  status: string;
  call_id: number;
  user_id: number | null;
  end_user_id: number | null;
  call_duration: number | null;
  hold_duration: number | null;
  connected_at: string | null;
  ended_at: string | null;
  fail_reason: string;
}

export interface Transfer {
  id: number;
  status: string;
  fail_reason: string;
  created_at: string;
  from_menu: MenuPath | null;
  to_menu: MenuPath | null;
  from_agent: AgentInfo | null;
  to_agent: AgentInfo | null;
}

/** A call object with every key the API documentation shows. */
export interface CallObject {
  id: number;
  parent_id: number | null;
  lang: string;
  call_type: string;
  status: string;
  created_at: string;
  queued_at: string | null;
  assigned_at: string | null;
  connected_at: string | null;
  ends_at: string | null;
  scheduled_at: string | null;
  wait_duration: number;
  call_duration: number;
  hold_duration: number;
  rating: number | null;
  has_feedback: boolean;
  voip_provider: string;
  out_ticket_id: string | null;
  out_ticket_url: string | null;
  verified: boolean;
  recording_url: string | null;
  recording_permission: string;
  voicemail_reason: string;
  deflection: string;
  disconnected_by: string;
  fail_reason: string;
  fail_details: string | null;
  support_number: string | null;
  selected_menu: SelectedMenu | null;
  menu_path: MenuPath | null;
  agent_info: AgentInfo | null;
  end_user: EndUser | null;
  photos: { id: number; photo_type: string; url: string }[];
  videos: { id: number; url: string }[];
  transfers: Transfer[];
  deflection_details: unknown[];
  participants: Participant[];
  offer_type: 'cascade' | (string & {}) | null;
  offer_events: { casting_time: string; group: string }[];
  answer_type: string;
  outbound_number: string | null;
}

export interface World {
  /** The mock's clock: an ISO 8601 instant, or `null` for the real clock. */
  now: string | null;
  /** Languages the tenant offers (exact, case-sensitive; `es` also covers `es-MX`). */
  languages: string[];
  /** The tenant's global default outbound number (inbound/scheduled calls, agents without one). */
  defaultOutboundNumber: string;
  /** By email. */
  agents: Record<string, Agent>;
  menus: Record<number, Menu>;
  /** By CRM ticket id (a string: `ticket_id: 71450` is looked up as `"71450"`). */
  tickets: Record<string, Ticket>;
  calls: Record<number, CallObject>;
  /** By call id; a known call without an entry reads as all false. */
  flags: Record<number, CustomerFlags>;
  /**
   * By call id: when a rule last created or changed the call (ISO instant). The Manager API's
   * `updated_at` is the latest of this and the call's own timestamps, so a call changed by hand
   * (tests, the demo) still reads sensibly.
   */
  updatedAt: Record<number, string>;
}

const ADMIN: Agent = {
  id: 1,
  firstName: 'Admin',
  lastName: 'UJET',
  canCall: true,
  available: true,
  outboundNumbers: ['+1 339-219-5276'],
  avatarUrl: 'https://somedomain.com/default-profile.png',
};

const LOCK_STAR: Menu = {
  id: 9,
  name: 'Lock Star',
  type: 'mobile_menu',
  state: 'open',
  waitTimes: { voice_call: 3, chat: 1 },
};

/** A fresh copy of the default world of `widgets.md`. */
export function createDefaultWorld(): World {
  return {
    now: null,
    languages: ['en', 'ja', 'es'],
    defaultOutboundNumber: '+1 339-219-5276',
    agents: {
      'admin@somedomain.com': structuredClone(ADMIN),
      'agent@somedomain.com': {
        id: 2,
        firstName: 'Avery',
        lastName: 'Agent',
        canCall: true,
        available: false,
        outboundNumbers: ['+1 339-219-5276'],
      },
      'allen@somedomain.com': {
        id: 3,
        firstName: 'Allen',
        lastName: 'Smith',
        canCall: false,
        available: true,
        outboundNumbers: ['+1 339-219-5276'],
      },
    },
    menus: {
      9: structuredClone(LOCK_STAR),
      10: { id: 10, name: 'Lock Star Web', type: 'web_menu', state: 'open', waitTimes: { voice_call: 5, chat: 2 } },
      50: { id: 50, name: 'Lock Star Email', type: 'email_menu', state: 'open' },
    },
    tickets: {
      '71450': { contactId: '381630957514', endUserId: 67 },
      '76517': { contactId: '389391400633', endUserId: 75 },
    },
    calls: {
      // An earlier inbound call on menu 9 that was answered and ended: the parent of S7.
      514: {
        ...blankCall(514, CALL_TYPES.inbound, 'finished', 'en', '2019-09-09T23:40:02.000Z'),
        queued_at: '2019-09-09T23:40:02.318Z',
        assigned_at: '2019-09-09T23:41:10.052Z',
        connected_at: '2019-09-09T23:41:15.790Z',
        ends_at: '2019-09-09T23:47:31.204Z',
        wait_duration: 73,
        call_duration: 375,
        out_ticket_id: '76517',
        disconnected_by: 'disconnected_by_end_user',
        selected_menu: selectedMenuOf(9, LOCK_STAR),
        menu_path: menuPathOf(9, LOCK_STAR),
        agent_info: agentInfoOf(ADMIN),
        end_user: { id: 75, identifier: null, out_contact_id: '389391400633' },
        participants: [
          participant(818, 'end_user', 514, null, 75, '2019-09-09T23:41:15.790Z', '2019-09-09T23:47:31.204Z', 375),
          participant(819, 'agent', 514, 1, null, '2019-09-09T23:41:15.790Z', '2019-09-09T23:47:31.204Z', 375),
        ],
        offer_type: 'cascade',
        offer_events: [{ casting_time: '2019-09-09T23:40:02.000Z', group: 'Group 1' }],
        outbound_number: '+1 339-219-5276',
      },
    },
    flags: {
      514: { verified_customer: true, bad_actor: false, repeat_customer: false },
    },
    updatedAt: {},
  };
}

function participant(
  id: number,
  type: 'end_user' | 'agent',
  callId: number,
  userId: number | null,
  endUserId: number | null,
  connectedAt: string,
  endedAt: string,
  duration: number,
): Participant {
  return {
    id,
    type,
    status: 'finished',
    call_id: callId,
    user_id: userId,
    end_user_id: endUserId,
    call_duration: duration,
    hold_duration: 0,
    connected_at: connectedAt,
    ended_at: endedAt,
    fail_reason: 'nothing',
  };
}
