/**
 * `GET /manager/api/v1/calls/:id` (calls-api.md §6): the Manager API's read of one call, the
 * Apps API call object plus `updated_at`. The platform has no per-endpoint page for it: assumed.
 */
import type { CallObject, World } from '../world.js';
import { CALL_NOT_FOUND, entryOf, wellFormedId, type Outcome } from './common.js';

/** The instants at which something happened to the call (`scheduled_at` is a plan, not a change). */
function instantsOf(call: CallObject): unknown[] {
  return [
    call.created_at,
    call.queued_at,
    call.assigned_at,
    call.connected_at,
    call.ends_at,
    ...(call.participants ?? []).flatMap((participant) => [participant.connected_at, participant.ended_at]),
    ...(call.transfers ?? []).map((transfer) => transfer.created_at),
  ];
}

/** The latest of the rules' last change and the call's own timestamps; `created_at` as is if none parses. */
export function updatedAtOf(world: World, call: CallObject): string {
  const times = [entryOf(world.updatedAt, call.id), ...instantsOf(call)]
    .map((value) => (typeof value === 'string' ? Date.parse(value) : NaN))
    .filter(Number.isFinite);
  return times.length ? new Date(Math.max(...times)).toISOString() : call.created_at;
}

export function readManagerCall(world: World, id: string): Outcome {
  const call = entryOf(world.calls, wellFormedId(id) ?? -1);
  return call ? { status: 200, body: { ...call, updated_at: updatedAtOf(world, call) } } : CALL_NOT_FOUND();
}
