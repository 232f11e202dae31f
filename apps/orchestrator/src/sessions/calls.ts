import type { AssistUpdate, Assignment, Capabilities, KioskContent, Language, PeerRole, SessionNote, SessionView, TranscriptEntry } from '@telekiosk/shared';
import { AuthError, OrchestratorError, SessionError } from '../errors.ts';
import type { MediaRoom } from '../media/mediaServer.ts';
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

  /** Closes the live parts of a call (media room, robot lease, assist) without ending the session. */
  closeCall(sessionId: string): void {
    this.ctx.robot.end(sessionId);
    this.ctx.media.closeRoom(sessionId);
    this.assistLatest.delete(sessionId);
  }

  /**
   * Media rooms were lost (their SFU worker died, or the process restarted): every peer of those
   * calls is told to set up media again; new rooms are created on healthy workers as they rejoin.
   */
  roomsLost(sessionIds: string[], reason: 'worker_died' | 'room_closed' | 'server_restarted'): void {
    this.ctx.background('media restart notices', async () => {
      for (const sessionId of sessionIds) {
        const s = await this.ctx.store.getSession(sessionId);
        if (!s || s.state !== 'in_call') continue;
        const payload = { sessionId, reason };
        this.ctx.notifier.toDevice(s.deviceId, 'media:restart', payload);
        for (const w of [s.workerId, ...this.ctx.supervision.monitorsOf(sessionId)]) if (w) this.ctx.notifier.toWorker(w, 'media:restart', payload);
        this.ctx.recordLater(sessionId, 'media_restarted', 'system', { reason });
        this.ctx.log.warn({ sessionId, reason }, 'media room lost; peers told to rejoin');
      }
    });
  }

  /** The media room of an in-call session for an authorised peer, and the role it joins as (`monitor` for a supervisor watching). */
  async mediaRoom(actor: { role: PeerRole; id: string }, sessionId: string): Promise<{ room: MediaRoom; role: PeerRole }> {
    let session: SessionView;
    let role = actor.role;
    if (actor.role === 'kiosk') session = await this.ctx.deviceSession(actor.id, sessionId);
    else if (this.ctx.supervision.isMonitoring(actor.id, sessionId)) {
      const s = await this.ctx.store.getSession(sessionId);
      if (!s) throw SessionError.notFound(sessionId);
      session = s;
      role = 'monitor';
    } else session = await this.ctx.workerSession(actor.id, sessionId);
    if (session.state !== 'in_call') throw SessionError.wrongState(sessionId, session.state, 'join media');
    const room = await this.ctx.media.room(sessionId);
    room.canProduce = (r) => r !== 'monitor' || this.ctx.supervision.monitorsOf(sessionId).some((id) => this.ctx.supervision.hasBarged(id, sessionId));
    // Tell every other peer of a session about a producer: kiosk, worker and monitoring supervisors.
    const others = (from: PeerRole) => ({
      device: from !== 'kiosk',
      workers: [...(from !== 'worker' && session.workerId ? [session.workerId] : []), ...(from !== 'monitor' ? this.ctx.supervision.monitorsOf(sessionId) : [])],
    });
    room.onProducerAdded = (info) => {
      const o = others(info.peerRole);
      if (o.device) this.ctx.notifier.toDevice(session.deviceId, 'media:producer-added', { sessionId, ...info });
      for (const w of o.workers) this.ctx.notifier.toWorker(w, 'media:producer-added', { sessionId, ...info });
    };
    room.onProducerClosed = (producerId, from) => {
      const o = others(from);
      if (o.device) this.ctx.notifier.toDevice(session.deviceId, 'media:producer-closed', { sessionId, producerId });
      for (const w of o.workers) this.ctx.notifier.toWorker(w, 'media:producer-closed', { sessionId, producerId });
    };
    return { room, role };
  }

  // --- lines ---------------------------------------------------------------------------

  /** A worker's typed message to the visitor (idempotent with `clientId`). */
  async workerMessage(workerId: string, sessionId: string, text: string, clientId?: string): Promise<TranscriptEntry> {
    const session = await this.ctx.workerSession(workerId, sessionId);
    return this.ctx.append(session, 'worker', text, { language: this.lineLanguage(workerId, session), notifyWorker: false, ...(clientId ? { clientId } : {}) });
  }

  /** A supervisor who barged in posts a message to the visitor (and the worker sees it). */
  async supervisorMessage(supervisorId: string, sessionId: string, text: string): Promise<TranscriptEntry> {
    if (!this.ctx.supervision.hasBarged(supervisorId, sessionId)) throw AuthError.forbidden('barge in before posting into the call');
    const session = await this.ctx.store.getSession(sessionId);
    if (!session || session.state !== 'in_call') throw SessionError.notFound(sessionId);
    return this.ctx.append(session, 'supervisor', text, { language: this.lineLanguage(supervisorId, session) });
  }

  /** The language a worker's line is in: the visitor's when they speak it, else their first. */
  private lineLanguage(workerId: string, session: SessionView): Language {
    const languages = this.ctx.workers.languagesOf(workerId);
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
  stopMonitoring(supervisorId: string, sessionId: string): void {
    this.ctx.supervision.leave(supervisorId, sessionId);
    if (this.ctx.supervision.monitorsOf(sessionId).length === 0) this.ctx.media.existingRoom(sessionId)?.closePeer('monitor');
  }

  /** A monitoring supervisor barges in. */
  async bargeIn(supervisorId: string, sessionId: string): Promise<void> {
    this.ctx.supervision.bargeIn(supervisorId, sessionId);
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
      const suggestions = await assist.suggest(entry.text, entry.language, this.ctx.workers.languagesOf(workerId) ?? [session.language]);
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
    const { text, language } = await this.transcribe(audio, mimeType, this.lineLanguage(workerId, session));
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
