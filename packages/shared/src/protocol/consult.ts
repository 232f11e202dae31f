import { z } from 'zod';
import { defineRequest, Empty } from './ack.ts';
import { Id, IsoTime, UserText, Uuid } from '../common.ts';
import { SessionView } from '../records.ts';

/**
 * Warm transfer with a private consult. The worker in a call (A) warm-transfers with
 * `consult: true`; when the colleague (B) accepts, B owns the session and joins the call's SFU
 * room, the visitor is put on hold (the kiosk's consumers of the workers' producers are closed
 * and none can be created until the hold ends: the visitor neither sees nor hears the consult),
 * and A and B talk privately (audio through the room, text over `consult:message`). B has the
 * handoff package and A's note from the offer. Then B joins the visitor (`consult:join`: the
 * hold ends, the kiosk consumes both workers again, a three-way call) and A introduces the
 * visitor and leaves (`consult:leave`), or stays.
 */

/** Phase of a consult: `consult` (visitor on hold), `three_way` (both workers with the visitor), `ended` (A left or the call ended). */
export const ConsultPhase = z.enum(['consult', 'three_way', 'ended']);
export type ConsultPhase = z.infer<typeof ConsultPhase>;

/** A consult as both workers' consoles show it. */
export const ConsultState = z.object({
  sessionId: Uuid,
  phase: ConsultPhase,
  /** The worker who transferred (A); in the room as peer `colleague` once B accepted. */
  fromWorkerId: Id,
  fromName: z.string(),
  /** The worker who accepted (B): owns the session. */
  toWorkerId: Id,
  toName: z.string(),
});
export type ConsultState = z.infer<typeof ConsultState>;

/** A private line between the two workers (never shown to the visitor, not in the transcript). */
export const ConsultMessage = z.object({ sessionId: Uuid, from: Id, fromName: z.string(), text: z.string(), at: IsoTime });
export type ConsultMessage = z.infer<typeof ConsultMessage>;

export const consultConsoleRequests = {
  /** A private line to the other worker of the consult (either of them). */
  'consult:message': defineRequest(z.object({ sessionId: Uuid, text: UserText }), z.object({ message: ConsultMessage }), ['worker', 'supervisor']),
  /** B joins the visitor: the hold ends, a three-way call. */
  'consult:join': defineRequest(z.object({ sessionId: Uuid }), z.object({ session: SessionView }), ['worker', 'supervisor']),
  /** A leaves the call (after introducing the visitor, or without): A wraps up, B stays. */
  'consult:leave': defineRequest(z.object({ sessionId: Uuid }), Empty, ['worker', 'supervisor']),
} as const;

export const consultConsoleEvents = {
  /** The consult of a call I am part of changed (sent to both workers). */
  'consult:update': ConsultState,
  /** A private line of the consult. */
  'consult:message': ConsultMessage,
} as const;

export const consultKioskEvents = {
  /** The visitor is on hold while two staff members talk (`hold: false` when it ends). */
  'call:hold': z.object({ sessionId: Uuid, hold: z.boolean() }),
} as const;
