/**
 * `POST /calls` with `call_type: "Voice Outbound (API)"` (O1–O13), in the spec's validation order:
 * agent email present → agent known → may call → available → ticket or number present →
 * ticket's contact found → number well-formed → outbound-number choice (202) → manual dial (202).
 */
import { endUserFor, outboundCall } from '../call-factory.js';
import type { Agent, World } from '../world.js';
import {
  contactFound,
  digitsOf,
  fail,
  firstAnswer,
  isPresent,
  isWellFormedNumber,
  langOf,
  markChanged,
  nowOf,
  ticketOf,
  type Outcome,
  type Params,
  type RequestContext,
  type Rule,
} from './common.js';

type OutboundContext = RequestContext;

/** Emails are matched without regard to case, as mail systems do. */
function agentOf({ world, params }: OutboundContext): Agent | undefined {
  if (typeof params.agent_email !== 'string') return undefined;
  const email = params.agent_email.trim().toLowerCase();
  const key = Object.keys(world.agents).find((candidate) => candidate.toLowerCase() === email);
  return key === undefined ? undefined : world.agents[key];
}

/** The ticket wins over `end_user_number`; `ticket_id: 71450` is looked up as `"71450"`. */
const agentEmailRequired: Rule<OutboundContext> = ({ params }) =>
  isPresent(params.agent_email) ? undefined : fail('Agent email required');

const agentKnown: Rule<OutboundContext> = (context) => (agentOf(context) ? undefined : fail('Not a valid agent email'));

const agentMayCall: Rule<OutboundContext> = (context) =>
  agentOf(context)?.canCall ? undefined : fail('Agent does not have access to make calls');

const agentAvailable: Rule<OutboundContext> = (context) =>
  agentOf(context)?.available ? undefined : fail('Agent is not available to take this call');

const ticketOrNumberRequired: Rule<OutboundContext> = ({ params }) =>
  isPresent(params.ticket_id) || isPresent(params.end_user_number)
    ? undefined
    : fail('ticket_id or end_user_number required');

/** With a ticket the number is not dialled, so it is not checked either. */
const numberWellFormed: Rule<OutboundContext> = ({ params }) =>
  isPresent(params.ticket_id) || isWellFormedNumber(params.end_user_number)
    ? undefined
    : fail('end_user_number is not well-formed');

/** One of the agent's numbers, matched by digits; `undefined` when none was sent or it is not theirs. */
function chosenNumber(agent: Agent, requested: unknown): string | undefined {
  const digits = digitsOf(requested);
  return digits === '' ? undefined : agent.outboundNumbers.find((number) => digitsOf(number) === digits);
}

/** What the adapter is handed when a person must act: the accepted parameters, as sent. */
function acceptedParams(params: Params): Params {
  const accepted: Params = { call_type: params.call_type, agent_email: params.agent_email };
  if (isPresent(params.end_user_number)) accepted.end_user_number = params.end_user_number;
  if (isPresent(params.ticket_id)) accepted.ticket_id = params.ticket_id;
  accepted.lang = langOf(params);
  return accepted;
}

/** O10/O12: several numbers and none of them chosen → the agent picks one in the adapter. */
const outboundNumberChosen: Rule<OutboundContext> = (context) => {
  const agent = agentOf(context);
  if (!agent || agent.outboundNumbers.length <= 1 || chosenNumber(agent, context.params.outbound_number))
    return undefined;
  return { status: 202, body: acceptedParams(context.params) };
};

/** O13: the agent's adapter is set to dial API outbound calls by hand → accepted, empty body. */
const placedAutomatically: Rule<OutboundContext> = (context) =>
  agentOf(context)?.dialsTicketsManually ? { status: 202 } : undefined;

export const OUTBOUND_RULES: readonly Rule<OutboundContext>[] = [
  agentEmailRequired,
  agentKnown,
  agentMayCall,
  agentAvailable,
  ticketOrNumberRequired,
  contactFound,
  numberWellFormed,
  outboundNumberChosen,
  placedAutomatically,
];

/** Runs the outbound rules; on success stores the new call (all flags false) and answers 201. */
export function createOutboundCall(world: World, params: Params): Outcome {
  const context = { world, params };
  const refusal = firstAnswer(OUTBOUND_RULES, context);
  if (refusal) return refusal;
  const agent = agentOf(context) as Agent;
  const ticket = ticketOf(context);
  const call = outboundCall(world, nowOf(world), {
    lang: langOf(params),
    agent,
    // The sent number when it is one of the agent's, else the agent's only one, else the tenant's.
    outboundNumber:
      chosenNumber(agent, params.outbound_number) ?? agent.outboundNumbers[0] ?? world.defaultOutboundNumber,
    ticketId: ticket ? String(params.ticket_id) : null,
    endUser: ticket ? endUserFor(world, ticket.contactId, ticket.endUserId) : null,
  });
  world.calls[call.id] = call;
  markChanged(world, call.id);
  world.flags[call.id] = { verified_customer: false, bad_actor: false, repeat_customer: false };
  return { status: 201, body: call };
}
