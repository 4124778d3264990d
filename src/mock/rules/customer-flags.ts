/** F1–F3: `GET|PATCH /calls/:id/customer_flag`. */
import { CUSTOMER_FLAG_NAMES, type CustomerFlagName, type CustomerFlags } from '../../core/calls.js';
import type { World } from '../world.js';
import { CALL_NOT_FOUND, entryOf, fail, wellFormedId, type Outcome, type Params } from './common.js';

/**
 * Keys a PATCH may carry. The page's example spells one flag `repeat_customers`; both spellings
 * are read, the correct one last so that it wins when both are sent.
 */
const SPELLINGS: readonly (readonly [string, CustomerFlagName])[] = [
  ['verified_customer', 'verified_customer'],
  ['bad_actor', 'bad_actor'],
  ['repeat_customers', 'repeat_customer'],
  ['repeat_customer', 'repeat_customer'],
];

function flagsOf(world: World, callId: number): CustomerFlags {
  const stored = entryOf(world.flags, callId);
  return Object.fromEntries(CUSTOMER_FLAG_NAMES.map((name) => [name, stored?.[name] === true])) as CustomerFlags;
}

function knownCallId(world: World, id: string): number | undefined {
  const callId = wellFormedId(id);
  return callId !== undefined && entryOf(world.calls, callId) ? callId : undefined;
}

export function readCustomerFlags(world: World, id: string): Outcome {
  const callId = knownCallId(world, id);
  return callId === undefined ? CALL_NOT_FOUND() : { status: 200, body: flagsOf(world, callId) };
}

/**
 * Any subset of the three flags; unknown keys are ignored. A non-boolean value refuses the whole
 * update (extension message).
 */
export function updateCustomerFlags(world: World, id: string, params: Params): Outcome {
  const callId = knownCallId(world, id);
  if (callId === undefined) return CALL_NOT_FOUND();
  const update: Partial<CustomerFlags> = {};
  for (const [key, name] of SPELLINGS) {
    if (!Object.hasOwn(params, key)) continue;
    const value = params[key];
    if (typeof value !== 'boolean') return fail(`${key} must be true or false`);
    update[name] = value;
  }
  const flags = { ...flagsOf(world, callId), ...update };
  world.flags[callId] = flags;
  return { status: 200, body: { ...flags } };
}
