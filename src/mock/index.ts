/**
 * `ccai-widgets/mock`: the CCAI Platform Calls API as MSW handlers, for tests and demos.
 *
 * ```ts
 * const mock = createCallsApiMock({ now: '2019-09-10T00:19:14Z', world: { menus: { 9: { state: 'after_hours' } } } });
 * setupServer(...mock.handlers).listen(); // or setupWorker(...mock.handlers).start()
 * mock.world.languages.push('fr');        // read at request time
 * mock.reset();                           // back to the initial world, in place
 * ```
 *
 * Every documented example of `calls-api.md` (O1–O13, I1–I13, S1–S14, F1–F3, C1–C3, W1–W2,
 * G1–G2) is reproduced with its exact message. Error bodies are always `{"message": "..."}`.
 *
 * Extensions: answers the documentation does not give, chosen here (all 400 unless noted):
 * - `scheduled_at is not well formed` — not an ISO 8601 date-time with `Z` or an offset.
 * - `scheduled_at must be in the future` — at or before the mock's clock.
 * - `call_id is not well formed` — scheduled `call_id` not an integer (or a string of digits).
 * - `call_id 9999 is not found` — scheduled `call_id` of no known call (the value as sent).
 * - `Contact not found` — for inbound and scheduled `ticket_id` too (documented for outbound only).
 * - `verified_customer must be true or false` (and likewise for each flag key, as sent) — PATCH
 *   customer_flag with a non-boolean value.
 * - `Call not found` (404) — `GET /calls/:id`, customer_flag and cancel with an unknown call id.
 * - `Resource not found` (404) — any other path or method under `/apps/api/v1` (G1).
 * - `GET /manager/api/v1/calls/:id` (the Manager API, calls-api.md §6; its read by id is assumed):
 *   200 with the call object plus `updated_at` — the latest of when a rule created or changed the
 *   call (creation, cancel; `world.updatedAt`) and the call's own timestamps (`created_at`,
 *   `queued_at`, `assigned_at`, `connected_at`, `ends_at`, participants' and transfers' times),
 *   so a call changed by hand reads sensibly too. 404 `Call not found` for an unknown id;
 *   `Resource not found` (404) for any other path or method under `/manager/api/v1`.
 * - `Missing parameters` — POST /calls or PATCH customer_flag whose body is not a JSON object (G2).
 * - `lang is required` — `GET /wait_times` without `lang` (W2); `Language '…' is not found` /
 *   `… is not available` as for calls; `menu_id is not well formed` / `menu_id 9999 is not
 *   found` for a bad `menu_id` filter; `channel_type must be voice_call or chat`.
 *
 * Interpretations beyond the spec's resolutions:
 * - "Present" means sent and neither `null` nor `""`. Agent emails match case-insensitively.
 * - Outbound `lang` is not validated (the spec's outbound order has no language step).
 * - O13's manual dial (`dialsTicketsManually`) applies to every outbound call of that agent, as
 *   the page's example sends a number, not a ticket; it is judged after the number choice (O10).
 * - Outbound number: the sent one when it is the agent's (digits compared), else the agent's
 *   first, else `world.defaultOutboundNumber`. Inbound/scheduled: the sent one when any agent
 *   manages it, else the default.
 * - Number calls have `end_user: null` (inbound and scheduled too: the page's I6/S6 `end_user`
 *   is copied from the ticket example). Ticket calls use `Ticket.endUserId` (67, 75 as on the page).
 * - Scheduled calls are not yet offered: `offer_type: null`, `offer_events: []`, `queued_at: null`.
 *   `call_id` is checked right after "menu_id or call_id present"; with both, `menu_id` wins for
 *   the menu and `call_id` is the parent. Inbound calls ignore `call_id`.
 * - `recording_permission` reads `not_asked` (as on the page) unless the menu has
 *   `asksRecordingPermission`, then `granted` / `denied` / `not_asked` from the request.
 * - `scheduled_at` must be ISO 8601 with `Z` or an offset (the client's own validator), and is
 *   returned normalised to UTC with milliseconds.
 * - Cancel: a call in any other status than `scheduled`/`cancelled` is returned unchanged with 200.
 * - Wait times list every menu in the world; every agent counts as logged in, the available ones
 *   as available, none as breakthrough; `channel_type` nulls the other channel's wait.
 * - Request bodies are parsed as JSON whatever their Content-Type; the cancel body is ignored.
 */
import type { HttpHandler } from 'msw';
import { createHandlers } from './handlers.js';
import { mergeWorld, restoreWorld, type WorldOverrides } from './state.js';
import { createDefaultWorld, type World } from './world.js';

export interface CallsApiMockOptions {
  /** The mock's clock, an ISO 8601 instant; `null` (default) follows the real clock. Wins over `world.now`. */
  now?: string | null;
  /** Merged onto the default world: entity maps per key, each entity shallow; arrays replace. */
  world?: WorldOverrides;
}

export interface CallsApiMock {
  /** MSW handlers for `*\/apps/api/v1/...` and `*\/manager/api/v1/...` on any origin. */
  handlers: HttpHandler[];
  /** The live, mutable world the handlers read at request time. */
  world: World;
  /** Restores the initial world in place (the same `world` object and maps). */
  reset(): void;
}

export function createCallsApiMock(options: CallsApiMockOptions = {}): CallsApiMock {
  const initial = mergeWorld(createDefaultWorld(), {
    ...options.world,
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  const world = structuredClone(initial);
  return {
    handlers: createHandlers(world),
    world,
    reset: () => restoreWorld(world, initial),
  };
}

export { createDefaultWorld };
export type { WorldOverrides };
export type {
  Agent,
  AgentInfo,
  CallObject,
  CustomerFlags,
  EndUser,
  Menu,
  MenuPath,
  MenuState,
  MenuType,
  Participant,
  SelectedMenu,
  Ticket,
  Transfer,
  World,
} from './world.js';
