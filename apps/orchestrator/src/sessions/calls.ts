import type { AssistUpdate, Assignment, Capabilities, KioskContent, Language, PeerRole, SessionNote, SessionView, TranscriptEntry } from '@telekiosk/shared';
import { AuthError, OrchestratorError, SessionError } from '../errors.ts';
import type { MediaOp, RoomAudience } from '../cluster/mediaRouter.ts';
import type { SessionContext } from './context.ts';
import { sessionNotes } from './desk.ts';

/**
 * The live call: media rooms (joined by the kiosk, the worker and monitoring supervisors; rebuilt
 * and rejoined when an SFU worker dies), worker and supervisor lines, supervision (monitor, barge
 * in), speech, agent assist, notes, content pushed to the kiosk.
 */
export class Calls {
  /** Latest agent-assist suggestions per session. */
  private readonly assistLatest = new Map<string, AssistUpdate>();

  constructor(private readonly ctx: SessionContext) {}

  /** Closes the live parts of a call (media room wherever it is, robot lease, assist) without ending the session. */
  closeCall(session: SessionView): void {
    this.ctx.robot.end(session.id, session.deviceId, session.workerId);
    this.ctx.background('release a consulting colleague', () => this.ctx.consults.callClosed(session), { sessionId: session.id });
    this.ctx.background('close media room', () => this.ctx.mediaRouter.closeRoom(session.id), { sessionId: session.id });
    this.assistLatest.delete(session.id);
  }

  /**
   * Media rooms were lost (their SFU worker died, their node died, or the process restarted):
   * every peer of those calls is told to set up media again; new rooms are placed on healthy
   * workers and nodes as they rejoin.
   * @param recordDropped the rooms' records are already gone (the media router removed them and may
   *   have placed a new room since, which must stay).
   */
  roomsLost(sessionIds: string[], reason: 'worker_died' | 'room_closed' | 'server_restarted', recordDropped = false): void {
    this.ctx.background('media restart notices', async () => {
      for (const sessionId of sessionIds) {
        if (!recordDropped) await this.ctx.store.cluster.dropMediaRoom(sessionId).catch((err: unknown) => this.ctx.log.warn({ err, sessionId }, 'media room record not dropped'));
        const s = await this.ctx.store.getSession(sessionId);
        if (!s || s.state !== 'in_call') continue;
        const payload = { sessionId, reason };
        this.ctx.notifier.toDevice(s.deviceId, 'media:restart', payload);
        if (s.workerId) this.ctx.notifier.toWorker(s.workerId, 'media:restart', payload);
        this.ctx.notifier.toMonitors(sessionId, 'media:restart', payload);
        this.ctx.recordLater(sessionId, 'media_restarted', 'system', { reason });
        this.ctx.log.warn({ sessionId, reason }, 'media room lost; peers told to rejoin');
      }
    });
  }

  /** The role a peer joins a call's media as (`monitor` for a supervisor watching), after checking it may. */
  async mediaRole(actor: { role: PeerRole; id: string }, sessionId: string): Promise<PeerRole> {
    let session: SessionView;
    let role = actor.role;
    if (actor.role === 'kiosk') session = await this.ctx.deviceSession(actor.id, sessionId);
    else if (await this.ctx.supervision.isMonitoring(actor.id, sessionId)) {
      const s = await this.ctx.store.getSession(sessionId);
      if (!s) throw SessionError.notFound(sessionId);
      session = s;
      role = 'monitor';
    } else if (await this.ctx.consults.colleagueRole(actor.id, sessionId)) {
      // The worker who warm-transferred with a consult: in the room as `colleague` until they leave.
      const s = await this.ctx.store.getSession(sessionId);
      if (!s) throw SessionError.notFound(sessionId);
      session = s;
      role = 'colleague';
    } else session = await this.ctx.workerSession(actor.id, sessionId);
    if (session.state !== 'in_call') throw SessionError.wrongState(sessionId, session.state, 'join media');
    return role;
  }

  /** A peer's media operation on its call's room (wherever the room is hosted). */
  async mediaOp(actor: { role: PeerRole; id: string }, sessionId: string, op: MediaOp, args: unknown[]): Promise<unknown> {
    const role = await this.mediaRole(actor, sessionId);
    return this.ctx.mediaRouter.op(sessionId, op, role, args);
  }

  /** Who hears about a room's producers: every other peer of the call (kiosk, worker, monitors). */
  readonly audience: RoomAudience = {
    producerAdded: async (sessionId, info) => {
      const s = await this.ctx.store.getSession(sessionId);
      if (!s) return;
      const payload = { sessionId, ...info };
      const fromWorkers = info.peerRole === 'worker' || info.peerRole === 'colleague';
      // On hold (private consult) the kiosk does not hear of the workers' producers.
      if (info.peerRole !== 'kiosk' && !(fromWorkers && (await this.ctx.consults.onHold(sessionId)))) this.ctx.notifier.toDevice(s.deviceId, 'media:producer-added', payload);
      if (info.peerRole !== 'worker' && s.workerId) this.ctx.notifier.toWorker(s.workerId, 'media:producer-added', payload);
      const colleague = await this.ctx.consults.colleagueOf(sessionId);
      if (info.peerRole !== 'colleague' && colleague) this.ctx.notifier.toWorker(colleague, 'media:producer-added', payload);
      if (info.peerRole !== 'monitor') this.ctx.notifier.toMonitors(sessionId, 'media:producer-added', payload);
    },
    producerClosed: async (sessionId, producerId, from) => {
      const s = await this.ctx.store.getSession(sessionId);
      if (!s) return;
      const payload = { sessionId, producerId };
      if (from !== 'kiosk') this.ctx.notifier.toDevice(s.deviceId, 'media:producer-closed', payload);
      if (from !== 'worker' && s.workerId) this.ctx.notifier.toWorker(s.workerId, 'media:producer-closed', payload);
      const colleague = await this.ctx.consults.colleagueOf(sessionId);
      if (from !== 'colleague' && colleague) this.ctx.notifier.toWorker(colleague, 'media:producer-closed', payload);
      if (from !== 'monitor') this.ctx.notifier.toMonitors(sessionId, 'media:producer-closed', payload);
    },
    monitorMaySend: (sessionId) => this.ctx.supervision.anyBarged(sessionId),
    onHold: (sessionId) => this.ctx.consults.onHold(sessionId),
  };

  // --- lines ---------------------------------------------------------------------------

  /** A worker's typed message to the visitor (idempotent with `clientId`). */
  async workerMessage(workerId: string, sessionId: string, text: string, clientId?: string): Promise<TranscriptEntry> {
    const session = await this.ctx.workerSession(workerId, sessionId);
    return this.ctx.append(session, 'worker', text, { language: await this.lineLanguage(workerId, session), notifyWorker: false, ...(clientId ? { clientId } : {}) });
  }

  /** A supervisor who barged in posts a message to the visitor (and the worker sees it). */
  async supervisorMessage(supervisorId: string, sessionId: string, text: string): Promise<TranscriptEntry> {
    if (!(await this.ctx.supervision.hasBarged(supervisorId, sessionId))) throw AuthError.forbidden('barge in before posting into the call');
    const session = await this.ctx.store.getSession(sessionId);
    if (!session || session.state !== 'in_call') throw SessionError.notFound(sessionId);
    return this.ctx.append(session, 'supervisor', text, { language: await this.lineLanguage(supervisorId, session) });
  }

  /** The language a worker's line is in: the visitor's when they speak it, else their first. */
  private async lineLanguage(workerId: string, session: SessionView): Promise<Language> {
    const languages = await this.ctx.languagesOf(workerId);
    return languages && !languages.includes(session.language) ? (languages[0] ?? session.language) : session.language;
  }

  // --- supervision ---------------------------------------------------------------------

  /** A supervisor starts monitoring a call: returns the call's context (handoff and transcript). */
  async monitor(supervisorId: string, sessionId: string): Promise<Assignment> {
    const session = await this.ctx.supervision.monitor(supervisorId, sessionId);
    await this.ctx.record(sessionId, 'monitored', `worker:${supervisorId}`);
    return this.ctx.offers.assignment(session);
  }

  /** A supervisor stops monitoring; the monitor's media closes when no supervisor is left watching. */
  async stopMonitoring(supervisorId: string, sessionId: string): Promise<void> {
    await this.ctx.supervision.leave(supervisorId, sessionId);
    if ((await this.ctx.supervision.monitorsOf(sessionId)).length === 0) await this.ctx.mediaRouter.op(sessionId, 'closePeer', 'monitor', []).catch((err: unknown) => this.ctx.log.debug({ err, sessionId }, 'no monitor media to close'));
  }

  /** A monitoring supervisor barges in. */
  async bargeIn(supervisorId: string, sessionId: string): Promise<void> {
    await this.ctx.supervision.bargeIn(supervisorId, sessionId);
    await this.ctx.record(sessionId, 'barged_in', `worker:${supervisorId}`);
  }

  // --- desk ----------------------------------------------------------------------------

  /** A note on a session assigned to the worker (audit trail). */
  async addNote(workerId: string, sessionId: string, text: string): Promise<SessionNote> {
    await this.ctx.workerSession(workerId, sessionId);
    const at = this.ctx.now();
    await this.ctx.record(sessionId, 'note', `worker:${workerId}`, { text });
    return { text, by: workerId, at: at.toISOString() };
  }

  /** Notes of a session the caller handles or handled (supervisors: any). */
  async notes(worker: { id: string; role: string }, sessionId: string): Promise<SessionNote[]> {
    await this.canSee(worker, sessionId);
    return sessionNotes(this.ctx.store, sessionId);
  }

  /** Full transcript of a session the caller handled (supervisors: any). */
  async pastTranscript(worker: { id: string; role: string }, sessionId: string): Promise<TranscriptEntry[]> {
    await this.canSee(worker, sessionId);
    return this.ctx.store.transcript(sessionId);
  }

  private async canSee(worker: { id: string; role: string }, sessionId: string): Promise<void> {
    const s = await this.ctx.store.getSession(sessionId);
    const handled = s && (s.workerId === worker.id || (await this.ctx.store.events(sessionId)).some((e) => e.actor === `worker:${worker.id}`));
    if (!s || (worker.role !== 'supervisor' && !handled)) throw SessionError.notFound(sessionId);
  }

  /** Pushes content to the kiosk screen of the worker's call (or clears it with null). */
  async showOnKiosk(workerId: string, sessionId: string, content: KioskContent | null): Promise<void> {
    const session = await this.ctx.workerSession(workerId, sessionId);
    if (content) this.ctx.notifier.toDevice(session.deviceId, 'content:show', content);
    else this.ctx.notifier.toDevice(session.deviceId, 'content:clear', {});
    await this.ctx.record(sessionId, content ? 'content_shown' : 'content_cleared', `worker:${workerId}`, content ? { type: content.type, title: content.title } : {});
  }

  // --- agent assist --------------------------------------------------------------------

  /** Suggestions for the worker on a visitor line of a call (in the background; a failure is logged). */
  assistOn(session: SessionView, entry: TranscriptEntry): void {
    const assist = this.ctx.options.assist;
    const workerId = session.workerId;
    if (!assist || !workerId) return;
    this.ctx.background('agent assist', async () => {
      const suggestions = await assist.suggest(entry.text, entry.language, (await this.ctx.languagesOf(workerId)) ?? [session.language]);
      const update: AssistUpdate = { sessionId: session.id, entryId: entry.id, suggestions };
      this.assistLatest.set(session.id, update);
      this.ctx.notifier.toWorker(workerId, 'assist:update', update);
    }, { sessionId: session.id });
  }

  /** Latest suggestions of a session assigned to `workerId`. */
  async latestAssist(workerId: string, sessionId: string): Promise<AssistUpdate | null> {
    await this.ctx.workerSession(workerId, sessionId);
    return this.assistLatest.get(sessionId) ?? null;
  }

  // --- speech --------------------------------------------------------------------------

  /** What this orchestrator offers devices and consoles (never pretend). */
  capabilities(): Capabilities {
    const t = this.ctx.options.translator?.id;
    return { speechInput: !!this.ctx.options.speech, speechOutput: this.ctx.options.speech ? 'provider' : 'browser', translation: t === 'azure' ? 'azure' : t ? 'llm' : 'none' };
  }

  /** Transcribes an utterance. @throws OrchestratorError `unavailable` without a provider or on its failure; `bad_request` when nothing was recognised. */
  async transcribe(audio: Uint8Array, mimeType: string, hint: Language): Promise<{ text: string; language: Language }> {
    const speech = this.ctx.options.speech;
    if (!speech) throw new OrchestratorError('unavailable', 'speech recognition is not configured on this orchestrator; type instead');
    let r;
    try {
      r = await speech.transcribe(audio, mimeType.split(';')[0]!.trim(), hint);
    } catch (err) {
      this.ctx.log.warn({ err }, 'transcription failed');
      throw new OrchestratorError('unavailable', 'speech recognition failed; please try again or type');
    }
    if (!r.text.trim()) throw new OrchestratorError('bad_request', 'audio: no speech recognised');
    return { text: r.text.trim().slice(0, 1000), language: r.language ?? hint };
  }

  /** A worker's spoken utterance: transcribed in the worker's language, translated for the visitor. */
  async workerUtterance(workerId: string, sessionId: string, audio: Uint8Array, mimeType: string): Promise<TranscriptEntry> {
    const session = await this.ctx.workerSession(workerId, sessionId);
    const { text, language } = await this.transcribe(audio, mimeType, await this.lineLanguage(workerId, session));
    return this.ctx.append(session, 'worker', text, { language, notifyWorker: false });
  }

  /** Synthesizes an assistant line for the kiosk (provider voice). */
  async synthesize(text: string, language: Language): Promise<{ audio: Uint8Array; mimeType: string }> {
    const speech = this.ctx.options.speech;
    if (!speech) throw new OrchestratorError('unavailable', 'speech synthesis is not configured; use the browser voice');
    try {
      return await speech.synthesize(text, language);
    } catch (err) {
      this.ctx.log.warn({ err }, 'speech synthesis failed');
      throw new OrchestratorError('unavailable', 'speech synthesis failed; use the browser voice');
    }
  }
}
