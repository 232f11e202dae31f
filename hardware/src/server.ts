/**
 * Thin WebSocket edge of the rosbridge v2 server: accepts connections, hands text frames to a
 * {@link ClientSession} each, keeps the topic, service and action registries and the active goals,
 * and fans published messages out to subscribers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import { GoalRegistry, type ActionDefinition } from './actions.ts';
import { ClientSession, type ServiceDefinition, type SessionHost, type TopicInfo } from './session.ts';

/** A topic the server owns, with the simulator's handler for client publishes on `in` topics. */
export interface TopicDefinition extends Omit<TopicInfo, 'direction'> {
  /** `out`: the simulator publishes, clients subscribe; `in`: clients publish, the simulator consumes (and relays). */
  direction: 'in' | 'out';
  /** Called with each validated message a client publishes on an `in` topic. */
  onMessage?: (msg: Record<string, unknown>) => void;
}

/** Options of {@link RosbridgeServer.listen}. */
export interface RosbridgeServerOptions {
  /** Interface to bind, e.g. `127.0.0.1`. */
  host: string;
  /** TCP port; 0 picks a free (ephemeral) port. */
  port: number;
  /** Topics owned by the simulator. */
  topics: readonly TopicDefinition[];
  /** Services answered by the simulator. */
  services: readonly ServiceDefinition[];
  /** Actions executed by the simulator; each also gets its `<name>/_action/cancel_goal` service. */
  actions?: readonly ActionDefinition[];
  /** Time source for message stamps, ms since epoch. */
  now: () => number;
  /** Largest accepted inbound frame, bytes. Default 1 MiB. */
  maxPayloadBytes?: number;
}

/** rosbridge v2 WebSocket server. Create with {@link RosbridgeServer.listen}. */
export class RosbridgeServer {
  /** Bound TCP port. */
  readonly port: number;
  /** Bound interface. */
  readonly host: string;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly owned: Map<string, TopicDefinition>;
  private readonly relayTopics = new Map<string, TopicInfo>();
  private readonly services: Map<string, ServiceDefinition>;
  private readonly actions: Map<string, ActionDefinition>;
  /** Goals in progress, of every client. */
  readonly goals = new GoalRegistry();
  private readonly clients = new Map<WebSocket, ClientSession>();
  private readonly sockets = new Set<Socket>();
  private readonly now: () => number;
  private accepting = true;
  private closing: Promise<void> | undefined;

  private constructor(http: Server, wss: WebSocketServer, options: RosbridgeServerOptions) {
    this.http = http;
    this.wss = wss;
    this.host = options.host;
    this.port = (http.address() as AddressInfo).port;
    this.owned = new Map(options.topics.map((t) => [t.name, t]));
    this.actions = new Map((options.actions ?? []).map((a) => [a.name, a]));
    const cancelServices = [...this.actions.values()].map((a) => this.goals.cancelService(a));
    this.services = new Map([...options.services, ...cancelServices].map((s) => [s.name, s]));
    this.now = options.now;
    http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    http.on('upgrade', (req, socket, head) => {
      if (!this.accepting || this.closing) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws));
    });
  }

  /** Starts listening; rejects with the listen error (e.g. EADDRINUSE). */
  static async listen(options: RosbridgeServerOptions): Promise<RosbridgeServer> {
    const http = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
      res.end('rosbridge v2 simulator: connect with a WebSocket client\n');
    });
    const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    http.on('error', () => {}); // after listening, errors surface per socket
    return new RosbridgeServer(http, wss, options);
  }

  /** Number of connected clients. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Publishes a message of the simulator on `topic` to every subscribed client. */
  publish(topic: string, msg: unknown): void {
    for (const session of this.clients.values()) session.deliver(topic, msg);
  }

  /**
   * Simulates a link loss: `false` drops every connection abruptly (no close handshake) and answers
   * new upgrade requests with HTTP 503; `true` accepts connections again.
   */
  setAcceptingConnections(accepting: boolean): void {
    this.accepting = accepting;
    if (!accepting) for (const ws of this.clients.keys()) ws.terminate();
  }

  /** Whether new connections are accepted. */
  get acceptingConnections(): boolean {
    return this.accepting;
  }

  /** Closes all connections and the listening socket. Idempotent; every call returns the same promise. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const ws of this.clients.keys()) ws.terminate();
      this.wss.close();
      this.http.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  private attach(ws: WebSocket): void {
    const session = new ClientSession(this.hostFor(), (text) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    });
    this.clients.set(ws, session);
    ws.on('message', (data, isBinary) => {
      if (isBinary) session.receiveBinary();
      else session.receive(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    });
    ws.on('error', () => ws.terminate()); // e.g. frame above maxPayload; the client sees the close code
    ws.on('close', () => {
      this.clients.delete(ws);
      session.dispose();
    });
  }

  private hostFor(): SessionHost {
    return {
      now: this.now,
      topic: (name) => this.owned.get(name) ?? this.relayTopics.get(name),
      declareTopic: (name, type) => {
        if (!this.owned.has(name) && !this.relayTopics.has(name)) this.relayTopics.set(name, { name, type, direction: 'relay' });
      },
      releaseTopic: (name) => {
        if (!this.relayTopics.has(name)) return;
        for (const session of this.clients.values()) if (session.uses(name)) return;
        this.relayTopics.delete(name);
      },
      publish: (topic, msg) => {
        this.owned.get(topic)?.onMessage?.(msg);
        this.publish(topic, msg);
      },
      service: (name) => this.services.get(name),
      action: (name) => this.actions.get(name),
      goals: this.goals,
    };
  }
}
