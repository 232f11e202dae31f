import type { Namespace, Socket } from 'socket.io';
import { KioskAuth, kioskRequests } from '@telekiosk/shared';
import { verifyDeviceToken } from '../auth/passwords.ts';
import type { DeviceCredentials } from '../auth/devices.ts';
import { AuthError } from '../errors.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import type { SessionService } from '../sessions/sessionService.ts';
import { registerHandlers } from './handle.ts';
import type { Admission, SocketLimits } from './limits.ts';
import { mediaHandlers } from './mediaHandlers.ts';

/** Socket data of an authenticated kiosk. */
export interface KioskSocketData {
  deviceId: string;
}

/** Room name of a device's sockets. */
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;

/**
 * The `/kiosk` namespace: devices authenticate with the credential they received at enrolment,
 * in the handshake (`auth: { deviceId, deviceToken }`, never in a URL); unauthenticated
 * connections are refused with a `connect_error` naming the problem. Every event is parsed, then
 * checked against the roles of its definition (`kiosk`) and the device's credential state (a
 * revoked credential closes the socket). One active connection per device: a new one replaces the
 * old, which is told why (`device:replaced`) and disconnected. Every event is rate-limited per
 * connection (telemetry also per device); new sessions pass admission control.
 */
export function attachKioskNamespace(nsp: Namespace, deps: { store: Store; sessions: SessionService; logger: Logger; limits: SocketLimits; admission: Admission; devices: DeviceCredentials }): void {
  const log = deps.logger.child({ module: 'kiosk-ns' });
  nsp.use(async (socket, next) => {
    const parsed = KioskAuth.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error(`unauthorized: invalid auth: ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`));
    let device;
    try {
      device = await deps.store.fleet.getDevice(parsed.data.deviceId);
    } catch (err) {
      log.warn({ err }, 'device lookup failed during handshake');
      return next(new Error('unavailable: the orchestrator cannot reach its database; retrying'));
    }
    if (device?.credential_revoked_at) return next(new Error('unauthorized: device credential revoked; enrol the device again'));
    if (!device || !verifyDeviceToken(parsed.data.deviceToken, device.token_hash)) return next(new Error('unauthorized: unknown device or wrong device token'));
    (socket.data as KioskSocketData).deviceId = device.id;
    next();
  });

  nsp.on('connection', (socket: Socket) => {
    const { deviceId } = socket.data as KioskSocketData;
    const dlog = log.child({ deviceId });
    dlog.info('kiosk connected');
    // One active connection per device: the newest wins, the others are told and closed.
    void nsp
      .in(deviceRoom(deviceId))
      .fetchSockets()
      .then((old) => {
        for (const s of old) {
          if (s.id === socket.id) continue;
          s.emit('device:replaced', { reason: 'another connection of this device took over' });
          s.disconnect(true);
          dlog.warn({ replaced: s.id }, 'older kiosk connection replaced');
        }
      })
      .catch((err: unknown) => dlog.warn({ err }, 'could not look up older connections'));
    void socket.join(deviceRoom(deviceId));
    socket.emit('device:capabilities', deps.sessions.capabilities());
    void deps.sessions.deviceConnected(deviceId, socket.id).catch((err: unknown) => dlog.error({ err }, 'device connect bookkeeping failed'));
    socket.on('disconnect', (reason) => {
      dlog.info({ reason }, 'kiosk disconnected');
      // The session core checks whether a newer connection (on any node) speaks for the device.
      void deps.sessions.deviceDisconnected(deviceId, socket.id).catch((err: unknown) => dlog.error({ err }, 'device disconnect bookkeeping failed'));
    });
    const s = deps.sessions;
    registerHandlers(
      socket,
      kioskRequests,
      {
        ...mediaHandlers(s, { role: 'kiosk', id: deviceId }),
        'session:start': (p) => deps.admission.admit(() => s.startSession(deviceId, p)),
        'session:resume': (p) => s.resume(deviceId, p.sessionId, p.lastSeq),
        'session:language': async (p) => ({ session: await s.changeLanguage(deviceId, p.sessionId, p.language) }),
        'visitor:message': (p) => s.visitorMessage(deviceId, p.sessionId, p.text, p.clientId),
        'visitor:utterance': (p) => s.visitorUtterance(deviceId, p.sessionId, p.audio, p.mimeType),
        'speech:synthesize': async (p) => {
          const r = await s.synthesize(p.text, p.language);
          return { audio: new Uint8Array(r.audio), mimeType: r.mimeType };
        },
        'visitor:callback': (p) => s.requestCallback(deviceId, p),
        'visitor:request-person': async (p) => ({ session: await s.requestPerson(deviceId, p.sessionId) }),
        'session:rate': async (p) => {
          await s.rate(deviceId, p.sessionId, p.rating);
          return {};
        },
        'session:leave': async (p) => {
          await s.leave(deviceId, p.sessionId, p.reason);
          return {};
        },
        'device:telemetry': async (p) => {
          await s.deviceTelemetry(deviceId, p);
          return {};
        },
      },
      dlog,
      (event) => deps.limits.check(socket.id, event, deviceId),
      {
        refuseUnknown: true,
        authorize: async (event, roles) => {
          if (!roles.includes('kiosk')) throw AuthError.forbidden(`${event} for a kiosk`);
          try {
            await deps.devices.check(deviceId);
          } catch (err) {
            // Only a revoked credential closes the connection. A database outage while the
            // check's cache is stale (PostgreSQL stopped, fault test) is answered `unavailable`
            // with a retry-after like any other request; telling the kiosk "revoked" would make
            // it stop and ask for enrolment (2026-12-07: seen in a loaded CI run).
            if (!(err instanceof AuthError)) throw err;
            setImmediate(() => {
              socket.emit('device:revoked', { reason: 'credential revoked' });
              socket.disconnect(true);
            });
            throw err;
          }
        },
      },
    );
  });
}
