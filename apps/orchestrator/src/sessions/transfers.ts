import { servesVisitors, type SessionView } from '@telekiosk/shared';
import { OrchestratorError, SessionError } from '../errors.ts';
import type { SessionContext } from './context.ts';
import { notice } from './notices.ts';

/** A transfer request of the worker in a call. */
export type TransferRequest = { sessionId: string; mode: 'cold'; department: string; note?: string } | { sessionId: string; mode: 'warm'; toWorkerId: string; note: string; consult?: boolean };

/**
 * Moving a visitor between people and back: cold transfer to a department queue (original age
 * kept), warm transfer by a directed offer to a colleague (the caller keeps the call until the
 * colleague accepts), a supervisor's reassignment of a waiting visitor, handback to the AI
 * assistant, and the requeue at the head when a worker is lost mid-call. Routing rules (the
 * directed offer's timeout, wrap-up) are the routing engine's; nothing is re-implemented here.
 */
export class Transfers {
  constructor(private readonly ctx: SessionContext) {}

  /**
   * Transfers a call. Cold: back to a department queue with its original age; the worker wraps
   * up. Warm: a directed offer with the handoff package and the note; the worker stays in the
   * call until the colleague accepts (then wraps up).
   * @throws SessionError / OrchestratorError for sessions not assigned to the caller or colleagues who cannot take it.
   */
  async transfer(workerId: string, req: TransferRequest): Promise<SessionView> {
    const session = await this.ctx.workerSession(workerId, req.sessionId);
    if (req.mode === 'cold') {
      const queued = await this.ctx.store.requeueFromCall(session.id);
      if (!queued) throw SessionError.wrongState(session.id, session.state, 'transfer');
      this.ctx.calls.closeCall(session);
      await this.ctx.record(session.id, 'transferred', `worker:${workerId}`, { mode: 'cold', department: req.department, note: req.note ?? null });
      await this.ctx.append(queued, 'system', notice('transferring', queued.language));
      this.ctx.notifier.toDevice(queued.deviceId, 'session:update', queued);
      await this.ctx.routing.moveToQueue(session.id, req.department, this.fallbackTask(queued));
      this.ctx.devices.sessionStateChanged(queued.deviceId, 'queued');
      this.ctx.supervision.changed();
      return queued;
    }
    const target = await this.ctx.profile(req.toWorkerId);
    if (!target || req.toWorkerId === workerId || !servesVisitors(target.role) || !(await this.ctx.workers.isConnected(req.toWorkerId))) throw new OrchestratorError('not_found', `toWorkerId: ${req.toWorkerId} is not a connected colleague`);
    const task = await this.ctx.routing.task(session.id);
    if (task?.transferTo) throw SessionError.wrongState(session.id, 'transferring', 'start a second transfer');
    if (!task) {
      const at = Date.parse(session.escalatedAt ?? session.createdAt);
      await this.ctx.routing.adopt({ sessionId: session.id, deviceId: session.deviceId, language: session.language, priority: 5, department: 'general', minLevel: 1, site: null, createdAt: at, queuedAt: at, atHead: false, state: 'assigned', workerId, assignedAt: at });
    }
    // With `consult`, the accept starts a private consult instead of handing the call over (consults.ts).
    if (req.consult) await this.ctx.consults.offered(session.id, workerId, req.toWorkerId);
    else await this.ctx.store.consults.end(session.id);
    const ok = await this.ctx.routing.directOffer(session.id, req.toWorkerId, { kind: 'transfer', fromWorkerId: workerId, note: req.note });
    if (!ok) throw new OrchestratorError('not_found', `toWorkerId: ${req.toWorkerId} is not a connected colleague`);
    return session;
  }

  /** Supervisor: offer a waiting visitor to a specific worker now (a directed offer). */
  async reassign(supervisorId: string, sessionId: string, toWorkerId: string): Promise<void> {
    const session = await this.ctx.store.getSession(sessionId);
    if (!session || session.state !== 'queued') throw SessionError.wrongState(sessionId, session?.state ?? 'unknown', 'reassign');
    const target = await this.ctx.profile(toWorkerId);
    const state = (await this.ctx.routing.worker(toWorkerId))?.state;
    if (!target || !servesVisitors(target.role) || state === 'busy' || state === undefined) throw new OrchestratorError('conflict', `toWorkerId: ${toWorkerId} cannot take a visitor now`);
    if (!(await this.ctx.routing.directOffer(sessionId, toWorkerId, { kind: 'reassign', fromWorkerId: supervisorId, note: 'Assigned by a supervisor' }))) {
      throw new OrchestratorError('conflict', `toWorkerId: ${toWorkerId} cannot take a visitor now`);
    }
  }

  /** Hands the visitor back to the AI assistant; the worker wraps up. */
  async handback(workerId: string, sessionId: string, note?: string): Promise<SessionView> {
    const session = await this.ctx.workerSession(workerId, sessionId);
    const back = await this.ctx.store.handbackToIntake(session.id);
    if (!back) throw SessionError.wrongState(session.id, session.state, 'hand back');
    this.ctx.calls.closeCall(session);
    await this.ctx.routing.complete(session.id);
    await this.ctx.record(session.id, 'handback', `worker:${workerId}`, { note: note ?? null });
    await this.ctx.escalation.resetFacts(session.id);
    await this.ctx.append(back, 'assistant', notice('handback', back.language));
    this.ctx.notifier.toDevice(back.deviceId, 'session:update', back);
    this.ctx.notifier.toWorker(workerId, 'session:update', back);
    this.ctx.devices.sessionStateChanged(back.deviceId, 'intake');
    this.ctx.supervision.changed();
    return back;
  }

  /** The worker did not come back within the grace: the session returns to the head of its queue; nothing of the transcript is lost. */
  async requeueAfterWorkerLoss(sessionId: string, workerId: string): Promise<void> {
    if (this.ctx.closed || (await this.ctx.workers.isConnected(workerId))) return;
    const before = await this.ctx.store.getSession(sessionId);
    const queued = await this.ctx.store.requeueFromCall(sessionId);
    if (!queued || !before) return;
    this.ctx.calls.closeCall(before);
    await this.ctx.record(sessionId, 'worker_lost', 'system', { workerId });
    this.ctx.log.warn({ sessionId, workerId }, 'worker lost mid-call; session requeued at head');
    await this.ctx.append(queued, 'system', notice('workerLost', queued.language));
    this.ctx.notifier.toDevice(queued.deviceId, 'session:update', queued);
    await this.ctx.routing.requeueAtHead(sessionId, this.fallbackTask(queued));
    this.ctx.devices.sessionStateChanged(queued.deviceId, 'queued');
    this.ctx.supervision.changed();
  }

  /** A task for a session routing does not know (e.g. its row predates the routing tables). */
  private fallbackTask(s: SessionView) {
    return { sessionId: s.id, deviceId: s.deviceId, language: s.language, priority: 5, createdAt: Date.parse(s.escalatedAt ?? s.createdAt) };
  }
}
