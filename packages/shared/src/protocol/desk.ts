import { z } from 'zod';
import { defineRequest, Empty } from './ack.ts';
import { cleanText, Id, IsoTime, Language, UserText, Uuid } from '../common.ts';
import { ReasonCode, SessionView, TranscriptEntry } from '../records.ts';

/** A worker's note on a session (kept in the audit trail; shown to colleagues on transfer). */
export const SessionNote = z.object({ text: z.string(), by: Id, at: IsoTime });
export type SessionNote = z.infer<typeof SessionNote>;

/** A canned reply in the worker's language. */
export const CannedReply = z.object({ id: z.string(), category: z.string(), text: z.string(), language: Language });
export type CannedReply = z.infer<typeof CannedReply>;

/** A past session in the history list. */
export const SessionSummary = z.object({
  session: SessionView,
  deviceName: z.string(),
  reasons: z.array(ReasonCode),
  /** The visitor's first line, for recognition. */
  firstLine: z.string().nullable(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

/**
 * Content a worker pushes to the kiosk screen during a call. URLs must be https (shown as a QR
 * code and text; the kiosk never navigates), images come from the orchestrator's /content/.
 */
export const KioskContent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('qr'), title: z.string().max(120), text: z.string().min(1).max(1000) }),
  z.object({ type: z.literal('link'), title: z.string().max(120), url: z.url({ protocol: /^https$/ }) }),
  z.object({ type: z.literal('image'), title: z.string().max(120), path: z.string().regex(/^\/content\/[A-Za-z0-9._-]+$/, 'must be a file under /content/') }),
  z.object({ type: z.literal('map'), title: z.string().max(120), waypoint: z.string().max(64).nullable() }),
]);
export type KioskContent = z.infer<typeof KioskContent>;

export const deskConsoleRequests = {
  /** Add a note to a session assigned to me. */
  'session:note': defineRequest(z.object({ sessionId: Uuid, text: UserText }), z.object({ note: SessionNote }), ['worker', 'supervisor']),
  /** Notes of a session I handle or handled (supervisors: any). */
  'session:notes': defineRequest(z.object({ sessionId: Uuid }), z.object({ notes: z.array(SessionNote) }), ['worker', 'supervisor']),
  /** Canned replies in my first language (the knowledge base's languages; English otherwise). */
  'canned:list': defineRequest(Empty, z.object({ replies: z.array(CannedReply) }), ['worker', 'supervisor']),
  /** My past sessions (supervisors: everyone's), newest first, optionally filtered by text in the transcript. */
  'sessions:search': defineRequest(
    z.object({ query: z.string().transform(cleanText).pipe(z.string().trim().max(100)).optional(), limit: z.number().int().min(1).max(50).default(20) }),
    z.object({ sessions: z.array(SessionSummary) }),
    ['worker', 'supervisor'],
  ),
  /** Full transcript of a past session from the history. */
  'sessions:transcript': defineRequest(z.object({ sessionId: Uuid }), z.object({ transcript: z.array(TranscriptEntry) }), ['worker', 'supervisor']),
  /** Show content on the kiosk screen of my call. */
  'kiosk:show': defineRequest(z.object({ sessionId: Uuid, content: KioskContent }), Empty, ['worker', 'supervisor']),
  /** Take the content back. */
  'kiosk:clear': defineRequest(z.object({ sessionId: Uuid }), Empty, ['worker', 'supervisor']),
} as const;

export const deskKioskEvents = {
  /** Show content pushed by the worker (overlay beside the call). */
  'content:show': KioskContent,
  /** Remove the pushed content. */
  'content:clear': Empty,
} as const;
