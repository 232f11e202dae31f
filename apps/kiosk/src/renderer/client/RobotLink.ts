import { Ros, Topic } from 'roslib';
import { z } from 'zod';

/**
 * `sensor_msgs/msg/BatteryState`, parsed loosely (telemetry: unknown fields ignored).
 * `percentage` is 0..1 per the message definition; `power_supply_status` 1 = CHARGING.
 */
const BatteryState = z.looseObject({ percentage: z.number(), power_supply_status: z.number().int().optional() });

/** Robot base status as the kiosk sees it. */
export interface RobotStatus {
  link: 'up' | 'down' | 'none';
  /** Battery in percent (0..100), null before the first reading. */
  batteryPercent: number | null;
  charging: boolean | null;
}

/**
 * The kiosk's link to its robot base over rosbridge (roslib): subscribes to
 * `/battery_state`, reconnects every `retryMs` (default 3000 ms) while down.
 */
export class RobotLink {
  private ros: Ros | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  status: RobotStatus;

  constructor(
    private readonly url: string | null,
    private readonly onChange: (s: RobotStatus) => void,
    private readonly retryMs = 3000,
  ) {
    this.status = { link: url ? 'down' : 'none', batteryPercent: null, charging: null };
  }

  start(): void {
    if (!this.url || this.closed) return;
    const ros = new Ros({ url: this.url });
    this.ros = ros;
    ros.on('connection', () => {
      this.update({ link: 'up' });
      const battery = new Topic({ ros, name: '/battery_state', messageType: 'sensor_msgs/msg/BatteryState', throttle_rate: 1000 });
      battery.subscribe((msg: unknown) => {
        const b = BatteryState.safeParse(msg);
        if (!b.success) return;
        this.update({ batteryPercent: Math.round(Math.max(0, Math.min(1, b.data.percentage)) * 1000) / 10, charging: b.data.power_supply_status === 1 });
      });
    });
    const down = () => {
      if (this.ros !== ros) return;
      this.ros = null;
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

  private update(patch: Partial<RobotStatus>) {
    const next = { ...this.status, ...patch };
    if (next.link === this.status.link && next.batteryPercent === this.status.batteryPercent && next.charging === this.status.charging) return;
    this.status = next;
    this.onChange(next);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.ros?.close();
    this.ros = null;
  }
}
