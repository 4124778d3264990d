/** Building the initial world from overrides, and putting it back in place on `reset()`. */
import type { Agent, CallObject, CustomerFlags, Menu, Ticket, World } from './world.js';

/**
 * A partial world. Entity maps merge per key, each entity shallow-merged onto the default one
 * (`{ menus: { 9: { state: 'after_hours' } } }` keeps the rest of menu 9 and the other menus);
 * `now`, `languages` and `defaultOutboundNumber` replace; `updatedAt` merges per key.
 */
export interface WorldOverrides {
  now?: string | null;
  languages?: string[];
  defaultOutboundNumber?: string;
  agents?: Record<string, Partial<Agent>>;
  menus?: Record<number, Partial<Menu>>;
  tickets?: Record<string, Partial<Ticket>>;
  calls?: Record<number, Partial<CallObject>>;
  flags?: Record<number, Partial<CustomerFlags>>;
  updatedAt?: Record<number, string>;
}

const ENTITY_MAPS = ['agents', 'menus', 'tickets', 'calls', 'flags'] as const;
type EntityMapName = (typeof ENTITY_MAPS)[number];

function mergeMap<T extends object>(
  base: Record<string, T>,
  overrides: Record<string, Partial<T>> | undefined,
): Record<string, T> {
  const merged = { ...base };
  for (const [key, entity] of Object.entries(overrides ?? {})) {
    // A key absent from the defaults adds an entity: the caller is responsible for its completeness.
    merged[key] = { ...merged[key], ...entity } as T;
  }
  return merged;
}

export function mergeWorld(base: World, overrides: WorldOverrides = {}): World {
  const world: World = structuredClone(base);
  if (overrides.now !== undefined) world.now = overrides.now;
  if (overrides.languages) world.languages = [...overrides.languages];
  if (overrides.defaultOutboundNumber !== undefined) world.defaultOutboundNumber = overrides.defaultOutboundNumber;
  for (const name of ENTITY_MAPS) {
    const map = mergeMap<object>(world[name], overrides[name] as Record<string, object> | undefined);
    (world as Record<EntityMapName, Record<string, object>>)[name] = structuredClone(map);
  }
  world.updatedAt = { ...world.updatedAt, ...overrides.updatedAt };
  return world;
}

function refill<T>(target: Record<string, T>, source: Record<string, T>): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, structuredClone(source));
}

/**
 * Restores `snapshot` into `world` without replacing it, nor its entity maps or language list,
 * so references held by a test or the demo panel stay live.
 */
export function restoreWorld(world: World, snapshot: World): void {
  world.now = snapshot.now;
  world.defaultOutboundNumber = snapshot.defaultOutboundNumber;
  world.languages.splice(0, world.languages.length, ...snapshot.languages);
  for (const name of ENTITY_MAPS) {
    refill<object>(world[name], snapshot[name]);
  }
  refill(world.updatedAt, snapshot.updatedAt);
}
