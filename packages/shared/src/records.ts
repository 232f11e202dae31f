import { z } from 'zod';
import { Id, IsoTime, Language, Uuid } from './common.ts';

/**
 * Session lifecycle: `intake` (AI assistant) -> `queued` (escalated, waiting for a worker;
 * offers happen in this state) -> `in_call` (a worker accepted) -> `ended`.
 * A visitor who leaves or an idle reset ends the session from any state.
 */
export const SessionState = z.enum(['intake', 'queued', 'in_call', 'ended']);
export type SessionState = z.infer<typeof SessionState>;

/**
 * Escalation reason codes (see PRODUCT.md "When the AI hands off"). Each handoff carries one
 * or more with evidence.
 */
export const ReasonCode = z.enum([
  'explicit_request',
  'visitor_choice',
  'negative_sentiment',
  'sensitive_topic',
  'safety',
  'out_of_scope',
  'repeated_failure',
  'policy_exception',
  'restricted_action',
  'vulnerable_visitor',
  'intake_timeout',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

/** Who said a transcript line. `system` lines are notices (e.g. "connected to a staff member"); `supervisor` lines come from a supervisor who barged in. */
export const Speaker = z.enum(['visitor', 'assistant', 'worker', 'supervisor', 'system']);
export type Speaker = z.infer<typeof Speaker>;

/** A translation of a transcript line, with the provider that produced it. */
export const Translation = z.object({
  /** Translated text. */
  text: z.string(),
  /** Target language. */
  language: Language,
  /** Provider id, e.g. `azure`, `openai`, `embedded`. */
  provider: z.string(),
});
export type Translation = z.infer<typeof Translation>;

/**
 * One line of the session transcript, kept in the original language. `translationStatus`
 * says plainly whether a translation exists: `untranslated` means no provider was configured
 * or it failed, and the UI shows the original with its language.
 */
export const TranscriptEntry = z.object({
  id: Uuid,
  sessionId: Uuid,
  /** 1-based order within the session. */
  seq: z.number().int().positive(),
  speaker: Speaker,
  /** Original text as typed or transcribed. */
  text: z.string(),
  /** Language of `text`. */
  language: Language,
  translation: Translation.nullable(),
  translationStatus: z.enum(['same_language', 'translated', 'untranslated']),
  createdAt: IsoTime,
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

/** One escalation reason with the evidence that triggered it. */
export const EscalationReason = z.object({
  code: ReasonCode,
  /** Human-readable evidence: the rule or score and the quoted utterance. */
  evidence: z.string(),
  /** Transcript entry that triggered it, when there is one. */
  entryId: Uuid.nullable(),
});
export type EscalationReason = z.infer<typeof EscalationReason>;

/** Urgency of a handoff; `critical` is reserved for safety and emergencies. */
export const Urgency = z.enum(['low', 'normal', 'high', 'critical']);
export type Urgency = z.infer<typeof Urgency>;

/** The device a visitor is using and where it stands. */
export const DeviceRef = z.object({
  id: Id,
  name: z.string(),
  /** Free-text location, e.g. "Ground floor lobby, near entrance A". */
  location: z.string(),
});
export type DeviceRef = z.infer<typeof DeviceRef>;

/**
 * The handoff package: everything a worker needs to take over without the visitor repeating
 * themselves. Versioned: consumers check `version` and reject versions they do not know.
 */
export const HandoffPackageV1 = z.object({
  version: z.literal(1),
  sessionId: Uuid,
  createdAt: IsoTime,
  device: DeviceRef,
  /** Visitor's language. */
  language: Language,
  reasons: z.array(EscalationReason).min(1),
  /** Concise summary of the conversation so far (extractive when no LLM is configured). */
  summary: z.string(),
  /** Detected intent, e.g. `kb:tax-certificates`, `request_person`, `unknown`. */
  intent: z.string(),
  /** Category, e.g. `tax`, `registration`; null when unknown. */
  category: z.string().nullable(),
  urgency: Urgency,
  sentiment: z.enum(['negative', 'neutral', 'positive']),
  /** Full transcript up to the handoff, original and translated text. */
  transcript: z.array(TranscriptEntry),
  /** Actions the AI already took, e.g. "answered from article office-hours". */
  actionsTaken: z.array(z.string()),
  /** Knowledge articles the AI used. */
  articlesUsed: z.array(z.object({ id: z.string(), title: z.string(), /** Published version of the article the answer came from (knowledge base in the database); absent in packages made before versions. */ version: z.number().int().positive().optional() })),
  /** Structured details collected (name, case number...). */
  collectedFields: z.record(z.string(), z.string()),
  /** Policy, risk and compliance flags. */
  flags: z.array(z.string()),
  /** Suggested next step for the worker. */
  suggestedNextStep: z.string(),
  /** Owner of the next action: `queue` until accepted, then the worker id. */
  owner: z.string(),
  /** Skills the task needs (routing): the visitor's language and the department, when known. Optional: added after v1 shipped. */
  skills: z.object({ language: Language, department: z.string().nullable() }).optional(),
});
export type HandoffPackageV1 = z.infer<typeof HandoffPackageV1>;
/** Current handoff package version. */
export const HandoffPackage = HandoffPackageV1;
export type HandoffPackage = HandoffPackageV1;

/** The session as shown to kiosk and console. */
export const SessionView = z.object({
  id: Uuid,
  deviceId: Id,
  language: Language,
  state: SessionState,
  /** Worker assigned (in_call and after). */
  workerId: Id.nullable(),
  createdAt: IsoTime,
  escalatedAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
  /** Disposition code given by the worker at the end, e.g. `resolved`. */
  disposition: z.string().nullable(),
  /** CSAT rating 1..5 given by the visitor, null when not given. */
  rating: z.number().int().min(1).max(5).nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

/** Worker states (contact-center convention). */
export const WorkerState = z.enum(['offline', 'available', 'busy', 'wrap_up', 'away']);
export type WorkerState = z.infer<typeof WorkerState>;

/**
 * Roles of console users; checked on every console event. `worker` and `supervisor` serve
 * visitors; facility `staff` keep the fleet healthy; a knowledge `editor` manages the knowledge
 * base; an AI `trainer` reviews conversations and labels turns for the escalation evaluation.
 */
export const Role = z.enum(['worker', 'supervisor', 'staff', 'editor', 'trainer']);
export type Role = z.infer<typeof Role>;

/** Whether a role takes visitors (offers, calls, wrap-up): workers and supervisors only. */
export function servesVisitors(role: Role): boolean {
  return role === 'worker' || role === 'supervisor';
}

/** A console user as others see them (never includes credentials). */
export const WorkerView = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** Languages the worker speaks. */
  languages: z.array(Language),
  state: WorkerState,
  /**
   * Why the worker is `away`, null otherwise: `missed_offer` (an offer timed out, set by the
   * routing engine), or a reason the worker picked (`break`, `meal`, `meeting`, `training`,
   * `technical`, `unavailable`, `other`). Optional: added after v1.
   */
  awayReason: z.string().max(40).nullable().optional(),
});
export type WorkerView = z.infer<typeof WorkerView>;

/** Robot base link as seen by the kiosk through rosbridge. */
export const RobotLink = z.enum(['up', 'down', 'none']);
export type RobotLink = z.infer<typeof RobotLink>;

/** Device health shown to workers and facility staff. */
export const DeviceStatus = z.object({
  device: DeviceRef,
  /** True while the kiosk's socket is connected. */
  online: z.boolean(),
  lastSeenAt: IsoTime.nullable(),
  /** Battery in percent (0..100), null when the device has no robot base or no reading yet. */
  batteryPercent: z.number().min(0).max(100).nullable(),
  charging: z.boolean().nullable(),
  robotLink: RobotLink,
  appVersion: z.string().nullable(),
  /** State of the device's current session, null when idle. */
  sessionState: SessionState.nullable(),
  /** Latched e-stop of the robot base, null when unknown or no base. */
  estop: z.boolean().nullable().default(null),
  /** Pose in the venue map (x, y in m, theta in rad), null when unknown. */
  pose: z.object({ x: z.number(), y: z.number(), theta: z.number() }).nullable().default(null),
  /** Current navigation goal of the robot (waypoint, status, distance remaining in m), null when none. */
  navigation: z
    .object({ waypoint: z.string(), status: z.enum(['active', 'succeeded', 'canceled', 'aborted']), distanceRemaining: z.number().nullable() })
    .nullable()
    .default(null),
  /** False when out of service (open critical alert, or put out of service by staff): not routed, kiosk shows out-of-service. */
  inService: z.boolean().default(true),
  /** Camera health reported by the kiosk. */
  camera: z.enum(['ok', 'failed', 'unknown']).default('unknown'),
  /** Microphone health reported by the kiosk. */
  microphone: z.enum(['ok', 'failed', 'unknown']).default('unknown'),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** Queue status shown to the waiting visitor. */
/** Waiting states of a queued visitor, exactly one at a time (see {@link QueueStatus}). */
export const WaitState = z.enum(['no_staff', 'busy', 'unknown', 'emergency']);
export type WaitState = z.infer<typeof WaitState>;

export const QueueStatus = z.object({
  sessionId: Uuid,
  /** 1 = next to be served. */
  position: z.number().int().positive(),
  /** Estimated wait in ms (rough: position x average handle time / available workers). */
  estimatedWaitMs: z.number().int().nonnegative(),
  /** Workers currently available who could take the session. */
  availableWorkers: z.number().int().nonnegative(),
  /** True while an offer is out to a worker. */
  offered: z.boolean(),
  /**
   * When set, the kiosk offers a callback (or ticket) instead of a long wait: `no_workers`
   * (nobody logged in to serve), `after_hours` (outside office hours).
   */
  callbackReason: z.enum(['no_workers', 'after_hours']).nullable().default(null),
  /**
   * The one waiting state the visitor is in (optional: added after v1; a kiosk derives it from
   * the fields above when absent). `no_staff`: nobody on shift who could serve (offer a callback
   * or ticket at once, no estimate); `busy`: staff on shift, all occupied (show
   * {@link estimateRangeMs}); `unknown`: not enough measured handle times to estimate (never show
   * a number); `emergency`: a safety escalation (no estimate, no callback; see `session:emergency`).
   */
  waitState: WaitState.optional(),
  /**
   * Estimated wait as a range in ms (`low` <= `high`), from measured handle times and real
   * staffing; present only with `waitState: 'busy'`. Optional: added after v1.
   */
  estimateRangeMs: z
    .object({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() })
    .refine((r) => r.low <= r.high, { message: 'low must not exceed high', path: ['low'] })
    .nullable()
    .optional(),
});
export type QueueStatus = z.infer<typeof QueueStatus>;

/** An offer (reservation) of a queued session to one worker. */
export const Offer = z.object({
  id: Uuid,
  sessionId: Uuid,
  workerId: Id,
  /** When the offer times out and is re-offered. */
  expiresAt: IsoTime,
  handoff: HandoffPackage,
  /** Set for a warm transfer: who hands the visitor over, and their note. */
  transfer: z.object({ fromWorkerId: Id, fromName: z.string(), note: z.string() }).nullable().default(null),
  /** The worker does not speak the visitor's language: live translation will be used (optional: added after v1). */
  needsTranslation: z.boolean().optional(),
});
export type Offer = z.infer<typeof Offer>;

/** Disposition codes a worker picks when ending a session. */
export const Disposition = z.enum(['resolved', 'referred', 'follow_up', 'visitor_left', 'handback_ai']);

/** Department queues a session can be routed or cold-transferred to. */
export const Department = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case department name').max(40);
export type Disposition = z.infer<typeof Disposition>;
