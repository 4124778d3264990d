/** `POST /calls` (the call type picks the rules), `GET /calls/:id` and the cancel endpoint. */
import { CALL_TYPES, normalizeCallType } from '../../core/calls.js';
import type { World } from '../world.js';
import { CALL_NOT_FOUND, entryOf, fail, markChanged, wellFormedId, type Outcome, type Params } from './common.js';
import { createMenuCall } from './menu-calls.js';
import { createOutboundCall } from './outbound.js';

/** O11, I3, S3: anything but the three call types and their deprecated aliases is refused first. */
export function createCall(world: World, params: Params): Outcome {
  switch (normalizeCallType(params.call_type)) {
    case CALL_TYPES.outbound:
      return createOutboundCall(world, params);
    case CALL_TYPES.inbound:
      return createMenuCall(world, params, 'inbound');
    case CALL_TYPES.scheduled:
      return createMenuCall(world, params, 'scheduled');
    default:
      return fail('Invalid call type');
  }
}

/** `GET /calls/:id`: not documented by the platform; assumed so that call status can be polled. */
export function readCall(world: World, id: string): Outcome {
  const call = entryOf(world.calls, wellFormedId(id) ?? -1);
  return call ? { status: 200, body: call } : CALL_NOT_FOUND();
}

/**
 * C1–C3. A call in another status than `scheduled` or `cancelled` (already queued, finished, …)
 * is left as it is and returned with 200: the callback page documents no error for it.
 */
export function cancelScheduledCall(world: World, id: string): Outcome {
  const call = entryOf(world.calls, wellFormedId(id) ?? -1);
  if (!call) return CALL_NOT_FOUND();
  if (call.status === 'cancelled') return { status: 204 };
  if (call.status === 'scheduled') {
    call.status = 'cancelled';
    markChanged(world, call.id);
  }
  return { status: 200, body: call };
}
