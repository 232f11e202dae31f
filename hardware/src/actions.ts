/**
 * ROS 2 action server side of the rosbridge protocol: goal handles with action_msgs/msg/GoalStatus
 * states, the server-wide goal registry that `send_action_goal` and `cancel_action_goal` use, and
 * the `<action>/_action/cancel_goal` service (action_msgs/srv/CancelGoal) behind roslib's
 * `Action.cancelAllGoals()`.
 *
 * Wire format (rosbridge v2 spec §3.2.12–3.2.15 and rosbridge_library's send_action_goal.py):
 * feedback `{op: 'action_feedback', id, action, values}` (only when the goal asked for `feedback: true`);
 * result `{op: 'action_result', id, action, values, status, result: true}` with status SUCCEEDED=4,
 * CANCELED=5 or ABORTED=6; a goal that cannot be sent (unknown action, bad goal) gets
 * `{op: 'action_result', id, action, values: '<error text>', status: 0, result: false}`.
 */
import { randomBytes } from 'node:crypto';
import { CancelGoalRequestSchema, CANCEL_RETURN_CODE, GOAL_STATUS, type GoalStatusCode } from './interfaces.ts';
import { canonicalTypeName, toRosTime, type MessageType } from './messages.ts';
import type { OpId } from './protocol.ts';
import type { ServiceDefinition } from './session.ts';

/** An action the server executes. */
export interface ActionDefinition {
  /** Action name, e.g. `/navigate_to_pose`. */
  name: string;
  /** Canonical type, `pkg/action/Type`. */
  type: string;
  /** Further accepted type names (e.g. the pre-Nav2 `opennav_docking_msgs/action/DockRobot`). */
  aliases?: readonly string[];
  /** Goal schema and defaults; missing goal fields are filled as rosbridge does. */
  goal: MessageType;
  /** Starts an accepted goal; must eventually end it through the handle. */
  execute(goal: Record<string, unknown>, handle: GoalHandle): void;
}

/** True when `requested` (ROS 1 or ROS 2 spelling) names the action's type or an alias. */
export function actionTypeMatches(def: ActionDefinition, requested: string): boolean {
  const type = canonicalTypeName(requested, 'action');
  return type === def.type || (def.aliases ?? []).includes(type);
}

/** Where a goal's feedback and result go (the client session that sent it). */
export interface GoalSink {
  /** Sends `action_feedback` with these `values`. */
  feedback(values: unknown): void;
  /** Sends `action_result` with `status` and `values`. */
  result(status: GoalStatusCode, values: unknown): void;
}

/** One goal: its ids, status (action_msgs/msg/GoalStatus) and reporting. */
export class GoalHandle {
  /** Action name. */
  readonly action: string;
  /** The client's goal id (rosbridge `id`), if it sent one. */
  readonly id: OpId | undefined;
  /** 16-byte goal UUID (unique_identifier_msgs/msg/UUID) reported by the cancel service. */
  readonly uuid: Uint8Array = randomBytes(16);
  /** The session that sent the goal. */
  readonly owner: unknown;
  /** When the goal was accepted, ms since epoch. */
  readonly acceptedAtMs: number;
  private current: GoalStatusCode = GOAL_STATUS.ACCEPTED;
  private cancelHandler: (() => void) | undefined;
  private readonly sink: GoalSink;
  private readonly finished: (goal: GoalHandle) => void;

  /** Created by {@link GoalRegistry.start}. */
  constructor(init: { action: string; id: OpId | undefined; owner: unknown; acceptedAtMs: number; sink: GoalSink; finished: (goal: GoalHandle) => void }) {
    this.action = init.action;
    this.id = init.id;
    this.owner = init.owner;
    this.acceptedAtMs = init.acceptedAtMs;
    this.sink = init.sink;
    this.finished = init.finished;
  }

  /** Current status code. */
  get status(): GoalStatusCode {
    return this.current;
  }

  /** True until the goal reached SUCCEEDED, CANCELED or ABORTED. */
  get active(): boolean {
    return this.current === GOAL_STATUS.ACCEPTED || this.current === GOAL_STATUS.EXECUTING || this.current === GOAL_STATUS.CANCELING;
  }

  /** Marks the goal EXECUTING. */
  executing(): void {
    if (this.current === GOAL_STATUS.ACCEPTED) this.current = GOAL_STATUS.EXECUTING;
  }

  /** Registers what to do on a cancel request (the executor then calls {@link GoalHandle.canceled}). */
  onCancel(handler: () => void): void {
    this.cancelHandler = handler;
  }

  /** Requests cancellation: CANCELING, then the executor's handler. Returns false if the goal already ended. */
  requestCancel(): boolean {
    if (!this.active) return false;
    this.current = GOAL_STATUS.CANCELING;
    if (this.cancelHandler) this.cancelHandler();
    else this.canceled({});
    return true;
  }

  /** Sends feedback while active. */
  feedback(values: unknown): void {
    if (this.active) this.sink.feedback(values);
  }

  /** Ends the goal SUCCEEDED with these result `values`. */
  succeed(values: unknown): void {
    this.finish(GOAL_STATUS.SUCCEEDED, values);
  }

  /** Ends the goal CANCELED with these result `values`. */
  canceled(values: unknown): void {
    this.finish(GOAL_STATUS.CANCELED, values);
  }

  /** Ends the goal ABORTED with these result `values`. */
  abort(values: unknown): void {
    this.finish(GOAL_STATUS.ABORTED, values);
  }

  private finish(status: GoalStatusCode, values: unknown): void {
    if (!this.active) return;
    this.current = status;
    this.finished(this);
    this.sink.result(status, values);
  }
}

/** Options of {@link GoalRegistry.start}. */
export interface StartGoalOptions {
  /** The client's goal id. */
  id: OpId | undefined;
  /** The sending session. */
  owner: unknown;
  /** Where feedback and the result go. */
  sink: GoalSink;
  /** Acceptance time, ms since epoch. */
  nowMs: number;
}

/** All active goals of a server (goal ids are per client, so cancels look in the sender's goals first). */
export class GoalRegistry {
  private readonly goals = new Set<GoalHandle>();

  /**
   * Accepts a validated goal, marks it EXECUTING and hands it to the action's executor. If the
   * executor throws, the goal ends ABORTED (`{ error_msg }`) and the error is rethrown.
   */
  start(def: ActionDefinition, goal: Record<string, unknown>, options: StartGoalOptions): GoalHandle {
    const handle = new GoalHandle({
      action: def.name, id: options.id, owner: options.owner, acceptedAtMs: options.nowMs, sink: options.sink,
      finished: (g) => this.goals.delete(g),
    });
    this.goals.add(handle);
    handle.executing();
    try {
      def.execute(goal, handle);
    } catch (err) {
      handle.abort({ error_msg: `internal error: ${(err as Error)?.message ?? String(err)}` });
      throw err;
    }
    return handle;
  }

  /** Active goals, optionally of one action. */
  active(action?: string): GoalHandle[] {
    return [...this.goals].filter((g) => action === undefined || g.action === action);
  }

  /**
   * `cancel_action_goal`: cancels the active goal(s) of `action` with this `id`, preferring the
   * `owner`'s own goals, and returns how many were canceled.
   */
  cancel(action: string, id: OpId, owner: unknown): number {
    const matching = this.active(action).filter((g) => g.id === id);
    const own = matching.filter((g) => g.owner === owner);
    return (own.length > 0 ? own : matching).filter((g) => g.requestCancel()).length;
  }

  /** The action_msgs/srv/CancelGoal service `<action>/_action/cancel_goal` of an action. */
  cancelService(def: ActionDefinition): ServiceDefinition {
    return {
      name: `${def.name}/_action/cancel_goal`,
      type: 'action_msgs/srv/CancelGoal',
      request: CancelGoalRequestSchema,
      handle: (request) => {
        const { goal_id, stamp } = CancelGoalRequestSchema.parse(request).goal_info;
        const uuid = typeof goal_id.uuid === 'string' ? [...Buffer.from(goal_id.uuid, 'base64')] : goal_id.uuid;
        const anyId = uuid.every((b) => b === 0);
        const stampMs = stamp.sec * 1000 + stamp.nanosec / 1e6;
        const targets = this.active(def.name).filter((g) =>
          (anyId && stampMs === 0) || (!anyId && Buffer.from(g.uuid).equals(Buffer.from(uuid))) || (stampMs > 0 && g.acceptedAtMs <= stampMs));
        const canceling = targets.filter((g) => g.requestCancel());
        const code = canceling.length > 0 ? CANCEL_RETURN_CODE.ERROR_NONE : anyId ? CANCEL_RETURN_CODE.ERROR_REJECTED : CANCEL_RETURN_CODE.ERROR_UNKNOWN_GOAL_ID;
        return {
          return_code: code,
          goals_canceling: canceling.map((g) => ({ goal_id: { uuid: Buffer.from(g.uuid).toString('base64') }, stamp: toRosTime(g.acceptedAtMs) })),
        };
      },
    };
  }
}
