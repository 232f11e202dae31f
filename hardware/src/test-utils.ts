/**
 * Helpers for the hardware tests: polling waits (no fixed sleeps) and a raw rosbridge WebSocket client.
 * Not part of the public API.
 */
import { Ros } from 'roslib';
import { WebSocket } from 'ws';
import type { RobotSimulator } from './simulator.ts';

/** Polls `probe` every `intervalMs` ms until it returns a value other than undefined/false, or fails after `timeoutMs` ms. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 8000, intervalMs = 20, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Sleeps `ms` milliseconds (only to let time pass, never to wait for an event). */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A parsed frame received by {@link RawClient}. */
export type Frame = Record<string, unknown> & { op: string };

/** Minimal rosbridge client on a raw `ws` socket that records every inbound frame. */
export class RawClient {
  /** Every frame received so far, in order. */
  readonly frames: Frame[] = [];
  /** The underlying socket. */
  readonly ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
  }

  /** Connects to `url`; rejects if the connection is refused. */
  static connect(url: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const client = new RawClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`unexpected HTTP ${res.statusCode}`)));
    });
  }

  /** Sends a text frame: a string as is, anything else as JSON. */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits for the first frame received from index `from` on that matches `match`. */
  next(match: (f: Frame) => boolean, from = 0, timeoutMs = 8000): Promise<Frame> {
    return waitFor(() => this.frames.slice(from).find(match), { timeoutMs, what: 'a matching frame' });
  }

  /** Sends `frame` and waits for the first later frame matching `match`. */
  request(frame: unknown, match: (f: Frame) => boolean): Promise<Frame> {
    const from = this.frames.length;
    this.send(frame);
    return this.next(match, from);
  }

  /** Closes the socket and waits for the close. */
  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Connects a roslib client and resolves once the WebSocket is open. */
export async function connectRos(url: string): Promise<Ros> {
  const ros = new Ros();
  const opened = new Promise<void>((resolve, reject) => {
    ros.once('connection', () => resolve());
    ros.once('error', () => reject(new Error(`roslib could not connect to ${url}`)));
  });
  await ros.connect(url);
  await opened;
  return ros;
}

/**
 * For a simulator started with `manualTime`: advances simulated time in steps of `stepMs` ms (letting
 * real time pass briefly after each so WebSocket messages arrive) until `probe` returns a value other
 * than undefined/false; fails after `maxSimMs` ms of simulated time. Deterministic physics, no timing flakes.
 */
export async function runUntil<T>(
  sim: RobotSimulator,
  probe: () => T | undefined | false,
  { stepMs = 100, maxSimMs = 120_000, what = 'condition' }: { stepMs?: number; maxSimMs?: number; what?: string } = {},
): Promise<T> {
  for (let t = 0; ; t += stepMs) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (t > maxSimMs) throw new Error(`no ${what} within ${maxSimMs} ms of simulated time`);
    sim.advance(stepMs);
    await sleep(2);
  }
}
