import { Action, Ros, Service, Topic } from 'roslib';
import { z } from 'zod';
import type { RobotCommand, RobotCommandResult, RobotState } from '@telekiosk/shared';
import { DEFAULT_LIMITS, TeleopController, type SpeedLimits } from '../robot/teleop.ts';

/** `sensor_msgs/msg/BatteryState`, parsed loosely: `percentage` 0..1; `power_supply_status` 1 = CHARGING. */
const BatteryState = z.looseObject({ percentage: z.number(), power_supply_status: z.number().int().optional() });
/** `nav_msgs/msg/Odometry`, only the planar pose is read. */
const Odometry = z.looseObject({
  pose: z.looseObject({ pose: z.looseObject({ position: z.looseObject({ x: z.number(), y: z.number() }), orientation: z.looseObject({ z: z.number(), w: z.number() }) }) }),
});
const BoolMsg = z.looseObject({ data: z.boolean() });
/** `/get_waypoints` response: names and `geometry_msgs/msg/PoseStamped` poses in the `map` frame. */
const PoseStamped = z.looseObject({ pose: z.looseObject({ position: z.looseObject({ x: z.number(), y: z.number() }), orientation: z.looseObject({ z: z.number(), w: z.number() }) }) });
const Waypoints = z.looseObject({ names: z.array(z.string()), poses: z.array(PoseStamped) });
/** `diagnostic_msgs/msg/DiagnosticArray`: level 2 = ERROR (diagnostic_msgs/DiagnosticStatus). */
const Diagnostics = z.looseObject({ status: z.array(z.looseObject({ name: z.string(), level: z.number() })) });
const NavFeedback = z.looseObject({ distance_remaining: z.number().optional() });

/** Robot base status as the kiosk sees it. */
export interface RobotStatus extends RobotState {
  /** The base reports its motors stalled (diagnostics ERROR) although commanded. */
  stuck: boolean;
  link: 'up' | 'down' | 'none';
  /** Battery in percent (0..100), null before the first reading. */
  batteryPercent: number | null;
  charging: boolean | null;
}

const yawToQuaternion = (theta: number) => ({ x: 0, y: 0, z: Math.sin(theta / 2), w: Math.cos(theta / 2) });

/**
 * The kiosk's link to its robot base over rosbridge (roslib 2): battery, odometry and e-stop
 * topics in; `/cmd_vel` (`geometry_msgs/msg/Twist`) out through the {@link TeleopController}
 * (site limits, 300 ms deadman, latching e-stop); `navigate_to_pose` and dock actions;
 * a ping through the `/get_robot_info` service. Reconnects every `retryMs` while down.
 */
export class RobotLink {
  private ros: Ros | null = null;
  private cmdVel: Topic | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private waypoints = new Map<string, { x: number; y: number; theta: number }>();
  private goal: { action: Action; id: string } | null = null;
  readonly teleop: TeleopController;
  status: RobotStatus;

  constructor(
    private readonly url: string | null,
    private readonly onChange: (s: RobotStatus) => void,
    limits: SpeedLimits = DEFAULT_LIMITS,
    private readonly retryMs = 3000,
  ) {
    this.status = { link: url ? 'down' : 'none', batteryPercent: null, charging: null, estop: false, pose: null, navigation: null, stuck: false };
    this.teleop = new TeleopController({
      limits,
      publish: (v) => this.cmdVel?.publish({ linear: { x: v.linear, y: 0, z: 0 }, angular: { x: 0, y: 0, z: v.angular } }),
    });
  }

  start(): void {
    if (!this.url || this.closed) return;
    const ros = new Ros({ url: this.url });
    this.ros = ros;
    ros.on('connection', () => {
      this.update({ link: 'up' });
      this.cmdVel = new Topic({ ros, name: '/cmd_vel', messageType: 'geometry_msgs/msg/Twist' });
      new Topic({ ros, name: '/battery_state', messageType: 'sensor_msgs/msg/BatteryState', throttle_rate: 1000 }).subscribe((msg: unknown) => {
        const b = BatteryState.safeParse(msg);
        if (b.success) this.update({ batteryPercent: Math.round(Math.max(0, Math.min(1, b.data.percentage)) * 1000) / 10, charging: b.data.power_supply_status === 1 });
      });
      new Topic({ ros, name: '/odom', messageType: 'nav_msgs/msg/Odometry', throttle_rate: 500 }).subscribe((msg: unknown) => {
        const o = Odometry.safeParse(msg);
        if (!o.success) return;
        const p = o.data.pose.pose;
        const theta = 2 * Math.atan2(p.orientation.z, p.orientation.w);
        this.update({ pose: { x: round(p.position.x), y: round(p.position.y), theta: round(theta) } });
      });
      new Topic({ ros, name: '/estop', messageType: 'std_msgs/msg/Bool' }).subscribe((msg: unknown) => {
        const e = BoolMsg.safeParse(msg);
        if (e.success && e.data.data && !this.status.estop) this.engageEstop('base');
      });
      new Topic({ ros, name: '/diagnostics', messageType: 'diagnostic_msgs/msg/DiagnosticArray', throttle_rate: 1000 }).subscribe((msg: unknown) => {
        const d = Diagnostics.safeParse(msg);
        if (!d.success) return;
        // The motors status is ERROR while the base is stalled (stuck) although commanded.
        const motors = d.data.status.find((st) => st.name === 'motors');
        if (motors) this.update({ stuck: motors.level >= 2 });
      });
      new Service({ ros, name: '/get_waypoints', serviceType: 'telekiosk_msgs/srv/GetWaypoints' }).callService(
        {},
        (res: unknown) => {
          const w = Waypoints.safeParse(res);
          if (!w.success) return;
          this.waypoints = new Map(
            w.data.names.map((n, i) => {
              const p = w.data.poses[i]!.pose;
              return [n, { x: p.position.x, y: p.position.y, theta: 2 * Math.atan2(p.orientation.z, p.orientation.w) }];
            }),
          );
        },
        () => {},
      );
    });
    const down = () => {
      if (this.ros !== ros) return;
      this.ros = null;
      this.cmdVel = null;
      this.teleop.halt();
      this.update({ link: 'down' });
      try {
        ros.close();
      } catch {
        /* already closed */
      }
      if (!this.closed) this.timer = setTimeout(() => this.start(), this.retryMs);
    };
    ros.on('close', down);
    ros.on('error', down);
  }

  /** Names of the venue's waypoints (from `/get_waypoints`). */
  waypointNames(): string[] {
    return [...this.waypoints.keys()];
  }

  /** Executes a command relayed from the lease holder; never throws. */
  async handle(command: RobotCommand): Promise<RobotCommandResult> {
    if (command.type === 'estop_release') {
      this.releaseEstop();
      return { ok: true };
    }
    if (command.type === 'stop') {
      this.teleop.halt();
      this.cancelGoal();
      return { ok: true };
    }
    if (!this.url) return { ok: false, reason: 'no_robot' };
    if (!this.ros || this.status.link !== 'up') return { ok: false, reason: 'robot_link_down' };
    if (this.status.estop) return { ok: false, reason: 'estop' };
    switch (command.type) {
      case 'drive':
        return this.teleop.command(command.linear, command.angular) ? { ok: true } : { ok: false, reason: 'estop' };
      case 'navigate':
        return this.navigate(command.waypoint);
      case 'dock':
        return this.dock();
      case 'cancel':
        this.cancelGoal();
        return { ok: true };
      case 'ping':
        return this.ping();
    }
  }

  private navigate(name: string): RobotCommandResult {
    const target = this.waypoints.get(name);
    if (!target || !this.ros) return { ok: false, reason: 'unknown_waypoint' };
    this.cancelGoal();
    this.teleop.halt();
    const action = new Action({ ros: this.ros, name: '/navigate_to_pose', actionType: 'nav2_msgs/action/NavigateToPose' });
    const goal = { pose: { header: { frame_id: 'map' }, pose: { position: { x: target.x, y: target.y, z: 0 }, orientation: yawToQuaternion(target.theta) } } };
    this.update({ navigation: { waypoint: name, status: 'active', distanceRemaining: null } });
    const id = action.sendGoal(
      goal,
      () => this.finishGoal('succeeded'),
      (fb: unknown) => {
        const f = NavFeedback.safeParse(fb);
        if (f.success && this.status.navigation) this.update({ navigation: { ...this.status.navigation, distanceRemaining: f.data.distance_remaining ?? null } });
      },
      () => this.finishGoal('aborted'),
    );
    if (id) this.goal = { action, id };
    return { ok: true };
  }

  /** Docks with nav2's docking server (`nav2_msgs/action/DockRobot`), which also starts charging. */
  private dock(): RobotCommandResult {
    if (!this.ros) return { ok: false, reason: 'robot_link_down' };
    this.cancelGoal();
    this.teleop.halt();
    const action = new Action({ ros: this.ros, name: '/dock', actionType: 'nav2_msgs/action/DockRobot' });
    this.update({ navigation: { waypoint: 'dock', status: 'active', distanceRemaining: null } });
    const id = action.sendGoal({ dock_id: 'dock' }, () => this.finishGoal('succeeded'), undefined, () => this.finishGoal('aborted'));
    if (id) this.goal = { action, id };
    return { ok: true };
  }

  private finishGoal(status: 'succeeded' | 'aborted' | 'canceled') {
    this.goal = null;
    if (this.status.navigation) this.update({ navigation: { ...this.status.navigation, status, distanceRemaining: status === 'succeeded' ? 0 : this.status.navigation.distanceRemaining } });
  }

  private cancelGoal() {
    if (!this.goal) return;
    this.goal.action.cancelGoal(this.goal.id);
    this.finishGoal('canceled');
  }

  private ping(): Promise<RobotCommandResult> {
    const ros = this.ros!;
    const started = performance.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, reason: 'robot_timeout' }), 2000);
      new Service({ ros, name: '/get_robot_info', serviceType: 'telekiosk_msgs/srv/GetRobotInfo' }).callService(
        {},
        () => {
          clearTimeout(timer);
          resolve({ ok: true, rosRttMs: Math.round((performance.now() - started) * 10) / 10 });
        },
        () => {
          clearTimeout(timer);
          resolve({ ok: false, reason: 'robot_error' });
        },
      );
    });
  }

  /** The local e-stop (kiosk screen button, or the base reporting one): latches until staff release it. */
  engageEstop(source: 'kiosk' | 'base' = 'kiosk'): void {
    this.teleop.engageEstop();
    this.cancelGoal();
    this.update({ estop: true });
    if (source === 'kiosk' && this.ros) this.callTrigger('/estop/engage');
  }

  releaseEstop(): void {
    this.teleop.releaseEstop();
    this.update({ estop: false });
    if (this.ros) this.callTrigger('/estop/release');
  }

  private callTrigger(name: string) {
    new Service({ ros: this.ros!, name, serviceType: 'std_srvs/srv/Trigger' }).callService({}, () => {}, () => {});
  }

  private update(patch: Partial<RobotStatus>) {
    const next = { ...this.status, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    this.onChange(next);
  }

  close(): void {
    this.closed = true;
    this.teleop.close();
    if (this.timer) clearTimeout(this.timer);
    this.ros?.close();
    this.ros = null;
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
