import { randomUUID } from 'node:crypto';
import type { Language, SessionSnapshot, SessionView, TranscriptEntry } from '@telekiosk/shared';
import { SessionError } from '../errors.ts';
import { identifyLanguage } from '../policy/index.ts';
import { extractFields } from '../intake/fields.ts';
import type { SessionContext } from './context.ts';
import { notice } from './notices.ts';

/**
 * The visitor's side of a session: start after consent, typed messages (the assistant answers
 * and the escalation policy runs), "talk to a person", language change, callback, rating,
 * leaving, a kiosk's resync after a reconnect, and the end of a session whoever ends it.
 */
export class SessionLifecycle {
  constructor(private readonly ctx: SessionContext) {}

  /**
   * Starts a session after consent. Ends any session the device left open (kiosk reset).
   * With `mode: 'person'` the visitor chose a person up front: escalates at once (`visitor_choice`).
   * @throws SessionError `unavailable` when the device is out of service.
   */
  async start(deviceId: string, req: { language: Language; consentAcceptedAt: string; mode: 'assistant' | 'person' }): Promise<{ session: SessionView; transcript: TranscriptEntry[] }> {
    const { store } = this.ctx;
    // One statement when the device is in service and has no session left open (the usual case).
    const check = await this.ctx.fleet.startCheck(deviceId);
    if (check.outOfService.length > 0) throw SessionError.deviceOutOfService(deviceId, check.outOfService);
    if (check.activeSessionIds.length > 0) for (const s of await store.activeSessions(deviceId)) await this.finish(s, 'visitor_left', `device:${deviceId}`);
    const now = this.ctx.now();
    const session = await store.createSession(
      { deviceId, language: req.language, mode: req.mode, consentAt: new Date(req.consentAcceptedAt), now },
      { type: 'started', actor: `device:${deviceId}`, data: { language: req.language, mode: req.mode } },
    );
    this.ctx.escalation.began(session.id);
    this.ctx.log.info({ sessionId: session.id, deviceId, language: req.language, mode: req.mode }, 'session started');
    const greeting = await this.ctx.append(session, 'assistant', notice('greeting', req.language));
    let current = session;
    if (req.mode === 'person') {
      const entry = await this.ctx.append(session, 'system', notice('visitorChoicePerson', req.language));
      current = await this.ctx.escalation.escalate(session, [{ code: 'visitor_choice', evidence: 'Visitor chose "talk to a person" on the start screen', entryId: entry.id }]);
    }
    this.ctx.devices.sessionStateChanged(deviceId, current.state);
    // An assistant session's transcript is its greeting (nobody else knows the new session's id
    // yet); a visitor who chose a person has the escalation's lines too: read them back.
    return { session: current, transcript: req.mode === 'assistant' ? [greeting] : await store.transcript(session.id) };
  }

  /**
   * A visitor's typed message; in intake the assistant answers and may escalate. With
   * `clientId`, a retry of a message already stored returns the stored line (and the reply that
   * followed it) without adding anything.
   */
  async message(deviceId: string, sessionId: string, text: string, clientId?: string): Promise<{ entries: TranscriptEntry[]; session: SessionView }> {
    const { store } = this.ctx;
    const session = await this.ctx.deviceSession(deviceId, sessionId);
    // A retry of a line stored already returns it and the reply that followed it.
    const retried = async (stored: TranscriptEntry) => {
      const after = await store.transcriptSince(sessionId, stored.seq);
      const reply = after[0]?.speaker === 'assistant' ? [after[0]] : [];
      return { entries: [stored, ...reply], session };
    };
    if (session.state === 'ended') {
      const stored = clientId ? await store.entryByClientId(sessionId, clientId) : undefined;
      if (stored) return retried(stored);
      throw SessionError.wrongState(sessionId, session.state, 'send a message');
    }
    // The line keeps the language it was written in (tinyld; short text keeps the session language).
    const language = identifyLanguage(text, session.language).language;
    // A retry is recognised by the append itself (the client id is a unique key), not by a read before it.
    const appended = await this.ctx.transcripts.appendOnce(session, 'visitor', text, { notifyDevice: false, language, ...(clientId ? { clientId } : {}) });
    if (appended.duplicate) return retried(appended.entry);
    const visitorEntry = appended.entry;
    await this.ctx.escalation.collect(sessionId, extractFields(text));
    const entries = [visitorEntry];
    let current = session;
    if (session.state === 'in_call') this.ctx.calls.assistOn(session, visitorEntry);
    if (session.state === 'queued') await this.ctx.escalation.queuedLine(session, visitorEntry);
    if (session.state === 'intake') {
      const turn = await this.ctx.escalation.intakeTurn(session, visitorEntry);
      entries.push(turn.reply);
      current = turn.session;
    }
    return { entries, session: current };
  }

  /** The "Talk to a person" button. Idempotent once queued or in a call. */
  async requestPerson(deviceId: string, sessionId: string): Promise<SessionView> {
    const session = await this.ctx.deviceSession(deviceId, sessionId);
    if (session.state !== 'intake') {
      if (session.state === 'ended') throw SessionError.wrongState(sessionId, session.state, 'request a person');
      return session;
    }
    return this.ctx.escalation.escalate(session, [{ code: 'explicit_request', evidence: 'Visitor pressed "Talk to a person"', entryId: null }]);
  }

  /**
   * The visitor switched language: stored on the session (the assistant answers in it, notices
   * and translations follow it, the worker sees it) and audited.
   */
  async changeLanguage(deviceId: string, sessionId: string, language: Language): Promise<SessionView> {
    const session = await this.ctx.deviceSession(deviceId, sessionId);
    if (session.state === 'ended') throw SessionError.wrongState(sessionId, session.state, 'change language');
    if (session.language === language) return session;
    const updated = await this.ctx.store.setSessionLanguage(sessionId, language);
    if (!updated) throw SessionError.notFound(sessionId);
    await this.ctx.record(sessionId, 'language_changed', `device:${deviceId}`, { from: session.language, to: language });
    if (updated.workerId && updated.state === 'in_call') this.ctx.notifier.toWorker(updated.workerId, 'session:update', updated);
    return updated;
  }

  /**
   * The visitor's CSAT rating (1..5) of their ended session. One statement when it is allowed
   * (the device check is its condition, the `rated` event is stored with it); the session is
   * read only to say why it was not.
   * @throws SessionError `not_found` (not this device's session) or `conflict` (not ended yet).
   */
  async rate(deviceId: string, sessionId: string, rating: number): Promise<void> {
    const rated = await this.ctx.store.rateSession(sessionId, rating, { deviceId, event: { type: 'rated', actor: `device:${deviceId}`, data: { rating } }, at: this.ctx.now() });
    if (rated) return;
    const session = await this.ctx.deviceSession(deviceId, sessionId);
    throw SessionError.wrongState(sessionId, session.state, 'rate before the session ended');
  }

  /** The visitor left or the kiosk idled out. */
  async leave(deviceId: string, sessionId: string, reason: 'visitor_left' | 'idle'): Promise<void> {
    const session = await this.ctx.deviceSession(deviceId, sessionId);
    if (session.state === 'ended') return;
    await this.finish(session, 'visitor_left', `device:${deviceId}`);
  }

  /** The kiosk did not come back within the grace while its visitor waited: the visitor is marked abandoned and leaves the queue (any open offer is withdrawn). */
  async abandonWaiting(deviceId: string): Promise<void> {
    for (const s of await this.ctx.store.activeSessions(deviceId)) {
      if (s.state !== 'queued') continue;
      this.ctx.log.warn({ sessionId: s.id, deviceId }, 'kiosk did not come back within the grace; waiting visitor abandoned');
      await this.finish(s, 'abandoned', 'system');
    }
  }

  /**
   * The visitor leaves a callback request instead of waiting: stored in the callback queue with
   * a ticket number; the session ends with disposition `callback`.
   */
  async requestCallback(deviceId: string, req: { sessionId: string; name: string; contact: string; note?: string }): Promise<{ ticket: string }> {
    const session = await this.ctx.deviceSession(deviceId, req.sessionId);
    if (session.state === 'ended' || session.state === 'in_call') throw SessionError.wrongState(session.id, session.state, 'request a callback');
    const ticket = `CB-${randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
    const row = await this.ctx.store.insertCallback({ id: randomUUID(), ticket, session_id: session.id, device_id: deviceId, language: session.language, name: req.name, contact: req.contact, note: req.note ?? null, created_at: this.ctx.now() });
    await this.ctx.record(session.id, 'callback_requested', `device:${deviceId}`, { ticket: row.ticket });
    this.ctx.log.info({ sessionId: session.id, ticket }, 'callback requested');
    await this.finish((await this.ctx.store.getSession(session.id))!, 'callback', `device:${deviceId}`);
    this.ctx.notifier.toDesk('callbacks:changed', {});
    return { ticket };
  }

  /**
   * A kiosk's resync after a (re)connect: the session now, every line after `lastSeq`, the
   * queue status, the worker in the call, and the emergency state.
   */
  async resume(deviceId: string, sessionId: string, lastSeq: number): Promise<SessionSnapshot> {
    const session = await this.ctx.deviceSession(deviceId, sessionId);
    const entries = await this.ctx.store.transcriptSince(sessionId, lastSeq);
    let call: SessionSnapshot['call'] = null;
    if (session.state === 'in_call' && session.workerId) {
      const w = await this.ctx.profile(session.workerId);
      if (w) call = { worker: { displayName: w.displayName, languages: w.languages } };
    }
    let queue = null;
    if (session.state === 'queued') {
      queue = (await this.ctx.routing.queueStatus(sessionId)) ?? null;
      // The status pushes resume from here (the kiosk may have missed some while away).
      this.ctx.background('queue status after resume', () => this.ctx.routing.pushQueueStatus());
    }
    return {
      session,
      entries,
      queue,
      call,
      emergency: session.state === 'ended' ? null : await this.ctx.escalation.emergencyOf(session),
    };
  }

  /**
   * Ends a session (any state but ended) with a disposition: its task leaves routing (the worker
   * wraps up), the call's media and robot lease close, both sides are told.
   */
  async finish(session: SessionView, disposition: string, actor: string, notes?: string): Promise<SessionView> {
    const { store } = this.ctx;
    if (session.state !== 'ended') await this.ctx.append(session, 'system', notice('sessionEnded', session.language), { notifyDevice: actor.startsWith('worker:') });
    const ended = await store.endSession(session.id, this.ctx.now(), disposition, { type: 'ended', actor, data: { disposition, ...(notes ? { notes } : {}) } });
    if (!ended) return (await store.getSession(session.id)) ?? session;
    await this.ctx.routing.complete(session.id);
    if (session.state === 'in_call') this.ctx.calls.closeCall(session);
    this.ctx.escalation.forget(session.id);
    this.ctx.handoffs.delete(session.id);
    this.ctx.offers.forget(session.id);
    this.ctx.log.info({ sessionId: session.id, disposition, actor }, 'session ended');
    this.ctx.notifier.toDevice(session.deviceId, 'session:update', ended);
    if (session.state === 'in_call') this.ctx.notifier.toDevice(session.deviceId, 'call:ended', { sessionId: session.id, disposition });
    // Its monitors' rows went with the end (`Store.endSession`).
    this.ctx.supervision.changed();
    if (session.workerId) this.ctx.notifier.toWorker(session.workerId, 'session:update', ended);
    this.ctx.devices.sessionStateChanged(session.deviceId, null);
    return ended;
  }
}
