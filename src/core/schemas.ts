/**
 * zod schemas for what crosses the wire. Built with `zod/mini` (tree-shakable) to keep widgets small.
 *
 * Response schemas are deliberately tolerant: the API's own examples disagree about nulls and
 * even contain typos, and new enum values appear over time. A call object is refused only when
 * the UI could not work with it (`id` not a number, `status` not a string); any other known field
 * of the wrong type is dropped (read as `undefined`), and unknown keys are kept.
 */
import * as z from 'zod/mini';
import { CALL_TYPES, DEPRECATED_CALL_TYPES, LANG_TAG, RECORDING_PERMISSIONS } from './calls.js';

/** A field that may be missing, null, or of an unexpected type (then read as `undefined`). */
const tolerant = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(z.nullable(schema)), undefined);

const timestamp = tolerant(z.string());
const text = tolerant(z.string());
const count = tolerant(z.number());

export const agentInfoSchema = z.looseObject({
  id: count,
  name: text,
  first_name: text,
  last_name: text,
  agent_number: text,
  avatar_url: text,
});

export const menuSchema = z.looseObject({
  id: count,
  name: text,
  parent_id: count,
  position: count,
  menu_type: text,
  output_msg: text,
});

export const menuPathSchema = z.looseObject({
  items_count: count,
  name: text,
  materialized_path: text,
});

export const endUserSchema = z.looseObject({
  id: count,
  identifier: text,
  out_contact_id: text,
});

export const participantSchema = z.looseObject({
  id: count,
  type: text,
  status: text,
  call_id: count,
  user_id: count,
  end_user_id: count,
  connected_at: timestamp,
  ended_at: timestamp,
  fail_reason: text,
});

const list = <T extends z.ZodMiniType>(item: T) => z.catch(z.optional(z.array(item)), undefined);

export const callSchema = z.looseObject({
  id: z.number(),
  status: z.string(),
  parent_id: count,
  lang: text,
  call_type: text,
  created_at: timestamp,
  queued_at: timestamp,
  assigned_at: timestamp,
  connected_at: timestamp,
  ends_at: timestamp,
  scheduled_at: timestamp,
  wait_duration: count,
  call_duration: count,
  hold_duration: count,
  rating: count,
  has_feedback: tolerant(z.boolean()),
  verified: tolerant(z.boolean()),
  out_ticket_id: text,
  fail_reason: text,
  fail_details: text,
  recording_permission: text,
  support_number: text,
  outbound_number: text,
  selected_menu: tolerant(menuSchema),
  menu_path: tolerant(menuPathSchema),
  agent_info: tolerant(agentInfoSchema),
  end_user: tolerant(endUserSchema),
  participants: list(participantSchema),
});

/** A call object as the client hands it out. Unknown keys are kept (typed `unknown`). */
export type Call = z.infer<typeof callSchema>;

export const customerFlagsSchema = z.object({
  verified_customer: z.boolean(),
  bad_actor: z.boolean(),
  repeat_customer: z.boolean(),
});

export const customerFlagsUpdateSchema = z.partial(customerFlagsSchema);

export const waitTimeSchema = z.looseObject({
  menu_id: z.number(),
  menu_type: text,
  voice_call: count,
  chat: count,
  materialized_path: text,
  logged_in_agents: count,
  available_agents: count,
  breakthrough_agents: count,
});

export type WaitTime = z.infer<typeof waitTimeSchema>;
export const waitTimesSchema = z.array(waitTimeSchema);

// --- Requests -------------------------------------------------------------------------------
// Strict about types, silent about what only the server can know (agents, menus, tickets).

const callTypeOf = (current: string, deprecated: string) => z.enum([current, deprecated] as [string, string]);
const lang = z.optional(z.string().check(z.regex(LANG_TAG, 'lang must be an ISO 639-1 code such as "en" or "fr-CA"')));
const phone = z.string().check(z.minLength(1, 'end_user_number is required'));
const menuId = z.int().check(z.positive('menu_id must be a positive integer'));
const recordingPermission = z.optional(z.enum(RECORDING_PERMISSIONS));

export const outboundCallRequestSchema = z
  .looseObject({
    call_type: callTypeOf(CALL_TYPES.outbound, 'OutboundCall'),
    agent_email: z.string().check(z.minLength(1, 'agent_email is required')),
    ticket_id: z.optional(z.string()),
    end_user_number: z.optional(phone),
    outbound_number: z.optional(z.string()),
    lang,
  })
  .check(
    z.refine((value) => value.ticket_id !== undefined || value.end_user_number !== undefined, {
      message: 'ticket_id or end_user_number required',
      path: ['end_user_number'],
    }),
  );

export const inboundCallRequestSchema = z.looseObject({
  call_type: callTypeOf(CALL_TYPES.inbound, 'IncomingCall'),
  menu_id: menuId,
  end_user_number: phone,
  ticket_id: z.optional(z.string()),
  outbound_number: z.optional(z.string()),
  lang,
  recording_permission: recordingPermission,
});

export const scheduledCallRequestSchema = z
  .looseObject({
    call_type: callTypeOf(CALL_TYPES.scheduled, 'ScheduledCall'),
    menu_id: z.optional(menuId),
    call_id: z.optional(z.int().check(z.positive('call_id must be a positive integer'))),
    end_user_number: phone,
    scheduled_at: z.iso.datetime({ offset: true, message: 'scheduled_at must be an ISO 8601 date-time' }),
    ticket_id: z.optional(z.string()),
    lang,
    recording_permission: recordingPermission,
  })
  .check(
    z.refine((value) => value.menu_id !== undefined || value.call_id !== undefined, {
      message: 'menu_id is required',
      path: ['menu_id'],
    }),
  );

export type OutboundCallRequest = z.input<typeof outboundCallRequestSchema> & {
  call_type: typeof CALL_TYPES.outbound | 'OutboundCall';
};
export type InboundCallRequest = z.input<typeof inboundCallRequestSchema> & {
  call_type: typeof CALL_TYPES.inbound | 'IncomingCall';
};
export type ScheduledCallRequest = z.input<typeof scheduledCallRequestSchema> & {
  call_type: typeof CALL_TYPES.scheduled | 'ScheduledCall';
};
export type CreateCallRequest = OutboundCallRequest | InboundCallRequest | ScheduledCallRequest;

export const requestSchemaByType = {
  [CALL_TYPES.outbound]: outboundCallRequestSchema,
  [CALL_TYPES.inbound]: inboundCallRequestSchema,
  [CALL_TYPES.scheduled]: scheduledCallRequestSchema,
} as const;

export { DEPRECATED_CALL_TYPES };
