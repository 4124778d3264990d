/**
 * What a visitor may see of a call: its id, status, times, language, the agent's display name and
 * the fail reason. No recording URL, no agent or outbound numbers, no end-user identifiers, no menu
 * internals, no parent call.
 */
const TIMES = ['created_at', 'queued_at', 'assigned_at', 'connected_at', 'ends_at', 'scheduled_at'] as const;

export interface VisitorCall {
  id: number;
  status: string;
  call_type?: string;
  lang?: string;
  created_at?: string | null;
  queued_at?: string | null;
  assigned_at?: string | null;
  connected_at?: string | null;
  ends_at?: string | null;
  scheduled_at?: string | null;
  fail_reason?: string | null;
  agent_info: { name: string } | null;
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

function agentName(agent: unknown): string | undefined {
  if (typeof agent !== 'object' || agent === null) return undefined;
  const { name, first_name, last_name } = agent as Record<string, unknown>;
  if (typeof name === 'string' && name.trim()) return name.trim();
  const joined = [first_name, last_name].filter((part) => typeof part === 'string' && part.trim()).join(' ');
  return joined || undefined;
}

export function trimCall(call: Record<string, unknown> & { id: number; status: string }): VisitorCall {
  const trimmed: VisitorCall = { id: call.id, status: call.status, agent_info: null };
  if (typeof call.call_type === 'string') trimmed.call_type = call.call_type;
  if (typeof call.lang === 'string') trimmed.lang = call.lang;
  for (const name of TIMES) trimmed[name] = stringOrNull(call[name]);
  trimmed.fail_reason = stringOrNull(call.fail_reason);
  const name = agentName(call.agent_info);
  if (name) trimmed.agent_info = { name };
  return trimmed;
}

/** Wait times per menu without the menu's place in the tree. */
export function trimWaitTime(entry: Record<string, unknown>): Record<string, unknown> {
  const { menu_id, voice_call, chat, logged_in_agents, available_agents } = entry;
  return { menu_id, voice_call, chat, logged_in_agents, available_agents };
}
