import { z } from 'zod';
import { defineRequest, Empty, type ClientToServerEvents, type ServerToClientEvents } from './ack.ts';
import { mediaEvents, mediaRequests } from './media.ts';
import { ControlLease, robotConsoleRequests } from './robot.ts';
import { fleetConsoleEvents, fleetConsoleRequests } from './fleet.ts';
import { assistConsoleEvents, assistConsoleRequests } from './assist.ts';
import { Capabilities, Utterance } from './speech.ts';
import { kpiConsoleRequests } from './kpi.ts';
import { callbackConsoleRequests } from './callback.ts';
import { deskConsoleRequests } from './desk.ts';
import { trustConsoleEvents, trustConsoleRequests } from './trust.ts';
import { knowledgeConsoleRequests } from './knowledge.ts';
import { consultConsoleEvents, consultConsoleRequests, ConsultState } from './consult.ts';
import { Id, UserText, Uuid } from '../common.ts';
import { Department, DeviceStatus, Disposition, HandoffPackage, Offer, SessionView, TranscriptEntry, WorkerState, WorkerView } from '../records.ts';

/**
 * The console namespace (`/console`). Users log in over HTTP (`POST /api/auth/login`) and
 * connect with `auth: ConsoleAuth` carrying the signed token. A worker only ever receives
 * events of sessions offered or assigned to them.
 */
export const ConsoleAuth = z.object({ token: z.string().min(1).max(4096) });
export type ConsoleAuth = z.infer<typeof ConsoleAuth>;

/** `POST /api/auth/login` body. */
export const LoginRequest = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof LoginRequest>;
/**
 * `POST /api/auth/login` and `POST /api/auth/refresh` response: a short-lived access token (expires
 * after `expiresInS` seconds; refresh before). The refresh token travels only in an HttpOnly
 * cookie (`tk_refresh`, path `/api/auth`) and works until the sign-in ends (`refreshExpiresInS`).
 */
export const LoginResponse = z.object({ token: z.string(), expiresInS: z.number().int().positive(), refreshExpiresInS: z.number().int().positive().optional(), worker: WorkerView });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A waiting visitor as supervisors see it. */
export const QueueItem = z.object({
  sessionId: Uuid,
  deviceId: Id,
  deviceName: z.string(),
  language: z.string(),
  /** Department queue, `general` when none. */
  department: z.string(),
  /** Routing priority (0 = safety). */
  priority: z.number(),
  /** Waiting since escalation, ms. */
  waitingMs: z.number().nonnegative(),
  offered: z.boolean(),
});
/** A live call as supervisors see it. */
export const LiveCall = z.object({ sessionId: Uuid, deviceId: Id, deviceName: z.string(), workerId: Id, workerName: z.string(), language: z.string(), sinceMs: z.number().nonnegative() });
/** Supervisor view: queues, workers and calls. */
export const SupervisorSnapshot = z.object({ queue: z.array(QueueItem), workers: z.array(WorkerView), calls: z.array(LiveCall) });
export type SupervisorSnapshot = z.infer<typeof SupervisorSnapshot>;

/** A session assigned to the worker, with everything needed to serve it. */
export const Assignment = z.object({ session: SessionView, handoff: HandoffPackage, transcript: z.array(TranscriptEntry) });
export type Assignment = z.infer<typeof Assignment>;

export const consoleRequests = {
  ...mediaRequests,
  ...robotConsoleRequests,
  ...fleetConsoleRequests,
  ...assistConsoleRequests,
  ...kpiConsoleRequests,
  ...callbackConsoleRequests,
  ...deskConsoleRequests,
  ...trustConsoleRequests,
  ...knowledgeConsoleRequests,
  ...consultConsoleRequests,
  /** Snapshot on connect: who I am, my offers and assignment, and device status. */
  'console:hello': defineRequest(
    Empty,
    z.object({
      worker: WorkerView,
      offers: z.array(Offer),
      /** My call (for the transferring worker of a consult: the call they are still in as a colleague). */
      assignment: Assignment.nullable(),
      devices: z.array(DeviceStatus),
      capabilities: Capabilities.optional(),
      /** The private consult of my call, when one is going on (restored after a reload). Optional: added later. */
      consult: ConsultState.nullable().optional(),
    }),
    ['worker', 'supervisor', 'staff', 'editor', 'trainer'],
  ),
  /** Set my state; only `available` and `away` can be chosen (busy and wrap-up follow sessions). */
  'worker:set-state': defineRequest(z.object({ state: WorkerState.extract(['available', 'away']) }), z.object({ worker: WorkerView }), ['worker', 'supervisor']),
  /** Accept an offer: the session is assigned to me (atomic; fails with `conflict` if taken or expired). */
  'offer:accept': defineRequest(z.object({ offerId: Uuid }), Assignment, ['worker', 'supervisor']),
  /** Decline an offer: it is re-offered to the next available worker. */
  'offer:decline': defineRequest(z.object({ offerId: Uuid }), Empty, ['worker', 'supervisor']),
  /** A spoken worker utterance (push-to-talk): transcribed, translated and shown as a caption on the kiosk. */
  'worker:utterance': defineRequest(Utterance, z.object({ entry: TranscriptEntry }), ['worker', 'supervisor']),
  /** A typed message from the worker to the visitor. */
  'worker:message': defineRequest(z.object({ sessionId: Uuid, text: UserText, clientId: Uuid.optional() }), z.object({ entry: TranscriptEntry }), ['worker', 'supervisor']),
  /** End the session with a disposition; the worker goes to wrap-up, then available. */
  'session:end': defineRequest(z.object({ sessionId: Uuid, disposition: Disposition, notes: z.string().max(2000).optional() }), z.object({ session: SessionView }), ['worker', 'supervisor']),
  /**
   * Transfer the visitor: `cold` back to a department queue (keeps their place by age), or
   * `warm` to a named colleague, who gets an offer with the handoff package and the note; the
   * caller stays in the call until the colleague accepts.
   */
  'session:transfer': defineRequest(
    z.discriminatedUnion('mode', [
      z.object({ sessionId: Uuid, mode: z.literal('cold'), department: Department, note: z.string().max(1000).optional() }),
      z.object({
        sessionId: Uuid,
        mode: z.literal('warm'),
        toWorkerId: Id,
        note: z.string().max(1000),
        /** Talk privately with the colleague (visitor on hold) before they join; see protocol/consult.ts. */
        consult: z.boolean().optional(),
      }),
    ]),
    z.object({ session: SessionView }),
    ['worker', 'supervisor'],
  ),
  /** Hand the visitor back to the AI assistant (the session continues in intake). */
  'session:handback': defineRequest(z.object({ sessionId: Uuid, note: z.string().max(1000).optional() }), z.object({ session: SessionView }), ['worker', 'supervisor']),
  /** Supervisor: live queues, worker states and calls. */
  'supervisor:snapshot': defineRequest(Empty, SupervisorSnapshot, ['supervisor']),
  /** Supervisor: watch and listen to a live call (join its media as a monitor; nothing is sent). */
  'supervisor:monitor': defineRequest(z.object({ sessionId: Uuid }), Assignment, ['supervisor']),
  /** Supervisor: barge in: the supervisor may now speak in the call and post messages to the visitor. */
  'supervisor:barge-in': defineRequest(z.object({ sessionId: Uuid }), Empty, ['supervisor']),
  /** Supervisor: post a message into a monitored call after barging in. */
  'supervisor:message': defineRequest(z.object({ sessionId: Uuid, text: UserText }), z.object({ entry: TranscriptEntry }), ['supervisor']),
  /** Supervisor: stop monitoring. */
  'supervisor:leave': defineRequest(z.object({ sessionId: Uuid }), Empty, ['supervisor']),
  /** Supervisor: offer a waiting visitor to a specific worker now (directed offer). */
  'supervisor:reassign': defineRequest(z.object({ sessionId: Uuid, toWorkerId: Id }), Empty, ['supervisor']),
  /** Colleagues and their states (for warm transfers). */
  'workers:list': defineRequest(Empty, z.object({ workers: z.array(WorkerView) }), ['worker', 'supervisor']),
  /** Device list (workers, supervisors and staff). */
  'devices:list': defineRequest(Empty, z.object({ devices: z.array(DeviceStatus) }), ['worker', 'supervisor', 'staff']),
} as const;
export type ConsoleRequests = typeof consoleRequests;

export const consoleEvents = {
  ...mediaEvents,
  ...trustConsoleEvents,
  ...fleetConsoleEvents,
  ...assistConsoleEvents,
  ...consultConsoleEvents,
  /** My state changed (e.g. busy after accept, wrap_up after end). */
  'worker:update': WorkerView,
  /** A new offer for me. */
  'offer:new': Offer,
  /** Supervisors: queues, workers or calls changed (at most about once per second). */
  'supervisor:update': SupervisorSnapshot,
  /** A warm transfer I started did not happen (declined, timed out, the colleague left). */
  'transfer:failed': z.object({ sessionId: Uuid, toWorkerId: Id, reason: z.enum(['declined', 'timeout', 'unavailable']) }),
  /** An offer of mine is gone: declined, timed out, taken or the visitor left. */
  'offer:revoked': z.object({ offerId: Uuid, reason: z.enum(['declined', 'timeout', 'abandoned', 'taken']) }),
  /** A session assigned to me changed. */
  'session:update': SessionView,
  /**
   * A newer handoff package of a session offered or assigned to me (e.g. the LLM summary,
   * which follows the offer so that no handoff waits on a provider).
   */
  'handoff:update': z.object({ sessionId: Uuid, handoff: HandoffPackage }),
  /** A transcript line of a session assigned to me. */
  'transcript:entry': TranscriptEntry,
  /** Device status changed. */
  'device:update': DeviceStatus,
  /** The callback queue changed: refresh with `callbacks:list`. */
  'callbacks:changed': z.object({}),
  /** The control lease of a session's robot changed (granted on accept, revoked, ended). */
  'robot:lease': ControlLease,
} as const;
export type ConsoleEvents = typeof consoleEvents;

export type ConsoleClientToServer = ClientToServerEvents<ConsoleRequests>;
export type ConsoleServerToClient = ServerToClientEvents<ConsoleEvents>;
