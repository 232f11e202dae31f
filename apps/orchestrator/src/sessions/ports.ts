/**
 * The typed ports of the session core: what it needs from the outside (intake engine,
 * translation, speech, push delivery) and the options it is built with. Implementations live at
 * the edges (providers/, signaling/, server.ts); tests pass fakes.
 */
import type { EscalationReason, Language } from '@telekiosk/shared';
import type { Logger } from '../logger.ts';
import type { Store } from '../db/store.ts';
import type { MediaServer } from '../media/mediaServer.ts';
import type { RoutingStore } from '../routing/store.ts';
import type { Clock, RoutingConfig } from '../routing/types.ts';
import type { EscalationJudge, Policy } from '../policy/index.ts';
import type { AssistEngine } from '../assist/kbAssist.ts';
import type { AlertThresholds } from '../fleet/alertRules.ts';
import type { OfficeHours } from './officeHours.ts';

/** One assistant turn, as the intake engine answers it. */
export interface IntakeTurn {
  reply: string;
  intent: string;
  confidence: number;
  /** Articles searched, best first; `version`: the published version (knowledge base in the database). */
  articles: { id: string; title: string; score: number; version?: number }[];
  escalation: null | { reason: EscalationReason['code']; evidence: string };
  /** Structured details the AI collected this turn (name, case number...). */
  collectedFields?: Record<string, string>;
  /** The AI's reading of the turn. */
  analysis?: { sentiment: 'negative' | 'neutral' | 'positive'; urgency: string; confidence: number; category: string | null };
  /** True when the configured provider failed and the embedded engine answered this turn. */
  degraded?: boolean;
  degradedReason?: string | null;
  /** Which engine answered (`openai`, `embedded`). */
  provider?: string;
  /** The answer is a "handled elsewhere" article (the embedded engine sets it; else read from `analysis.category`). */
  handledElsewhere?: boolean;
  /** For `unknown`: the covered article the question is close to (the embedded engine sets it). */
  nearArticle?: { id: string; probability: number };
}

/** The intake engine the session core drives (embedded rules by default). */
export interface IntakeEngine {
  respond(input: { text: string; language: Language; history: { role: 'visitor' | 'assistant'; text: string }[] }): IntakeTurn | Promise<IntakeTurn>;
  summarize(entries: { role: 'visitor' | 'assistant'; text: string }[], language: Language): string;
  /** LLM summary when configured (falls back to the extractive one inside). Never awaited before the visitor is queued. */
  summarizeAsync?(entries: { role: 'visitor' | 'assistant'; text: string }[], language: Language): Promise<{ text: string; degraded: boolean }>;
  /** Category of a knowledge article, for the handoff package. */
  categoryOf?(articleId: string): string | null;
}

/**
 * A translation provider (Azure Translator, an LLM, ...). Absent means "not configured": the
 * transcript then keeps the original with its language and says plainly it is untranslated.
 * @throws on provider failure (the caller stores the line untranslated; nothing is lost).
 */
export interface TranslatorLike {
  readonly id: string;
  translate(text: string, to: Language, from?: Language): Promise<{ text: string; provider: string }>;
}

/** Speech provider (OpenAI by configuration). @throws on provider failure. */
export interface SpeechLike {
  transcribe(audio: Uint8Array, mimeType: string, languageHint?: Language): Promise<{ text: string; language: Language | null }>;
  synthesize(text: string, language: Language): Promise<{ audio: Uint8Array; mimeType: string }>;
}

/**
 * Where the session core sends push events; implemented over socket.io rooms (which a cluster
 * adapter carries across nodes). Every push goes only to whom it concerns.
 */
export interface Notifier {
  /** To the kiosk of a device. */
  toDevice(deviceId: string, event: string, payload: unknown): void;
  /** To every console socket of one worker (or supervisor, or staff member). */
  toWorker(workerId: string, event: string, payload: unknown): void;
  /** To consoles that watch the fleet (facility staff and supervisors): device and alert updates. */
  toFleet(event: string, payload: unknown): void;
  /** To consoles that serve visitors (workers and supervisors): e.g. the callback queue changed. */
  toDesk(event: string, payload: unknown): void;
  /** To every connected supervisor. */
  toSupervisors(event: string, payload: unknown): void;
  /** To the supervisors monitoring a call (their sockets join its room when they start). */
  toMonitors(sessionId: string, event: string, payload: unknown): void;
  /**
   * Sends to the device's socket and resolves with its acknowledgement, or undefined when the
   * device has no connected socket.
   * @throws when no acknowledgement arrives within `timeoutMs`.
   */
  requestDevice(deviceId: string, event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
}

/** Options of the session core (see `SessionService`). Durations are ms. */
export interface SessionServiceOptions {
  /** This process's node id (unique per start); default `local`. */
  nodeId?: string;
  store: Store;
  /** Where routing keeps its state (default: the database tables through `store`'s connection). */
  routingStore: RoutingStore;
  media: MediaServer;
  intake: IntakeEngine;
  /** Translation provider, or null when none is configured. */
  translator?: TranslatorLike | null;
  /** Agent assist for workers in a call (knowledge-base suggestions by default). */
  assist?: AssistEngine | null;
  /** Speech recognition and synthesis, or null (browser voice, typed input only). */
  speech?: SpeechLike | null;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  offerTimeoutMs: number;
  wrapUpMs: number;
  /** Initial average handle time for wait estimates until handle times are measured. */
  avgHandleMs: number;
  /** Escalation policy evaluated after every visitor turn (null: the intake engine's own escalation only). */
  policy?: Policy | null;
  /** LLM escalation judge beside the policy when an LLM is configured (null: embedded engine only). */
  judge?: EscalationJudge | null;
  /** Office hours; outside them waiting visitors are offered a callback. Default: always open. */
  officeHours?: OfficeHours;
  /** A worker who drops mid-call may reconnect within this before the visitor is requeued at the head. Default 15 000. */
  reconnectGraceMs?: number;
  /** A kiosk that drops while its visitor waits may reconnect within this before the visitor is marked abandoned. Default 30 000. */
  kioskGraceMs?: number;
  /** Telemetry is stored at most once per this interval per device (latest wins; alerts are evaluated at once on state changes). Default 5 000. */
  telemetryStoreMs?: number;
  /** The site's emergency number shown on the emergency screen (e.g. `112`), or null. */
  emergencyNumber?: string | null;
  /** Routing engine rules (e.g. `languageFallbackMs`, `departmentFallbackMs`); defaults in routing/types.ts. */
  routing?: Partial<RoutingConfig>;
  /** Alert thresholds of the fleet service (defaults in fleet/alertRules.ts). */
  alertThresholds?: AlertThresholds;
}
