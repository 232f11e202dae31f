import type { Namespace, Socket } from 'socket.io';
import { ConsoleAuth, consoleRequests, servesVisitors, type KioskContent, type KpiFilter, type RobotCommand, type Role, type UserAccount } from '@telekiosk/shared';
import type { KpiService } from '../kpi/kpiQueries.ts';
import { sessionSummaries, type CannedReplies } from '../sessions/desk.ts';
import { reasonOf, type AccessControl } from '../auth/access.ts';
import type { Principal } from '../auth/authStore.ts';
import type { DeviceCredentials } from '../auth/devices.ts';
import type { CallbackAccess } from '../privacy/callbackAccess.ts';
import type { Store, StoredWorker } from '../db/store.ts';
import { AuthError, OrchestratorError, toWireError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { SessionService } from '../sessions/sessionService.ts';
import { registerHandlers } from './handle.ts';
import type { SocketLimits } from './limits.ts';
import { mediaHandlers } from './mediaHandlers.ts';
import { knowledgeHandlers, type KnowledgeDeps } from './knowledgeHandlers.ts';

/** Socket data of an authenticated console user. */
export interface ConsoleSocketData {
  workerId: string;
  /** The role the socket was opened with: a change of role closes the socket. */
  role: Role;
  worker: StoredWorker;
  /** The sign-in session of the token the socket was opened with (revoking it closes the socket). */
  sid: string | undefined;
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


function orNotFound<T>(v: T | undefined, id: string): T {
  if (v === undefined) throw new OrchestratorError('not_found', `${id} not found`);
  return v;
}

/** How often each node re-checks the users of its open console sockets against the store (ms). */
export const ACCESS_SWEEP_MS = 10_000;

/** A principal as the session core's stored-worker shape. */
function storedWorker(p: Principal): StoredWorker {
  return { id: p.id, username: p.username, displayName: p.displayName, role: p.role, languages: p.languages, departments: p.departments, level: p.level };
}

function account(p: Principal): UserAccount {
  return { id: p.id, username: p.username, displayName: p.displayName, role: p.role, status: p.status, languages: p.languages, departments: p.departments };
}

/**
 * The `/console` namespace: users authenticate with the short-lived access token from
 * `POST /api/auth/login` or `/api/auth/refresh` (`auth: { token }`). Every event is parsed, then
 * checked against the user's current role and account status from the store and against the
 * roles its definition in `packages/shared` allows. A user who is disabled, deleted, demoted or
 * signed out loses their sockets at once (`auth:revoked` with the reason, then disconnect), on
 * every node; each node also re-checks its sockets' users every {@link ACCESS_SWEEP_MS}.
 * @returns a handle whose `close()` stops the periodic re-check.
 */
export function attachConsoleNamespace(
  nsp: Namespace,
  deps: {
    store: Store;
    sessions: SessionService;
    access: AccessControl;
    devices: DeviceCredentials;
    callbacks: CallbackAccess;
    logger: Logger;
    kpi: KpiService;
    canned: CannedReplies;
    limits: SocketLimits;
    notifyDevice: (deviceId: string, event: string, payload: unknown) => void;
    /** Knowledge base, verdicts and review (knowledge editors, AI trainers). */
    knowledge: KnowledgeDeps;
  },
): { close(): void } {
  const log = deps.logger.child({ module: 'console-ns' });
  nsp.use(async (socket, next) => {
    const parsed = ConsoleAuth.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error('unauthorized: missing token'));
    try {
      const caller = await deps.access.authenticate(parsed.data.token);
      const data = socket.data as ConsoleSocketData;
      data.workerId = caller.principal.id;
      data.role = caller.principal.role;
      data.worker = storedWorker(caller.principal);
      data.sid = caller.sid;
      next();
    } catch (err) {
      const wire = toWireError(err);
      if (wire.code === 'internal' || wire.code === 'unavailable') {
        log.warn({ err }, 'user lookup failed during handshake');
        return next(new Error('unavailable: the orchestrator cannot reach its database; retrying'));
      }
      next(new Error(`unauthorized: ${wire.message}`));
    }
  });

  /** Closes a socket that lost access, telling the client why. */
  const revoke = (socket: Socket, message: string) => {
    if (socket.disconnected) return;
    const reason = reasonOf(message);
    log.info({ workerId: (socket.data as ConsoleSocketData).workerId, reason }, 'console access withdrawn');
    socket.emit('auth:revoked', { reason });
    socket.disconnect(true);
  };
  /** Re-checks the users of this node's console sockets (`fresh`: read the store, not the cache). */
  const recheck = async (match: (d: ConsoleSocketData) => boolean, fresh: boolean) => {
    for (const socket of nsp.sockets.values()) {
      const d = socket.data as ConsoleSocketData;
      if (!d.workerId || !match(d)) continue;
      try {
        await deps.access.check(d.workerId, d.sid, { role: d.role, fresh });
      } catch (err) {
        if (toWireError(err).code === 'unauthorized') revoke(socket, (err as Error).message);
        else log.warn({ err, workerId: d.workerId }, 'access re-check failed; will retry');
      }
    }
  };
  deps.access.onChange((c) => void recheck((d) => d.workerId === c.workerId || (!!c.sid && d.sid === c.sid), true));
  const sweep = setInterval(() => void recheck(() => true, false), ACCESS_SWEEP_MS);
  sweep.unref();

  nsp.on('connection', (socket: Socket) => {
    const { workerId, role, worker, sid } = socket.data as ConsoleSocketData;
    const wlog = log.child({ workerId, role });
    // Handlers are registered synchronously (no event is lost) and wait for the bookkeeping.
    const ready = deps.sessions.workerConnected(worker, socket.id);
    ready.catch((err: unknown) => wlog.error({ err }, 'console connect bookkeeping failed'));
    // Role rooms: least privilege (editors and trainers hear only of their own account).
    const rooms = role === 'supervisor' ? [DESK_ROOM, FLEET_ROOM, SUPERVISOR_ROOM] : role === 'worker' ? [DESK_ROOM] : role === 'staff' ? [FLEET_ROOM] : [];
    void socket.join([workerRoom(workerId), ...rooms]);
    wlog.info('console connected');
    socket.on('disconnect', (reason) => {
      wlog.info({ reason }, 'console disconnected');
      void ready
        .catch(() => undefined)
        .then(() => deps.sessions.workerDisconnected(workerId, socket.id))
        .catch((err: unknown) => wlog.error({ err }, 'console disconnect bookkeeping failed'));
    });
    const s = deps.sessions;
    /** The caller as the store has them now (checked on every event in `authorize` below). */
    let current: Principal = { ...worker, departments: worker.departments ?? ['general'], level: worker.level ?? 1, status: 'active' };
    const authorize = async (event: string, roles: readonly string[]) => {
      try {
        current = (await deps.access.check(workerId, sid, { role })).principal;
      } catch (err) {
        if (toWireError(err).code === 'unauthorized') setImmediate(() => revoke(socket, (err as Error).message));
        throw err;
      }
      if (!roles.includes(current.role)) throw AuthError.forbidden(`${event} for role ${current.role}`);
      await ready;
    };
    const media = mediaHandlers(s, { role: 'worker', id: workerId });
    registerHandlers(
      socket,
      consoleRequests,
      {
        'console:hello': async () => {
          const hello = await s.hello(workerId);
          // Editors and trainers do not watch devices.
          return servesVisitors(role) || role === 'staff' ? hello : { ...hello, devices: [] };
        },
        'devices:list': async () => ({ devices: await s.deviceStatuses() }),
        'worker:set-state': async (p: { state: 'available' | 'away' }) => ({ worker: await s.setWorkerState(workerId, p.state) }),
        'offer:accept': (p: { offerId: string }) => s.acceptOffer(workerId, p.offerId),
        'offer:decline': async (p: { offerId: string }) => {
          await s.declineOffer(workerId, p.offerId);
          return {};
        },
        'worker:message': async (p: { sessionId: string; text: string; clientId?: string }) => ({ entry: await s.workerMessage(workerId, p.sessionId, p.text, p.clientId) }),
        'session:end': async (p: { sessionId: string; disposition: 'resolved' | 'referred' | 'follow_up' | 'visitor_left' | 'handback_ai'; notes?: string }) => ({
          session: await s.endByWorker(workerId, p.sessionId, p.disposition, p.notes),
        }),
        'robot:command': (p: { sessionId: string; command: RobotCommand }) => s.robot.command(workerId, p.sessionId, p.command),
        'robot:revoke-lease': async (p: { sessionId: string }) => {
          await s.robot.revoke(role, p.sessionId);
          return {};
        },
        'robot:estop-release': (p: { deviceId: string }) => s.robot.releaseEstop(role, p.deviceId),
        'fleet:snapshot': async () => ({ devices: await s.deviceStatuses(), alerts: await s.fleet.activeAlerts() }),
        'alert:ack': async (p: { alertId: string }) => ({ alert: orNotFound(await s.fleet.acknowledge(p.alertId, workerId), p.alertId) }),
        'alert:resolve': async (p: { alertId: string }) => ({ alert: orNotFound(await s.fleet.resolve(p.alertId), p.alertId) }),
        'device:set-service': async (p: { deviceId: string; inService: boolean }) => ({ device: await s.setDeviceInService(p.deviceId, p.inService, workerId) }),
        'device:reload': async (p: { deviceId: string }) => {
          deps.notifyDevice(p.deviceId, 'device:reload', {});
          return {};
        },
        'device:dock': (p: { deviceId: string }) => s.robot.staffCommand(role, p.deviceId, { type: 'dock' }),
        'device:history': async (p: { deviceId: string; hours: number }) => ({
          samples: await deps.store.fleet.batteryHistory(p.deviceId, new Date(Date.now() - p.hours * 3600_000)),
        }),
        'callbacks:list': async () => ({ callbacks: await deps.callbacks.list(current) }),
        'callback:complete': async (p: { callbackId: string }) => ({ callback: await deps.callbacks.complete(current, p.callbackId) }),
        'callback:contact': (p: { callbackId: string }) => deps.callbacks.contact(current, p.callbackId),
        'users:list': async () => ({ users: (await deps.access.allUsers()).map(account) }),
        'user:set-status': async (p: { workerId: string; status: 'active' | 'disabled' | 'deleted' }) => {
          if (p.workerId === workerId) throw AuthError.forbidden('changing your own account status');
          return { user: account(await deps.access.setStatus(`worker:${workerId}`, p.workerId, p.status)) };
        },
        'user:set-role': async (p: { workerId: string; role: Role }) => {
          if (p.workerId === workerId) throw AuthError.forbidden('changing your own role');
          return { user: account(await deps.access.setRole(`worker:${workerId}`, p.workerId, p.role)) };
        },
        'device:create': (p: { deviceId: string; name: string; location: string }) => deps.devices.create(`worker:${workerId}`, p),
        'device:enrolment-code': async (p: { deviceId: string }) => ({ enrolment: await deps.devices.enrolmentCode(`worker:${workerId}`, p.deviceId) }),
        'device:rotate-credential': (p: { deviceId: string }) => deps.devices.rotate(`worker:${workerId}`, p.deviceId),
        'device:revoke-credential': async (p: { deviceId: string }) => {
          await deps.devices.revoke(`worker:${workerId}`, p.deviceId);
          return {};
        },
        'session:transfer': async (p: Parameters<SessionService['transfer']>[1]) => ({ session: await s.transfer(workerId, p) }),
        'consult:message': async (p: { sessionId: string; text: string }) => ({ message: await s.consultMessage(workerId, p.sessionId, p.text) }),
        'consult:join': async (p: { sessionId: string }) => ({ session: await s.consultJoin(workerId, p.sessionId) }),
        'consult:leave': async (p: { sessionId: string }) => {
          await s.consultLeave(workerId, p.sessionId);
          return {};
        },
        'session:handback': async (p: { sessionId: string; note?: string }) => ({ session: await s.handback(workerId, p.sessionId, p.note) }),
        'session:note': async (p: { sessionId: string; text: string }) => ({ note: await s.addNote(workerId, p.sessionId, p.text) }),
        'session:notes': async (p: { sessionId: string }) => ({ notes: await s.notes({ id: workerId, role }, p.sessionId) }),
        'canned:list': () => ({ replies: deps.canned.forLanguages(worker.languages) }),
        'sessions:search': async (p: { query?: string; limit: number }) => ({
          sessions: await sessionSummaries(deps.store, { workerId: role === 'supervisor' ? null : workerId, ...(p.query ? { query: p.query } : {}), limit: p.limit }),
        }),
        'sessions:transcript': async (p: { sessionId: string }) => ({ transcript: await s.pastTranscript({ id: workerId, role }, p.sessionId) }),
        'kiosk:show': async (p: { sessionId: string; content: KioskContent }) => {
          await s.showOnKiosk(workerId, p.sessionId, p.content);
          return {};
        },
        'kiosk:clear': async (p: { sessionId: string }) => {
          await s.showOnKiosk(workerId, p.sessionId, null);
          return {};
        },
        'supervisor:snapshot': () => s.supervision.snapshot(),
        'supervisor:monitor': async (p: { sessionId: string }) => {
          const a = await s.monitorCall(workerId, p.sessionId);
          await socket.join(monitorRoom(p.sessionId));
          return a;
        },
        'supervisor:barge-in': async (p: { sessionId: string }) => {
          await s.bargeIn(workerId, p.sessionId);
          return {};
        },
        'supervisor:message': async (p: { sessionId: string; text: string }) => ({ entry: await s.supervisorMessage(workerId, p.sessionId, p.text) }),
        'supervisor:leave': async (p: { sessionId: string }) => {
          await socket.leave(monitorRoom(p.sessionId));
          await s.stopMonitoring(workerId, p.sessionId);
          return {};
        },
        'supervisor:reassign': async (p: { sessionId: string; toWorkerId: string }) => {
          await s.reassign(workerId, p.sessionId, p.toWorkerId);
          return {};
        },
        'workers:list': async () => ({ workers: await s.colleagues() }),
        'kpi:report': (p: KpiFilter) => deps.kpi.report(p),
        'worker:utterance': async (p: { sessionId: string; audio: Uint8Array; mimeType: string }) => ({
          entry: await s.workerUtterance(workerId, p.sessionId, p.audio, p.mimeType),
        }),
        'assist:latest': (p: { sessionId: string }) => s.latestAssist(workerId, p.sessionId),
        ...media,
        ...knowledgeHandlers(deps.knowledge, workerId),
      },
      wlog,
      (event) => deps.limits.check(socket.id, event),
      { authorize, refuseUnknown: true },
    );
  });
  return { close: () => clearInterval(sweep) };
}
