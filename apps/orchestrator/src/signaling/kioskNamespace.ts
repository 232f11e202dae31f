import type { Namespace, Socket } from 'socket.io';
import { KioskAuth, kioskRequests } from '@telekiosk/shared';
import { verifyDeviceToken } from '../auth/passwords.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import type { SessionService } from '../sessions/sessionService.ts';
import { registerHandlers } from './handle.ts';
import { mediaHandlers } from './mediaHandlers.ts';

/** Socket data of an authenticated kiosk. */
export interface KioskSocketData {
  deviceId: string;
}

/** Room name of a device's sockets. */
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;

/**
 * The `/kiosk` namespace: devices authenticate with their provisioned token in the
 * handshake (`auth: { deviceId, deviceToken }`); unauthenticated connections are refused
 * with a `connect_error` naming the problem.
 */
export function attachKioskNamespace(nsp: Namespace, deps: { store: Store; sessions: SessionService; logger: Logger }): void {
  const log = deps.logger.child({ module: 'kiosk-ns' });
  nsp.use(async (socket, next) => {
    const parsed = KioskAuth.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error(`unauthorized: invalid auth: ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`));
    const device = await deps.store.getDevice(parsed.data.deviceId).catch(() => undefined);
    if (!device || !verifyDeviceToken(parsed.data.deviceToken, device.token_hash)) return next(new Error('unauthorized: unknown device or wrong device token'));
    (socket.data as KioskSocketData).deviceId = device.id;
    next();
  });

  nsp.on('connection', (socket: Socket) => {
    const { deviceId } = socket.data as KioskSocketData;
    const dlog = log.child({ deviceId });
    dlog.info('kiosk connected');
    void socket.join(deviceRoom(deviceId));
    socket.emit('device:capabilities', deps.sessions.capabilities());
    void deps.sessions.deviceConnected(deviceId).catch((err) => dlog.error({ err }, 'device connect bookkeeping failed'));
    socket.on('disconnect', (reason) => {
      dlog.info({ reason }, 'kiosk disconnected');
      void deps.sessions.deviceDisconnected(deviceId).catch(() => {});
    });
    const s = deps.sessions;
    registerHandlers(
      socket,
      kioskRequests,
      {
        ...mediaHandlers(s, { role: 'kiosk', id: deviceId }),
        'session:start': (p) => s.startSession(deviceId, p),
        'visitor:message': (p) => s.visitorMessage(deviceId, p.sessionId, p.text),
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
    );
  });
}
