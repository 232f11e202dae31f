/**
 * Helpers for the hardware tests: polling waits (no fixed sleeps) and a raw rosbridge WebSocket client.
 * Not part of the public API.
 */
import { WebSocket } from 'ws';

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
