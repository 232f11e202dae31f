import type { Assignment, HandoffPackage, Offer, QueueStatus, SessionView } from '@telekiosk/shared';
import { AuthError, OfferError, SessionError } from '../errors.ts';
import type { RoutedOffer } from '../routing/service.ts';
import type { RevokeReason } from '../routing/types.ts';
import type { SessionContext } from './context.ts';
import { notice } from './notices.ts';
import { OfficeHours } from './officeHours.ts';

/** Wait estimates need at least this many measured handle times; before that the visitor is told it is being worked out. */
export const MIN_HANDLE_SAMPLES = 3;
/** Handle times kept for estimates (most recent). */
const HANDLE_WINDOW = 50;

/**
 * Offers (reservations) and the waiting visitor: delivers the routing leader's offers with the
 * handoff package, accepts and declines them (the session row is the guard against double
 * assignment), and tells each waiting visitor their place and an honest estimate - exactly one
 * waiting state at a time (emergency, nobody on shift, unknown, busy with a range from measured
 * handle times), pushed only when that visitor's status changed.
 */
export class OfferDesk {
  /** Handle times (accept to end, ms) of recent calls: the basis of wait estimates. */
  private readonly handleTimes: number[] = [];
  /** Last queue status pushed per session (JSON), to push only changes. */
  private readonly lastPushed = new Map<string, string>();
  /** Sessions whose predicted wait is already recorded. */
  private readonly predicted = new Set<string>();
  private pushScheduled = false;

  constructor(private readonly ctx: SessionContext) {}

  /** Loads recent handle times from the database (after a restart estimates keep their data). */
  async restore(): Promise<void> {
    const times = await this.ctx.store.recentHandleTimes(HANDLE_WINDOW);
    this.handleTimes.push(...times.reverse());
  }

  /** A call ended after `ms` with a worker: one more measured handle time. */
  handled(ms: number): void {
    if (!(ms >= 0)) return;
    this.handleTimes.push(ms);
    if (this.handleTimes.length > HANDLE_WINDOW) this.handleTimes.shift();
  }

  // --- routing events ------------------------------------------------------------------

  /** The routing service made an offer (already stored): deliver it with the handoff package. */
  async deliver(o: RoutedOffer): Promise<void> {
    const offer = await this.wireOffer(o);
    if (!offer) return;
    this.ctx.notifier.toWorker(o.workerId, 'offer:new', offer);
    this.ctx.log.info({ sessionId: o.sessionId, workerId: o.workerId, offerId: o.offerId, kind: o.kind }, 'offer sent');
    this.ctx.recordLater(o.sessionId, o.kind === 'routed' ? 'offered' : o.kind === 'transfer' ? 'transfer_offered' : 'reassigned', o.kind === 'routed' ? 'system' : `worker:${o.fromWorkerId}`, { workerId: o.workerId, offerId: o.offerId, ...(o.needsTranslation ? { needsTranslation: true } : {}) });
  }

  /** An offer closed without accept: the worker's screen drops it. */
  revoked(o: RoutedOffer, reason: RevokeReason): void {
    const wire = reason === 'declined' || reason === 'timeout' ? reason : 'abandoned';
    this.ctx.notifier.toWorker(o.workerId, 'offer:revoked', { offerId: o.offerId, reason: wire });
    if (o.kind === 'routed') this.ctx.recordLater(o.sessionId, `offer_${wire}`, reason === 'declined' ? `worker:${o.workerId}` : 'system', { workerId: o.workerId, offerId: o.offerId });
  }

  /** A warm transfer or reassignment did not happen: the worker who started it is told. */
  transferFailed(sessionId: string, toWorkerId: string, reason: RevokeReason | 'wait_expired', meta: { kind: string; fromWorkerId: string | null }): void {
    const wire = reason === 'declined' ? 'declined' : reason === 'timeout' || reason === 'wait_expired' ? 'timeout' : 'unavailable';
    if (meta.kind === 'transfer' && meta.fromWorkerId) this.ctx.notifier.toWorker(meta.fromWorkerId, 'transfer:failed', { sessionId, toWorkerId, reason: wire });
    this.ctx.recordLater(sessionId, `transfer_${wire}`, `worker:${toWorkerId}`, { kind: meta.kind });
  }

  // --- worker actions ------------------------------------------------------------------

  /**
   * Accepts an offer: assigned in routing, then in the session row atomically (of two
   * concurrent accepts, even on two processes, exactly one wins).
   * @throws OfferError `conflict` when the offer is gone; AuthError when the caller is not connected.
   */
  async accept(workerId: string, offerId: string): Promise<Assignment> {
    const worker = this.ctx.workers.local(workerId);
    if (!worker) throw AuthError.forbidden('not connected');
    const claimed = await this.ctx.routing.accept(offerId, workerId);
    if (!claimed) throw OfferError.gone(offerId);
    const { offer, task } = claimed;
    const now = this.ctx.now();
    const fromWorkerId = offer.kind === 'transfer' ? offer.fromWorkerId : null;
    const waitedMs = now.getTime() - task.createdAt;
    const event = { type: fromWorkerId ? 'transferred' : 'accepted', actor: `worker:${workerId}`, data: { offerId, ...(fromWorkerId ? { mode: 'warm', fromWorkerId } : { waitedMs }) } };
    const session = fromWorkerId ? await this.ctx.store.reassign(offer.sessionId, fromWorkerId, workerId, now, event) : await this.ctx.store.assignWorker(offer.sessionId, workerId, now, event);
    if (!session) {
      // Another process assigned it, or the visitor left meanwhile.
      const current = await this.ctx.store.getSession(offer.sessionId);
      await this.ctx.routing.undoAccept(offer.sessionId, current?.state === 'queued');
      throw OfferError.gone(offerId);
    }
    this.lastPushed.delete(session.id);
    // A warm transfer with a consult keeps the colleague in the call and puts the visitor on hold.
    const consulting = fromWorkerId ? await this.ctx.consults.start(session, fromWorkerId, workerId) : false;
    if (fromWorkerId && !consulting) {
      // The call passes over: the colleague's media and robot lease end; they wrap up.
      this.ctx.calls.closeCall({ ...session, workerId: fromWorkerId });
      this.ctx.notifier.toWorker(fromWorkerId, 'session:update', session);
    }
    // The visitor hears first (the kiosk starts its media while the worker's screen loads); the
    // backlog translation and the robot lease are for the worker, whose answer waits for them.
    this.ctx.notifier.toDevice(session.deviceId, 'session:update', session);
    if (!consulting) {
      // After a consult the visitor meets the colleague when they join (consults.ts `join`).
      await this.ctx.append(session, 'system', notice('workerJoined', session.language, { name: worker.displayName }));
      this.ctx.notifier.toDevice(session.deviceId, 'call:started', { sessionId: session.id, worker: { displayName: worker.displayName, languages: worker.languages } });
    }
    await Promise.all([this.ctx.transcripts.translateBacklog(session, worker.languages), this.ctx.robot.grant(session.id, session.deviceId, workerId)]);
    this.ctx.log.info({ sessionId: session.id, workerId, kind: offer.kind, consulting }, 'offer accepted');
    this.ctx.devices.sessionStateChanged(session.deviceId, 'in_call');
    this.ctx.supervision.changed();
    return this.assignment(session);
  }

  /** Declines an offer: it is re-offered to the next worker. @throws OfferError when it is not open for this worker. */
  async decline(workerId: string, offerId: string): Promise<void> {
    if (!(await this.ctx.routing.decline(offerId, workerId))) throw OfferError.gone(offerId);
  }

  /** Open offers of a worker, as their console shows them (after a reconnect). */
  async offersFor(workerId: string): Promise<Offer[]> {
    const out: Offer[] = [];
    for (const o of await this.ctx.routing.offersOf(workerId)) {
      const offer = await this.wireOffer(o);
      if (offer) out.push(offer);
    }
    return out;
  }

  /** A session assigned to a worker, with its handoff package and transcript. */
  async assignment(session: SessionView): Promise<Assignment> {
    const handoff = await this.ctx.handoff(session.id);
    if (!handoff) throw SessionError.notFound(session.id);
    return { session, handoff: { ...handoff, owner: session.workerId ?? handoff.owner }, transcript: await this.ctx.store.transcript(session.id) };
  }

  /** A newer handoff package: to the worker holding an offer of the session, or the worker in its call. */
  async handoffUpdated(sessionId: string, handoff: HandoffPackage): Promise<void> {
    const task = await this.ctx.routing.task(sessionId);
    const offer = task?.offerId ? await this.ctx.routing.getOffer(task.offerId) : undefined;
    for (const w of new Set([offer?.workerId, task?.workerId].filter((x): x is string => !!x))) this.ctx.notifier.toWorker(w, 'handoff:update', { sessionId, handoff });
  }

  // --- the waiting visitor -------------------------------------------------------------

  /** The waiting visitor's status: position, one waiting state, and an estimate only when there is data for one. */
  queueStatus(sessionId: string): QueueStatus | undefined {
    const routing = this.ctx.leader;
    const s = routing?.queueStatus(sessionId);
    const task = routing?.task(sessionId);
    if (!s || !task) return undefined;
    const base = { sessionId, position: s.position, availableWorkers: s.availableWorkers, offered: s.offered };
    if (task.priority < 1) return { ...base, estimatedWaitMs: 0, callbackReason: null, waitState: 'emergency', estimateRangeMs: null };
    if (!(this.ctx.options.officeHours ?? OfficeHours.parse('')).isOpen(this.ctx.now())) return { ...base, estimatedWaitMs: 0, callbackReason: 'after_hours', waitState: 'no_staff', estimateRangeMs: null };
    if (s.onShiftSlots === 0) return { ...base, estimatedWaitMs: 0, callbackReason: 'no_workers', waitState: 'no_staff', estimateRangeMs: null };
    const answer = Math.min(this.ctx.options.offerTimeoutMs, 15_000);
    const ahead = s.position - 1;
    if (s.offered || ahead < s.availableWorkers) return { ...base, estimatedWaitMs: answer, callbackReason: null, waitState: 'busy', estimateRangeMs: { low: 0, high: this.ctx.options.offerTimeoutMs } };
    if (this.handleTimes.length < MIN_HANDLE_SAMPLES) return { ...base, estimatedWaitMs: 0, callbackReason: null, waitState: 'unknown', estimateRangeMs: null };
    const sorted = [...this.handleTimes].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const turns = (ahead + 1 - s.availableWorkers) / s.onShiftSlots;
    const round = (ms: number) => Math.max(0, Math.round(ms / 1000) * 1000);
    return {
      ...base,
      estimatedWaitMs: round(answer + turns * mean),
      callbackReason: null,
      waitState: 'busy',
      estimateRangeMs: { low: round(answer + turns * q(0.25)), high: round(answer + turns * q(0.75)) },
    };
  }

  /** Pushes each waiting visitor's status if it changed (coalesced: a burst of queue changes costs one pass). */
  pushQueueStatus(): void {
    if (this.pushScheduled || this.ctx.closed || !this.ctx.leader) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      const routing = this.ctx.leader;
      if (this.ctx.closed || !routing) return;
      for (const sessionId of routing.queuedSessionIds()) {
        const deviceId = routing.deviceOf(sessionId);
        const status = this.queueStatus(sessionId);
        if (!deviceId || !status) continue;
        const json = JSON.stringify(status);
        if (this.lastPushed.get(sessionId) === json) continue;
        this.lastPushed.set(sessionId, json);
        this.ctx.notifier.toDevice(deviceId, 'queue:status', status);
        if (!this.predicted.has(sessionId) && status.waitState !== undefined) {
          this.predicted.add(sessionId);
          this.ctx.recordLater(sessionId, 'wait_predicted', 'system', { waitState: status.waitState, estimateMs: status.estimateRangeMs ? status.estimatedWaitMs : null, range: status.estimateRangeMs ?? null });
        }
      }
    });
  }

  /** A kiosk resynced: push its status again even if unchanged. */
  repush(sessionId: string): void {
    this.lastPushed.delete(sessionId);
    this.pushQueueStatus();
  }

  /** The session ended: forget what was pushed. */
  forget(sessionId: string): void {
    this.lastPushed.delete(sessionId);
    this.predicted.delete(sessionId);
  }

  // --- internals -----------------------------------------------------------------------

  private async wireOffer(o: RoutedOffer): Promise<Offer | undefined> {
    const handoff = await this.ctx.handoff(o.sessionId);
    if (!handoff) {
      this.ctx.log.error({ sessionId: o.sessionId, offerId: o.offerId }, 'offer without a handoff package; not delivered');
      return undefined;
    }
    let transfer: Offer['transfer'] = null;
    let pkg = handoff;
    if (o.kind !== 'routed' && o.fromWorkerId) {
      const from = await this.ctx.profile(o.fromWorkerId);
      transfer = { fromWorkerId: o.fromWorkerId, fromName: from?.displayName ?? o.fromWorkerId, note: o.note ?? '' };
      pkg = { ...handoff, transcript: await this.ctx.store.transcript(o.sessionId), ...(o.kind === 'transfer' ? { owner: o.fromWorkerId } : {}) };
    }
    return { id: o.offerId, sessionId: o.sessionId, workerId: o.workerId, expiresAt: new Date(o.expiresAt).toISOString(), handoff: pkg, transfer, ...(o.needsTranslation ? { needsTranslation: true } : {}) };
  }
}
