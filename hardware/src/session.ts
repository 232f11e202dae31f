/**
 * One WebSocket client of the rosbridge server: parses its frames and carries out its operations.
 *
 * Semantics follow the rosbridge v2 spec and rosbridge_library's capabilities: errors are reported
 * with `status` messages (level "error", echoing the operation's `id`) and the offending operation
 * is dropped; a failed `call_service` also gets a `service_response` with `result: false` and the
 * error text in `values`, as rosbridge's call_service capability does, and a goal that cannot be sent
 * gets an `action_result` with `result: false`, `status` 0 (UNKNOWN) and the error text in `values`,
 * as rosbridge's send_action_goal capability does.
 */
import type { z } from 'zod';
import { actionTypeMatches, type ActionDefinition, type GoalRegistry } from './actions.ts';
import { GOAL_STATUS } from './interfaces.ts';
import { canonicalTypeName, formatIssues, lookupMessageType, MESSAGE_TYPE_NAMES, validateMessage, validateWith } from './messages.ts';
import {
  parseFrame, STATUS_LEVELS,
  type InboundOp, type OpId, type StatusLevel, type StatusMessage,
} from './protocol.ts';
import { TopicSubscription } from './subscription.ts';

/** A topic known to the server. */
export interface TopicInfo {
  /** Topic name, e.g. `/cmd_vel`. */
  name: string;
  /** Canonical ROS 2 message type, e.g. `geometry_msgs/msg/Twist`. */
  type: string;
  /**
   * `out`: published by the simulator, clients may only subscribe; `in`: the simulator consumes it,
   * clients publish and may subscribe; `relay`: created by clients, relayed between them.
   */
  direction: 'in' | 'out' | 'relay';
  /** For latched topics: the current message, sent to each new subscriber at once (like a transient-local publisher). */
  latest?: () => unknown;
}

/** A service the server answers. */
export interface ServiceDefinition {
  /** Service name, e.g. `/get_robot_info`. */
  name: string;
  /** Canonical ROS 2 service type, `pkg/srv/Type`. */
  type: string;
  /** Strict schema of the request (`args`). */
  request: z.ZodType;
  /** Computes the response `values` from a valid request; may throw to fail the call. */
  handle: (request: unknown) => Record<string, unknown>;
}

/** What a session needs from the server that owns it. */
export interface SessionHost {
  /** Time for stamps, ms since epoch. */
  now(): number;
  /** The topic called `name`, if it exists. */
  topic(name: string): TopicInfo | undefined;
  /** Creates a client-defined (`relay`) topic of a registered type. */
  declareTopic(name: string, type: string): void;
  /** Tells the host this session no longer uses `name`, so an unused relay topic can be forgotten. */
  releaseTopic(name: string): void;
  /** Delivers a validated message published by a client. */
  publish(topic: string, msg: Record<string, unknown>): void;
  /** The service called `name`, if any. */
  service(name: string): ServiceDefinition | undefined;
  /** The action called `name`, if any. */
  action(name: string): ActionDefinition | undefined;
  /** The server's active goals. */
  goals: GoalRegistry;
}

const NO_ID = Symbol('no id');
const severity = (level: StatusLevel) => STATUS_LEVELS.indexOf(level);

/** Protocol state of one connected client. */
export class ClientSession {
  private readonly host: SessionHost;
  private readonly transmit: (text: string) => void;
  private readonly subscriptions = new Map<string, TopicSubscription>();
  private readonly advertised = new Map<string, Set<OpId | typeof NO_ID>>();
  private statusLevel: StatusLevel = 'error';

  /**
   * @param host the server's topic and service registry
   * @param transmit sends one text frame to the client
   */
  constructor(host: SessionHost, transmit: (text: string) => void) {
    this.host = host;
    this.transmit = transmit;
  }

  /** Handles one inbound text frame. Never throws: any failure becomes an error `status`. */
  receive(text: string): void {
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      this.status('error', parsed.error, parsed.id);
      return;
    }
    try {
      this.dispatch(parsed.op);
    } catch (err) {
      this.status('error', `${parsed.op.op}: internal error: ${(err as Error)?.message ?? String(err)}`, parsed.op.id);
    }
  }

  /** Answers a binary frame (BSON/CBOR requests are not supported). */
  receiveBinary(): void {
    this.status('error', 'binary frames (BSON/CBOR) are not supported; send JSON text frames');
  }

  /** Offers a message published on `topic` to this client's subscription, if any. */
  deliver(topic: string, msg: unknown): void {
    this.subscriptions.get(topic)?.handle(msg);
  }

  /** Sends a `status` message if `level` is at or above the client's `set_level` (default "error"). */
  status(level: StatusMessage['level'], msg: string, id?: OpId): void {
    if (severity(level) < severity(this.statusLevel)) return;
    const out: StatusMessage = { op: 'status', level, msg };
    if (id !== undefined) out.id = id;
    this.send(out);
  }

  /** Drops all subscriptions and advertisements (the client disconnected). */
  dispose(): void {
    const topics = new Set([...this.subscriptions.keys(), ...this.advertised.keys()]);
    for (const sub of this.subscriptions.values()) sub.dispose();
    this.subscriptions.clear();
    this.advertised.clear();
    for (const topic of topics) this.host.releaseTopic(topic);
  }

  private send(message: object): void {
    this.transmit(JSON.stringify(message));
  }

  private dispatch(op: InboundOp): void {
    switch (op.op) {
      case 'advertise': return this.advertise(op.topic, op.type, op.id);
      case 'unadvertise': return this.unadvertise(op.topic, op.id);
      case 'publish': return this.publish(op.topic, op.msg, op.id);
      case 'subscribe': return this.subscribe(op);
      case 'unsubscribe': return this.unsubscribe(op.topic, op.id);
      case 'call_service': return this.callService(op);
      case 'send_action_goal': return this.sendActionGoal(op);
      case 'cancel_action_goal':
        if (this.host.goals.cancel(op.action, op.id, this) === 0) {
          this.status('warning', `cancel_action_goal ${op.action}: no goal in progress with id ${JSON.stringify(op.id)}`, op.id);
        }
        return;
      case 'set_level':
        this.statusLevel = op.level;
        return;
    }
  }

  /** Resolves a requested type against the registry and the topic's existing type; returns an error text or the canonical type. */
  private checkType(topic: string, requested: string): { type: string } | { error: string } {
    const type = canonicalTypeName(requested);
    if (!lookupMessageType(type)) return { error: `unknown message type '${requested}'; known types: ${MESSAGE_TYPE_NAMES.join(', ')}` };
    const existing = this.host.topic(topic);
    if (existing && existing.type !== type) {
      return { error: `wrong type for topic '${topic}': it has type '${existing.type}', not '${requested}'` };
    }
    return { type };
  }

  private advertise(topic: string, requestedType: string, id?: OpId): void {
    const checked = this.checkType(topic, requestedType);
    if ('error' in checked) return this.status('error', `advertise: ${checked.error}`, id);
    const existing = this.host.topic(topic);
    if (existing?.direction === 'out') {
      return this.status('error', `advertise: topic '${topic}' is published by the simulator; clients cannot publish on it`, id);
    }
    if (!existing) this.host.declareTopic(topic, checked.type);
    const ids = this.advertised.get(topic) ?? new Set();
    ids.add(id ?? NO_ID);
    this.advertised.set(topic, ids);
  }

  private unadvertise(topic: string, id?: OpId): void {
    const ids = this.advertised.get(topic);
    if (!ids) return this.status('warning', `unadvertise: topic '${topic}' is not advertised by this client`, id);
    if (id === undefined) ids.clear();
    else ids.delete(id);
    if (ids.size === 0) {
      this.advertised.delete(topic);
      this.host.releaseTopic(topic);
    }
  }

  private publish(topic: string, msg: unknown, id?: OpId): void {
    const info = this.host.topic(topic);
    if (!info) return this.status('error', `publish: topic '${topic}' does not exist; advertise it first with its type`, id);
    if (info.direction === 'out') {
      return this.status('error', `publish: topic '${topic}' is published by the simulator; clients cannot publish on it`, id);
    }
    const result = validateMessage(info.type, msg, this.host.now());
    if (!result.ok) return this.status('error', `publish to '${topic}': ${result.error}`, id);
    if (result.filled.length > 0) {
      this.status('warning', `publish to '${topic}': missing fields filled with defaults: ${result.filled.join(', ')}`, id);
    }
    this.host.publish(topic, result.value);
  }

  private subscribe(op: Extract<InboundOp, { op: 'subscribe' }>): void {
    const { topic, id } = op;
    if (op.type !== undefined) {
      const checked = this.checkType(topic, op.type);
      if ('error' in checked) return this.status('error', `subscribe: ${checked.error}`, id);
      if (!this.host.topic(topic)) this.host.declareTopic(topic, checked.type);
    } else if (!this.host.topic(topic)) {
      return this.status('error', `subscribe: topic '${topic}' does not exist and no 'type' was given to create it`, id);
    }
    let sub = this.subscriptions.get(topic);
    if (!sub) {
      sub = new TopicSubscription((msg) => this.send({ op: 'publish', topic, msg }));
      this.subscriptions.set(topic, sub);
    }
    sub.add(id, { throttleRateMs: op.throttle_rate ?? 0, queueLength: op.queue_length ?? 0 });
    const latest = this.host.topic(topic)?.latest;
    if (latest) this.send({ op: 'publish', topic, msg: latest() }); // latched: the current value at once
    if (op.compression && op.compression !== 'none') {
      this.status('warning', `subscribe: compression '${op.compression}' is not supported; messages are sent as JSON`, id);
    }
  }

  private unsubscribe(topic: string, id?: OpId): void {
    const sub = this.subscriptions.get(topic);
    if (!sub) return this.status('warning', `unsubscribe: not subscribed to '${topic}'`, id);
    if (sub.remove(id)) {
      this.subscriptions.delete(topic);
      this.host.releaseTopic(topic);
    }
  }

  /** Whether this client subscribes to or advertises `topic` (used by the host to forget unused relay topics). */
  uses(topic: string): boolean {
    return this.subscriptions.has(topic) || this.advertised.has(topic);
  }

  private callService(op: Extract<InboundOp, { op: 'call_service' }>): void {
    const { service, id } = op;
    const fail = (error: string) => {
      this.status('error', `call_service ${service}: ${error}`, id);
      this.send({ op: 'service_response', service, values: error, result: false, ...(id !== undefined ? { id } : {}) });
    };
    const def = this.host.service(service);
    if (!def) return fail(`unknown service '${service}'`);
    if (op.type !== undefined && canonicalTypeName(op.type, 'srv') !== def.type) {
      return fail(`wrong service type '${op.type}'; '${service}' has type '${def.type}'`);
    }
    let args: unknown = op.args ?? {};
    if (Array.isArray(args)) {
      if (args.length > 0) return fail(`field 'args': positional (list) arguments are not supported; send an object`);
      args = {};
    }
    const request = def.request.safeParse(args);
    if (!request.success) return fail(`invalid request: ${formatIssues(request.error, 'args')}`);
    let values: Record<string, unknown>;
    try {
      values = def.handle(request.data);
    } catch (err) {
      return fail((err as Error)?.message ?? String(err));
    }
    this.send({ op: 'service_response', service, values, result: true, ...(id !== undefined ? { id } : {}) });
  }

  private sendActionGoal(op: Extract<InboundOp, { op: 'send_action_goal' }>): void {
    const { action, id } = op;
    const withId = id !== undefined ? { id } : {};
    const fail = (error: string) => {
      this.status('error', `send_action_goal ${action}: ${error}`, id);
      this.send({ op: 'action_result', action, values: error, status: GOAL_STATUS.UNKNOWN, result: false, ...withId });
    };
    const def = this.host.action(action);
    if (!def) return fail(`unknown action '${action}'`);
    if (!actionTypeMatches(def, op.action_type)) return fail(`wrong action type '${op.action_type}'; '${action}' has type '${def.type}'`);
    let args: unknown = op.args ?? {};
    if (Array.isArray(args)) {
      if (args.length > 0) return fail(`field 'args': positional (list) arguments are not supported; send an object`);
      args = {};
    }
    const goal = validateWith(def.goal, args, this.host.now(), 'args');
    if (!goal.ok) return fail(`invalid goal: ${goal.error}`);
    const wantsFeedback = op.feedback === true;
    this.host.goals.start(def, goal.value, {
      id,
      owner: this,
      nowMs: this.host.now(),
      sink: {
        feedback: (values) => {
          if (wantsFeedback) this.send({ op: 'action_feedback', action, values, ...withId });
        },
        result: (status, values) => this.send({ op: 'action_result', action, values, status, result: true, ...withId }),
      },
    });
  }
}
