/**
 * One client's subscription to one topic, with rosbridge's throttling and queueing.
 *
 * Semantics follow rosbridge_library (capabilities/subscribe.py and internal/subscription_modifiers.py):
 * - a client's several `subscribe` requests (by `id`) to one topic share one stream, so each
 *   message is sent once; the effective `throttle_rate` is the lowest requested and the effective
 *   `queue_length` the highest (as the v2 spec states: "sent at the lowest throttle_rate ... and
 *   highest queue_length");
 * - `queue_length` 0: a message arriving less than `throttle_rate` ms after the last sent one is dropped;
 * - `queue_length` N > 0: messages wait in a queue of N (the oldest is dropped when full) and are
 *   sent one per `throttle_rate` ms.
 * Time is wall-clock time (`performance.now`), because throttling is about the wire, not the simulation.
 */
import type { OpId } from './protocol.ts';

/** Parameters of one `subscribe` request. */
export interface SubscribeParams {
  /** Minimum time between two messages sent to the client, ms (0 = no throttling). */
  throttleRateMs: number;
  /** Number of messages buffered while throttled (0 = drop instead). */
  queueLength: number;
}

/** Key under which a subscribe request without `id` is recorded. */
const NO_ID = Symbol('no id');

/** Throttled, queued delivery of one topic's messages to one client. Call {@link TopicSubscription.dispose} when done. */
export class TopicSubscription {
  private readonly requests = new Map<OpId | typeof NO_ID, SubscribeParams>();
  private queue: unknown[] = [];
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly send: (msg: unknown) => void;
  private readonly now: () => number;
  /** Effective throttle rate, ms (lowest of the requests). */
  throttleRateMs = 0;
  /** Effective queue length, messages (highest of the requests). */
  queueLength = 0;

  /**
   * @param send delivers one message to the client
   * @param now monotonic time source, ms (default `performance.now`)
   */
  constructor(send: (msg: unknown) => void, now: () => number = () => performance.now()) {
    this.send = send;
    this.now = now;
  }

  /** Adds or replaces the request with this `id` (undefined = the request without id). */
  add(id: OpId | undefined, params: SubscribeParams): void {
    this.requests.set(id ?? NO_ID, params);
    this.update();
  }

  /** Removes the request with this `id`, or all requests when `id` is undefined. Returns true when none remain. */
  remove(id: OpId | undefined): boolean {
    if (id === undefined) this.requests.clear();
    else this.requests.delete(id);
    if (this.requests.size === 0) {
      this.dispose();
      return true;
    }
    this.update();
    return false;
  }

  /** Number of `subscribe` requests sharing this stream. */
  get size(): number {
    return this.requests.size;
  }

  /** Offers one message; it is sent now, queued, or dropped according to the effective parameters. */
  handle(msg: unknown): void {
    if (this.requests.size === 0) return;
    if (this.queueLength > 0) {
      this.queue.push(msg);
      if (this.queue.length > this.queueLength) this.queue.splice(0, this.queue.length - this.queueLength);
      this.drain();
    } else if (this.remaining() === 0) {
      this.emit(msg);
    }
  }

  /** Stops timers and drops queued messages. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  private update(): void {
    const all = [...this.requests.values()];
    this.throttleRateMs = Math.min(...all.map((p) => p.throttleRateMs));
    this.queueLength = Math.max(...all.map((p) => p.queueLength));
    if (this.queue.length > this.queueLength) this.queue.splice(0, this.queue.length - this.queueLength);
    this.drain();
  }

  private remaining(): number {
    return Math.max(0, this.lastSentAt + this.throttleRateMs - this.now());
  }

  private emit(msg: unknown): void {
    this.lastSentAt = this.now();
    this.send(msg);
  }

  private drain(): void {
    while (this.queue.length > 0 && this.remaining() === 0) this.emit(this.queue.shift());
    if (this.queue.length > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, Math.max(1, Math.ceil(this.remaining())));
    }
  }
}
