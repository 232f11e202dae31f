/**
 * zod schemas of the rosbridge v2 operations the simulator accepts, and parsing of inbound frames.
 *
 * Source: rosbridge v2 protocol spec,
 * https://github.com/RobotWebTools/rosbridge_suite/blob/ros2/ROSBRIDGE_PROTOCOL.md.
 * Every accepted operation is a strict object: a field not in the spec is an error that names it.
 */
import { z } from 'zod';
import { describe, formatIssues } from './messages.ts';

/** Operation `id`: "an arbitrary string or integer ID" that responses and status messages echo. */
export const IdSchema = z.union([z.string(), z.number().int()]);
/** Operation id as seen by handlers. */
export type OpId = z.infer<typeof IdSchema>;

const name = z.string().min(1, 'must be a non-empty string');
const count = z.number().int().min(0);
/** Compression schemes named by the spec; the simulator always answers in JSON ("none"). */
const compression = z.enum(['none', 'png', 'cbor', 'cbor-raw']);

/** `advertise`: the client will publish `type` on `topic`. `latch` and `queue_size` are sent by roslib. */
export const AdvertiseSchema = z.strictObject({
  op: z.literal('advertise'), id: IdSchema.optional(), topic: name, type: name,
  latch: z.boolean().optional(), queue_size: count.optional(),
});
/** `unadvertise`: stop publishing on `topic`. */
export const UnadvertiseSchema = z.strictObject({ op: z.literal('unadvertise'), id: IdSchema.optional(), topic: name });
/** `publish`: send `msg` on `topic`. */
export const PublishSchema = z.strictObject({
  op: z.literal('publish'), id: IdSchema.optional(), topic: name, msg: z.unknown().refine((v) => v !== undefined, 'is required'),
  latch: z.boolean().optional(),
});
/**
 * `subscribe`: request messages of `topic`. `throttle_rate` is the minimum time between messages
 * in ms; `queue_length` is the number of messages buffered while throttled (0 = drop).
 * `fragment_size`, `compression` and `qos` are accepted; messages are always sent whole, as JSON.
 */
export const SubscribeSchema = z.strictObject({
  op: z.literal('subscribe'), id: IdSchema.optional(), topic: name, type: name.optional(),
  throttle_rate: count.optional(), queue_length: count.optional(), fragment_size: z.number().int().min(1).optional(),
  compression: compression.optional(), qos: z.record(z.string(), z.unknown()).optional(),
});
/** `unsubscribe`: with `id`, only that subscription ends; without, all of the client's subscriptions to `topic`. */
export const UnsubscribeSchema = z.strictObject({ op: z.literal('unsubscribe'), id: IdSchema.optional(), topic: name });
/** `call_service`: call `service` with `args` (an object, or a list per the spec). `timeout` in s. */
export const CallServiceSchema = z.strictObject({
  op: z.literal('call_service'), id: IdSchema.optional(), service: name, type: name.optional(),
  args: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  fragment_size: z.number().int().min(1).optional(), compression: compression.optional(), timeout: z.number().optional(),
});
/** `set_level`: minimum level of `status` messages sent to this client (default "error", as rosbridge). */
export const SetLevelSchema = z.strictObject({
  op: z.literal('set_level'), id: IdSchema.optional(), level: z.enum(['info', 'warning', 'error', 'none']),
});

/**
 * `send_action_goal` (spec §3.2.12): send goal `args` to `action` of type `action_type`; `feedback: true`
 * asks for `action_feedback` messages. `id` identifies the goal for `cancel_action_goal` and the replies.
 */
export const SendActionGoalSchema = z.strictObject({
  op: z.literal('send_action_goal'), id: IdSchema.optional(), action: name, action_type: name,
  args: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  feedback: z.boolean().optional(), fragment_size: z.number().int().min(1).optional(), compression: compression.optional(),
});
/** `cancel_action_goal` (spec §3.2.13): cancel the in-progress goal of `action` sent with this `id`. */
export const CancelActionGoalSchema = z.strictObject({ op: z.literal('cancel_action_goal'), id: IdSchema, action: name });

/** Every operation the simulator implements, keyed by `op`. */
export const OP_SCHEMAS = {
  advertise: AdvertiseSchema,
  unadvertise: UnadvertiseSchema,
  publish: PublishSchema,
  subscribe: SubscribeSchema,
  unsubscribe: UnsubscribeSchema,
  call_service: CallServiceSchema,
  set_level: SetLevelSchema,
  send_action_goal: SendActionGoalSchema,
  cancel_action_goal: CancelActionGoalSchema,
} as const;

/** Name of an implemented operation. */
export type OpName = keyof typeof OP_SCHEMAS;
/** A parsed, valid inbound operation. */
export type InboundOp = { [K in OpName]: z.infer<(typeof OP_SCHEMAS)[K]> }[OpName];

/**
 * Operations in the spec that this simulator deliberately does not implement (answered with an error
 * status): fragments and PNG, and client-side service and action servers.
 */
export const UNSUPPORTED_OPS: readonly string[] = [
  'fragment', 'png', 'auth', 'advertise_service', 'unadvertise_service', 'service_response',
  'advertise_action', 'unadvertise_action', 'action_feedback', 'action_result',
];

/** Status levels in increasing severity; a client receives statuses at or above its `set_level`. */
export const STATUS_LEVELS = ['info', 'warning', 'error', 'none'] as const;
/** A status level. */
export type StatusLevel = (typeof STATUS_LEVELS)[number];

/** Outbound `status` message (rosbridge "log" message). */
export interface StatusMessage {
  op: 'status';
  level: Exclude<StatusLevel, 'none'>;
  msg: string;
  id?: OpId;
}

/** Result of {@link parseFrame}: a valid operation, or an error text and the `id` if one could be read. */
export type ParsedFrame = { ok: true; op: InboundOp } | { ok: false; error: string; id?: OpId };

const Envelope = z.looseObject({ op: z.string() });

/** Parses one text frame: JSON, then the envelope (`op`), then the operation's strict schema. Never throws. */
export function parseFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: `a rosbridge message must be a JSON object with a string field 'op', received ${describe(raw)}` };
  }
  const rawId = (raw as { id?: unknown }).id;
  const id = IdSchema.safeParse(rawId).success ? (rawId as OpId) : undefined;
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, id, error: `field 'op': ${'op' in raw ? `expected a string, received ${describe((raw as { op: unknown }).op)}` : 'is required'}` };
  }
  const opName = envelope.data.op;
  if (!Object.hasOwn(OP_SCHEMAS, opName)) {
    const why = UNSUPPORTED_OPS.includes(opName) ? `op '${opName}' is not supported by the simulator` : `unknown op '${opName}'`;
    return { ok: false, id, error: `${why}; supported ops: ${Object.keys(OP_SCHEMAS).join(', ')}` };
  }
  const parsed = OP_SCHEMAS[opName as OpName].safeParse(raw);
  if (!parsed.success) return { ok: false, id, error: `invalid '${opName}': ${formatIssues(parsed.error)}` };
  return { ok: true, op: parsed.data as InboundOp };
}
