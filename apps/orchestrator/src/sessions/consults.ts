import type { ConsultMessage, ConsultPhase, ConsultState, ProducerInfo, SessionView } from '@telekiosk/shared';
import { AuthError, SessionError } from '../errors.ts';
import type { SessionContext } from './context.ts';
import { notice } from './notices.ts';

/**
 * Warm transfer with a private consult (see `packages/shared/src/protocol/consult.ts`). State is
 * the `call_consults` row (any node can act on it); media goes through the call's SFU room, where
 * the transferring worker (A) becomes the `colleague` peer and the visitor is put on hold (the
 * room closes and refuses the kiosk's consumers of both workers' producers). A is set `away`
 * while consulting so routing offers them nobody, and `available` again when they leave.
 */
export class Consults {
  constructor(private readonly ctx: SessionContext) {}

  /** A asked for a consult with their warm transfer to B. */
  async offered(sessionId: string, fromWorkerId: string, toWorkerId: string): Promise<void> {
    await this.ctx.store.consults.offer(sessionId, fromWorkerId, toWorkerId, this.ctx.now());
  }

  /** The role a worker has in a call's media when they are its transferring colleague, else null. */
  async colleagueRole(workerId: string, sessionId: string): Promise<'colleague' | null> {
    const c = await this.ctx.store.consults.get(sessionId);
    return c && c.fromWorker === workerId && c.phase !== 'offered' ? 'colleague' : null;
  }

  /** Whether the visitor of a call is on hold now. */
  async onHold(sessionId: string): Promise<boolean> {
    return (await this.ctx.store.consults.get(sessionId))?.phase === 'consult';
  }

  /**
   * The consult a worker is part of now, and for the transferring worker the session of the call
   * they are still in (their console's `console:hello` after a reload).
   */
  async ofWorker(workerId: string): Promise<{ state: ConsultState; colleagueSession: SessionView | null } | null> {
    const c = await this.ctx.store.consults.ofWorker(workerId);
    if (!c) return null;
    const session = c.fromWorker === workerId ? await this.ctx.store.getSession(c.sessionId) : undefined;
    return { state: await this.state(c.sessionId, c.phase, c.fromWorker, c.toWorker), colleagueSession: session && session.state === 'in_call' ? session : null };
  }

  /** The transferring colleague of a call, while they are in it (to hear of its producers). */
  async colleagueOf(sessionId: string): Promise<string | null> {
    const c = await this.ctx.store.consults.get(sessionId);
    return c && c.phase !== 'offered' ? c.fromWorker : null;
  }

  private async state(sessionId: string, phase: ConsultPhase, fromWorker: string, toWorker: string): Promise<ConsultState> {
    const [from, to] = await Promise.all([this.ctx.profile(fromWorker), this.ctx.profile(toWorker)]);
    return { sessionId, phase, fromWorkerId: fromWorker, fromName: from?.displayName ?? fromWorker, toWorkerId: toWorker, toName: to?.displayName ?? toWorker };
  }

  private push(state: ConsultState): void {
    this.ctx.notifier.toWorker(state.fromWorkerId, 'consult:update', state);
    this.ctx.notifier.toWorker(state.toWorkerId, 'consult:update', state);
  }

  /**
   * B accepted A's warm transfer (B owns `session` now). When A asked for a consult, it starts:
   * A's media becomes the `colleague` peer, the visitor is put on hold, both workers hear of it.
   * @returns false when this transfer had no consult (the caller then hands the call over as usual).
   */
  async start(session: SessionView, fromWorkerId: string, toWorkerId: string): Promise<boolean> {
    const c = await this.ctx.store.consults.get(session.id);
    if (!c || c.fromWorker !== fromWorkerId || c.toWorker !== toWorkerId) return false;
    if (!(await this.ctx.store.consults.setPhase(session.id, 'offered', 'consult'))) return false;
    await this.ctx.mediaRouter.op(session.id, 'renamePeer', 'worker', ['colleague']);
    const hidden = (await this.ctx.mediaRouter.op(session.id, 'setHold', 'kiosk', [true])) as ProducerInfo[];
    for (const p of hidden) this.ctx.notifier.toDevice(session.deviceId, 'media:producer-closed', { sessionId: session.id, producerId: p.producerId });
    this.ctx.notifier.toDevice(session.deviceId, 'call:hold', { sessionId: session.id, hold: true });
    const from = await this.ctx.profile(fromWorkerId);
    await this.ctx.append(session, 'system', notice('onHold', session.language, { name: from?.displayName ?? '' }));
    await this.ctx.routing.setPresence(fromWorkerId, 'away', 'consult').catch((err: unknown) => this.ctx.log.warn({ err, fromWorkerId }, 'presence during consult not set'));
    await this.ctx.record(session.id, 'consult_started', `worker:${toWorkerId}`, { fromWorkerId });
    this.push(await this.state(session.id, 'consult', fromWorkerId, toWorkerId));
    return true;
  }

  private async member(workerId: string, sessionId: string) {
    const c = await this.ctx.store.consults.get(sessionId);
    if (!c || c.phase === 'offered' || (c.fromWorker !== workerId && c.toWorker !== workerId)) throw SessionError.notFound(sessionId);
    return c;
  }

  /** A private line between the two workers (never in the visitor's transcript; only its sender is recorded). */
  async message(workerId: string, sessionId: string, text: string): Promise<ConsultMessage> {
    const c = await this.member(workerId, sessionId);
    const me = await this.ctx.profile(workerId);
    const message: ConsultMessage = { sessionId, from: workerId, fromName: me?.displayName ?? workerId, text, at: this.ctx.now().toISOString() };
    this.ctx.notifier.toWorker(c.fromWorker, 'consult:message', message);
    this.ctx.notifier.toWorker(c.toWorker, 'consult:message', message);
    this.ctx.recordLater(sessionId, 'consult_message', `worker:${workerId}`);
    return message;
  }

  /**
   * B joins the visitor: the hold ends, the kiosk consumes both workers again (three-way).
   * @throws SessionError `not_found` (not B's consult), `conflict` (not on hold any more).
   */
  async join(workerId: string, sessionId: string): Promise<SessionView> {
    const c = await this.member(workerId, sessionId);
    if (c.toWorker !== workerId) throw AuthError.forbidden('the colleague who took the transfer joins the visitor');
    const session = await this.ctx.workerSession(workerId, sessionId);
    if (!(await this.ctx.store.consults.setPhase(sessionId, 'consult', 'three_way'))) throw SessionError.wrongState(sessionId, 'three_way', 'join the visitor again');
    await this.endHold(session, workerId);
    this.push(await this.state(sessionId, 'three_way', c.fromWorker, c.toWorker));
    return session;
  }

  /**
   * Ends the hold: the room lets the kiosk consume the workers again, and the kiosk is told the
   * call (re)started with B (it sets its media up again and consumes every worker producer).
   */
  private async endHold(session: SessionView, toWorkerId: string): Promise<void> {
    await this.ctx.mediaRouter.op(session.id, 'setHold', 'kiosk', [false]);
    const me = await this.ctx.profile(toWorkerId);
    await this.ctx.append(session, 'system', notice('workerJoined', session.language, { name: me?.displayName ?? '' }));
    this.ctx.notifier.toDevice(session.deviceId, 'call:hold', { sessionId: session.id, hold: false });
    this.ctx.notifier.toDevice(session.deviceId, 'call:started', { sessionId: session.id, worker: { displayName: me?.displayName ?? '', languages: me?.languages ?? [] } });
    await this.ctx.record(session.id, 'consult_joined', `worker:${toWorkerId}`);
  }

  /**
   * A leaves the call (after introducing the visitor, or during the consult: then B is with the
   * visitor at once). A's media closes, A wraps up and is available again.
   * @throws SessionError `not_found` when A is not the transferring colleague of this call.
   */
  async leave(workerId: string, sessionId: string): Promise<void> {
    const c = await this.member(workerId, sessionId);
    if (c.fromWorker !== workerId) throw AuthError.forbidden('only the colleague who transferred leaves this way; end the session instead');
    const session = await this.ctx.store.getSession(sessionId);
    // Leaving during the consult: the colleague is with the visitor at once.
    if (c.phase === 'consult' && session && (await this.ctx.store.consults.setPhase(sessionId, 'consult', 'three_way'))) await this.endHold(session, c.toWorker);
    await this.ctx.store.consults.end(sessionId);
    await this.ctx.mediaRouter.op(sessionId, 'closePeer', 'colleague', []).catch((err: unknown) => this.ctx.log.debug({ err, sessionId }, 'no colleague media to close'));
    await this.released(sessionId, c.fromWorker, c.toWorker, session);
    await this.ctx.record(sessionId, 'consult_left', `worker:${workerId}`);
  }

  /** The call ended or passed on while a consult was open: the colleague is released. */
  async callClosed(session: SessionView): Promise<void> {
    const c = await this.ctx.store.consults.end(session.id);
    if (c) await this.released(session.id, c.fromWorker, c.toWorker, session);
  }

  private async released(sessionId: string, fromWorker: string, toWorker: string, session: SessionView | undefined): Promise<void> {
    this.push(await this.state(sessionId, 'ended', fromWorker, toWorker));
    if (session) this.ctx.notifier.toWorker(fromWorker, 'session:update', session);
    await this.ctx.routing.setPresence(fromWorker, 'available').catch((err: unknown) => this.ctx.log.warn({ err, fromWorker }, 'presence after consult not restored'));
  }
}
