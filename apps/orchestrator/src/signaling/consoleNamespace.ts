import type { Namespace, Socket } from 'socket.io';
import { ConsoleAuth, consoleRequests, type Callback, type KioskContent, type KpiFilter, type RobotCommand, type Role } from '@telekiosk/shared';
import type { KpiService } from '../kpi/kpiQueries.ts';
import type { CallbackRow } from '../db/schema.ts';
import { sessionSummaries, type CannedReplies } from '../sessions/desk.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Store, StoredWorker } from '../db/store.ts';
import { AuthError, OrchestratorError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { SessionService } from '../sessions/sessionService.ts';
import { registerHandlers } from './handle.ts';
import type { SocketLimits } from './limits.ts';
import { mediaHandlers } from './mediaHandlers.ts';

/** Socket data of an authenticated console user. */
export interface ConsoleSocketData {
  workerId: string;
  role: Role;
  worker: StoredWorker;
}

/** Room of one worker's sockets: a worker only ever receives events sent to this room or to a role room below. */
export const workerRoom = (workerId: string) => `worker:${workerId}`;
/** Room of consoles that watch the fleet (facility staff and supervisors): device and alert updates. */
export const FLEET_ROOM = 'role:fleet';
/** Room of consoles that serve visitors (workers and supervisors): callback queue changes. */
export const DESK_ROOM = 'role:desk';
/** Room of supervisors' consoles: supervisor snapshots. */
export const SUPERVISOR_ROOM = 'role:supervisor';
/** Room of the supervisors monitoring a call: its lines and media notices. */
export const monitorRoom = (sessionId: string) => `monitor:${sessionId}`;

/** Which roles may send each console event (checked on every event). */
const ALLOWED: Record<keyof typeof consoleRequests, readonly Role[]> = {
  'console:hello': ['worker', 'supervisor', 'staff'],
  'devices:list': ['worker', 'supervisor', 'staff'],
  'worker:set-state': ['worker', 'supervisor'],
  'offer:accept': ['worker', 'supervisor'],
  'offer:decline': ['worker', 'supervisor'],
  'worker:message': ['worker', 'supervisor'],
  'session:end': ['worker', 'supervisor'],
  'media:join': ['worker', 'supervisor'],
  'media:create-transport': ['worker', 'supervisor'],
  'media:connect-transport': ['worker', 'supervisor'],
  'media:produce': ['worker', 'supervisor'],
  'media:consume': ['worker', 'supervisor'],
  'media:resume-consumer': ['worker', 'supervisor'],
  'media:restart-ice': ['worker', 'supervisor'],
  'robot:command': ['worker', 'supervisor'],
  'robot:revoke-lease': ['supervisor'],
  'robot:estop-release': ['staff', 'supervisor'],
  'fleet:snapshot': ['staff', 'supervisor', 'worker'],
  'alert:ack': ['staff', 'supervisor'],
  'alert:resolve': ['staff', 'supervisor'],
  'device:set-service': ['staff', 'supervisor'],
  'device:reload': ['staff', 'supervisor'],
  'device:dock': ['staff', 'supervisor'],
  'device:history': ['staff', 'supervisor', 'worker'],
  'assist:latest': ['worker', 'supervisor'],
  'worker:utterance': ['worker', 'supervisor'],
  'kpi:report': ['supervisor'],
  'session:transfer': ['worker', 'supervisor'],
  'session:handback': ['worker', 'supervisor'],
  'workers:list': ['worker', 'supervisor'],
  'session:note': ['worker', 'supervisor'],
  'session:notes': ['worker', 'supervisor'],
  'canned:list': ['worker', 'supervisor'],
  'sessions:search': ['worker', 'supervisor'],
  'sessions:transcript': ['worker', 'supervisor'],
  'kiosk:show': ['worker', 'supervisor'],
  'kiosk:clear': ['worker', 'supervisor'],
  'supervisor:snapshot': ['supervisor'],
  'supervisor:monitor': ['supervisor'],
  'supervisor:barge-in': ['supervisor'],
  'supervisor:message': ['supervisor'],
  'supervisor:leave': ['supervisor'],
  'supervisor:reassign': ['supervisor'],
  'callbacks:list': ['worker', 'supervisor'],
  'callback:complete': ['worker', 'supervisor'],
};

/**
 * The `/console` namespace: users authenticate with the signed token from
 * `POST /api/auth/login` (`auth: { token }`). Each event is role-checked, then parsed.
 */
function toCallback(r: CallbackRow): Callback {
  return {
    id: r.id,
    ticket: r.ticket,
    sessionId: r.session_id,
    deviceId: r.device_id,
    language: r.language as Callback['language'],
    name: r.name,
    contact: r.contact,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    status: r.status as Callback['status'],
    handledBy: r.handled_by,
  };
}

function orNotFound<T>(v: T | undefined, id: string): T {
  if (v === undefined) throw new OrchestratorError('not_found', `${id} not found`);
  return v;
}

export function attachConsoleNamespace(
  nsp: Namespace,
  deps: { store: Store; sessions: SessionService; tokens: TokenService; logger: Logger; kpi: KpiService; canned: CannedReplies; limits: SocketLimits; notifyDevice: (deviceId: string, event: string, payload: unknown) => void },
): void {
  const log = deps.logger.child({ module: 'console-ns' });
  nsp.use(async (socket, next) => {
    const parsed = ConsoleAuth.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error('unauthorized: missing token'));
    const claims = await deps.tokens.verify(parsed.data.token);
    if (!claims) return next(new Error('unauthorized: invalid or expired token'));
    let worker;
    try {
      worker = await deps.store.getWorker(claims.sub);
    } catch (err) {
      log.warn({ err }, 'user lookup failed during handshake');
      return next(new Error('unavailable: the orchestrator cannot reach its database; retrying'));
    }
    if (!worker) return next(new Error('unauthorized: unknown user'));
    const data = socket.data as ConsoleSocketData;
    data.workerId = worker.id;
    data.role = worker.role;
    data.worker = worker;
    next();
  });

  nsp.on('connection', (socket: Socket) => {
    const { workerId, role, worker } = socket.data as ConsoleSocketData;
    const wlog = log.child({ workerId, role });
    // Handlers are registered synchronously (no event is lost) and wait for the bookkeeping.
    const ready = deps.sessions.workerConnected(worker, socket.id);
    ready.catch((err: unknown) => wlog.error({ err }, 'console connect bookkeeping failed'));
    void socket.join([workerRoom(workerId), ...(role === 'worker' ? [DESK_ROOM] : role === 'staff' ? [FLEET_ROOM] : [DESK_ROOM, FLEET_ROOM, SUPERVISOR_ROOM])]);
    wlog.info('console connected');
    socket.on('disconnect', (reason) => {
      wlog.info({ reason }, 'console disconnected');
      void ready
        .catch(() => undefined)
        .then(() => deps.sessions.workerDisconnected(workerId, socket.id))
        .catch((err: unknown) => wlog.error({ err }, 'console disconnect bookkeeping failed'));
    });
    const s = deps.sessions;
    const guarded = <A extends unknown[], R>(event: keyof typeof consoleRequests, fn: (...a: A) => R) =>
      async (...a: A): Promise<Awaited<R>> => {
        if (!ALLOWED[event].includes(role)) throw AuthError.forbidden(`${event} for role ${role}`);
        await ready;
        return await fn(...a);
      };
    const media = mediaHandlers(s, { role: 'worker', id: workerId });
    registerHandlers(
      socket,
      consoleRequests,
      {
        'console:hello': guarded('console:hello', () => s.hello(workerId)),
        'devices:list': guarded('devices:list', async () => ({ devices: await s.deviceStatuses() })),
        'worker:set-state': guarded('worker:set-state', async (p: { state: 'available' | 'away' }) => ({ worker: await s.setWorkerState(workerId, p.state) })),
        'offer:accept': guarded('offer:accept', (p: { offerId: string }) => s.acceptOffer(workerId, p.offerId)),
        'offer:decline': guarded('offer:decline', async (p: { offerId: string }) => {
          await s.declineOffer(workerId, p.offerId);
          return {};
        }),
        'worker:message': guarded('worker:message', async (p: { sessionId: string; text: string; clientId?: string }) => ({ entry: await s.workerMessage(workerId, p.sessionId, p.text, p.clientId) })),
        'session:end': guarded('session:end', async (p: { sessionId: string; disposition: 'resolved' | 'referred' | 'follow_up' | 'visitor_left' | 'handback_ai'; notes?: string }) => ({
          session: await s.endByWorker(workerId, p.sessionId, p.disposition, p.notes),
        })),
        'robot:command': guarded('robot:command', (p: { sessionId: string; command: RobotCommand }) => s.robot.command(workerId, p.sessionId, p.command)),
        'robot:revoke-lease': guarded('robot:revoke-lease', async (p: { sessionId: string }) => {
          await s.robot.revoke(role, p.sessionId);
          return {};
        }),
        'robot:estop-release': guarded('robot:estop-release', (p: { deviceId: string }) => s.robot.releaseEstop(role, p.deviceId)),
        'fleet:snapshot': guarded('fleet:snapshot', async () => ({ devices: await s.deviceStatuses(), alerts: await s.fleet.activeAlerts() })),
        'alert:ack': guarded('alert:ack', async (p: { alertId: string }) => ({ alert: orNotFound(await s.fleet.acknowledge(p.alertId, workerId), p.alertId) })),
        'alert:resolve': guarded('alert:resolve', async (p: { alertId: string }) => ({ alert: orNotFound(await s.fleet.resolve(p.alertId), p.alertId) })),
        'device:set-service': guarded('device:set-service', async (p: { deviceId: string; inService: boolean }) => ({ device: await s.setDeviceInService(p.deviceId, p.inService, workerId) })),
        'device:reload': guarded('device:reload', async (p: { deviceId: string }) => {
          deps.notifyDevice(p.deviceId, 'device:reload', {});
          return {};
        }),
        'device:dock': guarded('device:dock', (p: { deviceId: string }) => s.robot.staffCommand(role, p.deviceId, { type: 'dock' })),
        'device:history': guarded('device:history', async (p: { deviceId: string; hours: number }) => ({
          samples: await deps.store.batteryHistory(p.deviceId, new Date(Date.now() - p.hours * 3600_000)),
        })),
        'callbacks:list': guarded('callbacks:list', async () => ({ callbacks: (await deps.store.openCallbacks()).map(toCallback) })),
        'callback:complete': guarded('callback:complete', async (p: { callbackId: string }) => ({
          callback: toCallback(orNotFound(await deps.store.completeCallback(p.callbackId, workerId), p.callbackId)),
        })),
        'session:transfer': guarded('session:transfer', async (p: Parameters<SessionService['transfer']>[1]) => ({ session: await s.transfer(workerId, p) })),
        'session:handback': guarded('session:handback', async (p: { sessionId: string; note?: string }) => ({ session: await s.handback(workerId, p.sessionId, p.note) })),
        'session:note': guarded('session:note', async (p: { sessionId: string; text: string }) => ({ note: await s.addNote(workerId, p.sessionId, p.text) })),
        'session:notes': guarded('session:notes', async (p: { sessionId: string }) => ({ notes: await s.notes({ id: workerId, role }, p.sessionId) })),
        'canned:list': guarded('canned:list', () => ({ replies: deps.canned.forLanguages(worker.languages) })),
        'sessions:search': guarded('sessions:search', async (p: { query?: string; limit: number }) => ({
          sessions: await sessionSummaries(deps.store, { workerId: role === 'supervisor' ? null : workerId, ...(p.query ? { query: p.query } : {}), limit: p.limit }),
        })),
        'sessions:transcript': guarded('sessions:transcript', async (p: { sessionId: string }) => ({ transcript: await s.pastTranscript({ id: workerId, role }, p.sessionId) })),
        'kiosk:show': guarded('kiosk:show', async (p: { sessionId: string; content: KioskContent }) => {
          await s.showOnKiosk(workerId, p.sessionId, p.content);
          return {};
        }),
        'kiosk:clear': guarded('kiosk:clear', async (p: { sessionId: string }) => {
          await s.showOnKiosk(workerId, p.sessionId, null);
          return {};
        }),
        'supervisor:snapshot': guarded('supervisor:snapshot', () => s.supervision.snapshot()),
        'supervisor:monitor': guarded('supervisor:monitor', async (p: { sessionId: string }) => {
          const a = await s.monitorCall(workerId, p.sessionId);
          await socket.join(monitorRoom(p.sessionId));
          return a;
        }),
        'supervisor:barge-in': guarded('supervisor:barge-in', async (p: { sessionId: string }) => {
          await s.bargeIn(workerId, p.sessionId);
          return {};
        }),
        'supervisor:message': guarded('supervisor:message', async (p: { sessionId: string; text: string }) => ({ entry: await s.supervisorMessage(workerId, p.sessionId, p.text) })),
        'supervisor:leave': guarded('supervisor:leave', async (p: { sessionId: string }) => {
          await socket.leave(monitorRoom(p.sessionId));
          await s.stopMonitoring(workerId, p.sessionId);
          return {};
        }),
        'supervisor:reassign': guarded('supervisor:reassign', async (p: { sessionId: string; toWorkerId: string }) => {
          await s.reassign(workerId, p.sessionId, p.toWorkerId);
          return {};
        }),
        'workers:list': guarded('workers:list', async () => ({ workers: await s.colleagues() })),
        'kpi:report': guarded('kpi:report', (p: KpiFilter) => deps.kpi.report(p)),
        'worker:utterance': guarded('worker:utterance', async (p: { sessionId: string; audio: Uint8Array; mimeType: string }) => ({
          entry: await s.workerUtterance(workerId, p.sessionId, p.audio, p.mimeType),
        })),
        'assist:latest': guarded('assist:latest', (p: { sessionId: string }) => s.latestAssist(workerId, p.sessionId)),
        'media:join': guarded('media:join', media['media:join']),
        'media:create-transport': guarded('media:create-transport', media['media:create-transport']),
        'media:connect-transport': guarded('media:connect-transport', media['media:connect-transport']),
        'media:produce': guarded('media:produce', media['media:produce']),
        'media:consume': guarded('media:consume', media['media:consume']),
        'media:resume-consumer': guarded('media:resume-consumer', media['media:resume-consumer']),
        'media:restart-ice': guarded('media:restart-ice', media['media:restart-ice']),
      },
      wlog,
      (event) => deps.limits.check(socket.id, event),
    );
  });
}
