import { z } from 'zod';
import { defineRequest, Empty, type ClientToServerEvents, type ServerToClientEvents } from './ack.ts';
import { mediaEvents, mediaRequests } from './media.ts';
import { Id, IsoTime, Language, UserText, Uuid } from '../common.ts';
import { QueueStatus, RobotLink, SessionView, TranscriptEntry } from '../records.ts';
import { RobotCommand, RobotState } from './robot.ts';
import { fleetKioskEvents, MediaHealth } from './fleet.ts';
import { Capabilities, speechKioskRequests, Utterance } from './speech.ts';
import { callbackKioskRequests } from './callback.ts';
import { deskKioskEvents } from './desk.ts';

/**
 * The kiosk namespace (`/kiosk`). A device authenticates in the socket.io handshake with
 * `auth: KioskAuth`; every event below is then scoped to that device.
 */
export const KioskAuth = z.object({ deviceId: Id, deviceToken: z.string().min(16).max(256) });
export type KioskAuth = z.infer<typeof KioskAuth>;

/** Telemetry the kiosk reports (parsed loosely: unknown fields from newer kiosks are ignored). */
export const DeviceTelemetry = z.object({
  /** Battery percent 0..100 from `/battery_state` (ROS `percentage` x 100), null without a base. */
  batteryPercent: z.number().min(0).max(100).nullable(),
  charging: z.boolean().nullable(),
  robotLink: RobotLink,
  appVersion: z.string().max(64).nullable(),
  /** Robot base state (e-stop, pose, navigation); absent on kiosks without a base. */
  robot: RobotState.nullable().optional(),
  /** Camera and microphone health from the kiosk's media devices and tracks. */
  media: z.object({ camera: MediaHealth, microphone: MediaHealth }).optional(),
});
export type DeviceTelemetry = z.infer<typeof DeviceTelemetry>;

/** Who the visitor is talking to once a worker accepted. */
export const CallPeer = z.object({ displayName: z.string(), languages: z.array(Language) });

export const kioskRequests = {
  ...mediaRequests,
  ...speechKioskRequests,
  ...callbackKioskRequests,
  /** A spoken visitor utterance (push-to-talk): transcribed, then handled like a typed message. */
  'visitor:utterance': defineRequest(Utterance, z.object({ entries: z.array(TranscriptEntry), session: SessionView })),
  /** Start a new session when the visitor picks a language and accepts the consent notice. */
  'session:start': defineRequest(
    // Any of the 8 conversation languages: the kiosk UI has a catalog for each (server notices fall back to English where they have none).
    z.object({ language: Language, consentAcceptedAt: IsoTime, mode: z.enum(['assistant', 'person']) }),
    z.object({ session: SessionView, transcript: z.array(TranscriptEntry) }),
  ),
  /** A typed visitor message; the response carries the new transcript entries (visitor line, assistant reply). */
  'visitor:message': defineRequest(z.object({ sessionId: Uuid, text: UserText }), z.object({ entries: z.array(TranscriptEntry), session: SessionView })),
  /** The always-visible "Talk to a person" control. */
  'visitor:request-person': defineRequest(z.object({ sessionId: Uuid }), z.object({ session: SessionView })),
  /** CSAT rating after the session ended, 1..5. */
  'session:rate': defineRequest(z.object({ sessionId: Uuid, rating: z.number().int().min(1).max(5) }), Empty),
  /** The visitor walked away or the kiosk idled out: end and wipe. */
  'session:leave': defineRequest(z.object({ sessionId: Uuid, reason: z.enum(['visitor_left', 'idle']) }), Empty),
  /** Periodic device telemetry (every few seconds and on change). */
  'device:telemetry': defineRequest(DeviceTelemetry, Empty),
} as const;
export type KioskRequests = typeof kioskRequests;

/**
 * The visitor switched language mid-session (chat, waiting or call screen): the orchestrator
 * records it, answers in it from now on, and shows it to the worker. Responds with the updated
 * session. Kept in its own map until the orchestrator handles it; then spread it into
 * {@link kioskRequests}.
 */
export const kioskLanguageRequests = {
  'session:language': defineRequest(z.object({ sessionId: Uuid, language: Language }), z.object({ session: SessionView })),
} as const;

/**
 * A safety escalation of this session (emergency, injury, threat): the kiosk shows the calm
 * emergency screen. Sent when the escalation happens and again when facility staff acknowledge
 * the alert (`acknowledged: true`: "someone is coming").
 */
export const SessionEmergency = z.object({
  sessionId: Uuid,
  /** Facility staff acknowledged the safety alert: someone is on the way. */
  acknowledged: z.boolean(),
  /** The site's emergency number as configured per site (e.g. `112`), null when none is configured. */
  emergencyNumber: z.string().min(1).max(32).nullable(),
});
export type SessionEmergency = z.infer<typeof SessionEmergency>;

export const kioskEvents = {
  ...mediaEvents,
  ...fleetKioskEvents,
  ...deskKioskEvents,
  /** What the orchestrator offers this device (sent on connect). */
  'device:capabilities': Capabilities,
  /** Session state changed (queued, in_call, ended...). */
  'session:update': SessionView,
  /** A transcript line was added by someone else (worker message, system notice). */
  'transcript:entry': TranscriptEntry,
  /** Queue position and estimated wait while queued; sent on every change and every few seconds. */
  'queue:status': QueueStatus,
  /** A safety escalation of the session, and later the staff acknowledgement. */
  'session:emergency': SessionEmergency,
  /** A worker accepted; the call starts. */
  'call:started': z.object({ sessionId: Uuid, worker: CallPeer }),
  /**
   * A robot command relayed from the lease holder (or staff for `estop_release`). The kiosk
   * answers through the socket.io acknowledgement with a `RobotCommandResult`.
   */
  'robot:command': RobotCommand,
  /** The worker ended the call; the kiosk asks for a rating. */
  'call:ended': z.object({ sessionId: Uuid, disposition: z.string() }),
} as const;
export type KioskEvents = typeof kioskEvents;

export type KioskClientToServer = ClientToServerEvents<KioskRequests>;
export type KioskServerToClient = ServerToClientEvents<KioskEvents>;
