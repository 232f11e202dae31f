import type { RobotCommand } from '@telekiosk/shared';

/**
 * Hold-to-move driving: while at least one direction is held (a pad button under the pointer,
 * an arrow/WASD key, a focused pad button held with Enter/Space), a `drive` command is sent at
 * once and then every {@link DRIVE_REPEAT_MS}; when the last one is released, one `stop` is sent.
 * The kiosk's teleop deadman (300 ms) and the base's `cmd_vel` timeout (0.5 s) stop the robot
 * on their own if the repeats stop arriving (tab closed, network lost).
 */

export type Direction = 'forward' | 'backward' | 'left' | 'right';
export const DIRECTIONS: readonly Direction[] = ['forward', 'backward', 'left', 'right'];

/** Forward speed (m/s) and turn rate (rad/s) of the pad; the kiosk clamps to the site limits anyway. */
export const DRIVE_SPEED = { linear: 0.4, angular: 0.8 } as const;
/** Repeat interval of drive commands while a direction is held (ms). */
export const DRIVE_REPEAT_MS = 100;

export type DriveOrStop = Extract<RobotCommand, { type: 'drive' | 'stop' }>;
/** Why a command is sent: a held direction repeats, the last release ends it, or an explicit stop. */
export type DriveCause = 'hold' | 'release' | 'stop';

/** The velocity of a set of held directions (opposites cancel; forward + left drives an arc). */
export function velocityOf(directions: Iterable<Direction>): { linear: number; angular: number } {
  const held = new Set(directions);
  const linear = (held.has('forward') ? DRIVE_SPEED.linear : 0) - (held.has('backward') ? DRIVE_SPEED.linear : 0);
  const angular = (held.has('left') ? DRIVE_SPEED.angular : 0) - (held.has('right') ? DRIVE_SPEED.angular : 0);
  return { linear, angular };
}

/** What a key does on the robot panel: a direction to hold, stop, or nothing. */
export type DriveKey = Direction | 'stop' | null;

const BY_KEY: Record<string, Direction | 'stop'> = {
  arrowup: 'forward',
  arrowdown: 'backward',
  arrowleft: 'left',
  arrowright: 'right',
  w: 'forward',
  s: 'backward',
  a: 'left',
  d: 'right',
  ' ': 'stop',
  spacebar: 'stop',
  escape: 'stop',
};
/** Physical WASD positions, so other keyboard layouts and IMEs still drive. */
const BY_CODE: Record<string, Direction | 'stop'> = { KeyW: 'forward', KeyS: 'backward', KeyA: 'left', KeyD: 'right', Space: 'stop' };

/**
 * Keyboard mapping of the robot panel: arrow keys or W A S D hold a direction, Space or Escape
 * stop. Modifier combinations (Ctrl+S, Alt+Left...) are left to the browser.
 */
export function driveKey(e: { key: string; code?: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): DriveKey {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return BY_KEY[e.key.toLowerCase()] ?? (e.code ? BY_CODE[e.code] : undefined) ?? null;
}

export interface RepeatTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

const realTimers: RepeatTimers = {
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>),
};

/**
 * The repeat logic of hold-to-move, independent of the DOM. Each input holds a direction under
 * a `source` name (`pointer`, `key:ArrowUp`, `button`), so releasing one key does not stop a
 * direction held by another; the robot drives the combined velocity of everything held.
 */
export class DriveRepeater {
  private readonly held = new Map<string, Direction>();
  private timer: unknown = null;
  private snapshot: readonly Direction[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly send: (command: DriveOrStop, cause: DriveCause) => void,
    private readonly timers: RepeatTimers = realTimers,
    private readonly intervalMs = DRIVE_REPEAT_MS,
  ) {}

  /** The directions held right now (for the pressed look of the pad); a stable array between changes. */
  get directions(): readonly Direction[] {
    return this.snapshot;
  }

  get active(): boolean {
    return this.timer !== null;
  }

  /** Called whenever the held directions change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `source` starts holding `direction` (a repeated press of the same is ignored). */
  press(source: string, direction: Direction): void {
    if (this.held.get(source) === direction) return;
    this.held.set(source, direction);
    this.sendDrive();
    if (this.timer === null) this.timer = this.timers.setInterval(() => this.sendDrive(), this.intervalMs);
    this.changed();
  }

  /** `source` lets go; the last release stops the robot. */
  release(source: string): void {
    if (!this.held.delete(source)) return;
    if (this.held.size > 0) this.sendDrive();
    else this.halt('release');
    this.changed();
  }

  /** Lets go of everything (window blur, panel closed, lease lost); sends stop only if it was driving. */
  releaseAll(): void {
    if (this.held.size === 0 && this.timer === null) return;
    this.held.clear();
    this.halt('release');
    this.changed();
  }

  /** The Stop button and Space/Escape: stop now, whether or not anything was held. */
  stop(): void {
    const had = this.held.size > 0;
    this.held.clear();
    this.halt('stop');
    if (had) this.changed();
  }

  private sendDrive() {
    this.send({ type: 'drive', ...velocityOf(this.held.values()) }, 'hold');
  }

  private halt(cause: DriveCause) {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
    this.send({ type: 'stop' }, cause);
  }

  private changed() {
    this.snapshot = [...new Set(this.held.values())];
    for (const l of [...this.listeners]) l();
  }
}
