/** W1–W2: `GET /wait_times?lang=en&menu_id=9[&menu_type=…][&channel_type=voice_call|chat]`. */
import type { Menu, World } from '../world.js';
import {
  entryOf,
  fail,
  firstAnswer,
  languageAvailable,
  languageKnown,
  wellFormedId,
  type Outcome,
  type Rule,
} from './common.js';

interface WaitTimesContext {
  world: World;
  query: URLSearchParams;
}

const DEFAULT_WAITS = { voice_call: 3, chat: 1 };
const CHANNELS = ['voice_call', 'chat'] as const;

const langRequired: Rule<WaitTimesContext> = ({ query }) => (query.get('lang') ? undefined : fail('lang is required'));

const langKnown: Rule<WaitTimesContext> = ({ query }) => languageKnown(query.get('lang') ?? '');

const langOffered: Rule<WaitTimesContext> = ({ world, query }) => languageAvailable(world, query.get('lang') ?? '');

/** Extension: the same messages as `POST /calls` for a malformed or unknown menu filter. */
const menuFilterValid: Rule<WaitTimesContext> = ({ world, query }) => {
  const raw = query.get('menu_id');
  if (raw === null || raw === '') return undefined;
  const id = wellFormedId(raw);
  if (id === undefined) return fail('menu_id is not well formed');
  return entryOf(world.menus, id) ? undefined : fail(`menu_id ${raw} is not found`);
};

/** Extension: the wait-time page names only these two channels. */
const channelFilterValid: Rule<WaitTimesContext> = ({ query }) => {
  const channel = query.get('channel_type');
  return channel === null || channel === '' || (CHANNELS as readonly string[]).includes(channel)
    ? undefined
    : fail('channel_type must be voice_call or chat');
};

export const WAIT_TIME_RULES: readonly Rule<WaitTimesContext>[] = [
  langRequired,
  langKnown,
  langOffered,
  menuFilterValid,
  channelFilterValid,
];

/**
 * One entry per menu (filtered), waits in minutes. Agent counts come from the world: every agent
 * counts as logged in, the `available` ones as available; nobody is a breakthrough agent.
 */
export function readWaitTimes(world: World, query: URLSearchParams): Outcome {
  const refusal = firstAnswer(WAIT_TIME_RULES, { world, query });
  if (refusal) return refusal;
  const menuId = wellFormedId(query.get('menu_id'));
  const menuType = query.get('menu_type') || undefined;
  const channel = query.get('channel_type') || undefined;
  const agents = Object.values(world.agents);
  const entries = Object.entries(world.menus)
    .map(([key, menu]): [number, Menu] => [Number(key), menu])
    .filter(
      ([id, menu]) => (menuId === undefined || id === menuId) && (menuType === undefined || menu.type === menuType),
    )
    .map(([id, menu]) => {
      const waits = menu.waitTimes ?? DEFAULT_WAITS;
      return {
        menu_id: id,
        menu_type: menu.type,
        voice_call: channel === 'chat' ? null : waits.voice_call,
        chat: channel === 'voice_call' ? null : waits.chat,
        materialized_path: String(id),
        logged_in_agents: agents.length,
        available_agents: agents.filter((agent) => agent.available).length,
        breakthrough_agents: 0,
      };
    });
  return { status: 200, body: entries };
}
