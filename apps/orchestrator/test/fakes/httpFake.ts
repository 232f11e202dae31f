/**
 * Small scripted HTTP server on 127.0.0.1 for testing real SDK clients without the network:
 * records every request and answers each route from a queue of scripted responses.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An uploaded file from a multipart body. */
export interface RecordedFile {
  filename: string;
  /** Content type the client declared for the part. */
  type: string;
  bytes: Uint8Array;
}

/** Parsed multipart/form-data body: text fields and files by field name. */
export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, RecordedFile>;
}

/** One request as the fake received it. */
export interface RecordedRequest {
  /** Route key the request matched (e.g. `chat`), or null for an unknown path (answered 404). */
  route: string | null;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names (node's IncomingHttpHeaders). */
  headers: IncomingHttpHeaders;
  /** JSON-parsed body, a {@link MultipartBody}, the raw text, or null when empty. */
  body: unknown;
  raw: Buffer;
}

/** What the fake answers to one request. */
export interface ScriptedResponse {
  /** HTTP status; default 200. */
  status?: number;
  /** Body serialized as JSON (content-type application/json). */
  json?: unknown;
  /** Raw body (use for malformed JSON or binary audio). */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Wait this long (ms) before answering, to trigger client timeouts. */
  delayMs?: number;
  /** Destroy the connection without answering. */
  hangUp?: boolean;
}

/** A route: method + exact path (query ignored). */
export interface RouteDef {
  key: string;
  method: string;
  path: string;
}

/** Base class of the fakes: start with {@link start}, stop with {@link stop}. */
export class HttpFake {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly queues = new Map<string, ScriptedResponse[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly routes: readonly RouteDef[]) {
    for (const r of routes) this.queues.set(r.key, []);
  }

  /** Origin, e.g. `http://127.0.0.1:40123` (valid after {@link start}). */
  get origin(): string {
    if (!this.server) throw new Error('fake server not started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** Appends responses to a route's queue; each request consumes one. */
  enqueue(route: string, ...responses: ScriptedResponse[]): this {
    const q = this.queues.get(route);
    if (!q) throw new Error(`unknown route ${route}`);
    q.push(...responses);
    return this;
  }

  /** Responses still queued for `route` (a test can assert everything was consumed). */
  pending(route: string): number {
    return this.queues.get(route)?.length ?? 0;
  }

  /** Recorded requests of one route. */
  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** Clears recorded requests and queues. */
  reset(): void {
    this.requests.length = 0;
    for (const q of this.queues.values()) q.length = 0;
  }

  /** Listens on 127.0.0.1 with a free port; resolves once listening. */
  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Drops open connections and closes the server. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = this.routes.find((r) => r.method === req.method && r.path === url.pathname) ?? null;
    const record: RecordedRequest = {
      route: route?.key ?? null,
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: await parseBody(req.headers['content-type'] ?? '', raw),
      raw,
    };
    this.requests.push(record);
    if (!route) return send(res, { status: 404, json: { error: { message: `fake: no route ${req.method} ${url.pathname}` } } });
    const next = this.queues.get(route.key)!.shift();
    if (!next) return send(res, { status: 500, json: { error: { message: `fake: no scripted response for ${route.key}`, type: 'fake_unscripted' } } });
    if (next.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          resolve();
        }, next.delayMs);
        this.timers.add(t);
      });
    }
    if (next.hangUp) return void req.socket.destroy();
    send(res, next);
  }
}

function send(res: ServerResponse, r: ScriptedResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...r.headers };
  let body: string | Uint8Array = '';
  if (r.json !== undefined) {
    body = JSON.stringify(r.json);
    headers['content-type'] ??= 'application/json';
  } else if (r.body !== undefined) {
    body = r.body;
    headers['content-type'] ??= typeof r.body === 'string' ? 'application/json' : 'application/octet-stream';
  }
  res.writeHead(r.status ?? 200, headers);
  res.end(body);
}

async function parseBody(contentType: string, raw: Buffer): Promise<unknown> {
  if (raw.length === 0) return null;
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.local/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
    const out: MultipartBody = { fields: {}, files: {} };
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') out.fields[name] = value;
      else out.files[name] = { filename: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
    }
    return out;
  }
  const text = raw.toString('utf8');
  if (contentType.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
