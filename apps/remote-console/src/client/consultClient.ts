import { consoleEvents, type ConsultMessage, type ConsultState } from '@telekiosk/shared';
import { errorMessage } from './errors.ts';
import { announce, type ConsoleState, type ConsultView } from './state.ts';
import type { SubClientDeps } from './subClient.ts';

/** The consult push events {@link ConsultClient} handles (ConsoleClient wires them to its socket). */
export const CONSULT_EVENTS = ['consult:update', 'consult:message'] as const;
export type ConsultEventName = (typeof CONSULT_EVENTS)[number];

/** My part in the consult of my call: `from` (A, who transferred), `to` (B, who accepted), or null (none active). */
export function consultRole(state: Pick<ConsoleState, 'consult' | 'worker' | 'assignment'>): 'from' | 'to' | null {
  const c = state.consult;
  const me = state.worker?.id;
  if (!c || !me || c.phase === 'ended' || c.sessionId !== state.assignment?.session.id) return null;
  if (c.fromWorkerId === me) return 'from';
  if (c.toWorkerId === me) return 'to';
  return null;
}

/**
 * Whether I am only the colleague in my call now (I transferred it with a consult and the other
 * worker owns it): I may talk privately and leave, not end, transfer, drive or message the visitor.
 */
export function isColleagueOnly(state: Pick<ConsoleState, 'consult' | 'worker' | 'assignment'>): boolean {
  const me = state.worker?.id;
  const owner = state.assignment?.session.workerId;
  return consultRole(state) === 'from' || (!!me && !!owner && owner !== me && state.consult?.sessionId === state.assignment?.session.id);
}

const sameMessage = (a: ConsultMessage, b: ConsultMessage) => a.sessionId === b.sessionId && a.from === b.from && a.at === b.at && a.text === b.text;

/** A private line added once (the sender gets it both as the answer and as the push). */
export function addConsultMessage(state: ConsoleState, message: ConsultMessage): ConsoleState {
  const c = state.consult;
  if (!c || c.sessionId !== message.sessionId || c.messages.some((m) => sameMessage(m, message))) return state;
  return { ...state, consult: { ...c, messages: [...c.messages, message] } };
}

/** A `consult:update`: the consult starts (my warm transfer was accepted), becomes three-way, or ends. */
export function applyConsultUpdate(state: ConsoleState, u: ConsultState): ConsoleState {
  const prev = state.consult?.sessionId === u.sessionId ? state.consult : null;
  const me = state.worker?.id;
  const other = me === u.fromWorkerId ? u.toName : u.fromName;
  if (u.phase === 'ended') {
    if (!prev) return state;
    // Kept (hidden: the phase is over) until the call ends, so the wrap-up still names the colleague.
    return { ...state, consult: { ...prev, phase: 'ended', pending: null }, announcements: me === u.toWorkerId ? announce(state, 'announce.consultEnded', { name: u.fromName }) : state.announcements };
  }
  const consult: ConsultView = { ...u, messages: prev?.messages ?? [], pending: null, error: null };
  const key = u.phase === 'consult' ? 'announce.consultStarted' : 'announce.consultThreeWay';
  return {
    ...state,
    consult,
    // The colleague accepted: the "waiting for …" banner of my warm transfer is over.
    transfer: state.transfer?.sessionId === u.sessionId ? null : state.transfer,
    announcements: prev?.phase === u.phase ? state.announcements : announce(state, key, { name: other }),
  };
}

/**
 * The private consult of a warm transfer (`consult:*`, see packages/shared protocol/consult.ts):
 * keeps `ConsoleState.consult` from the push events, sends private lines, and lets the colleague
 * who accepted join the visitor (`consult:join`) and the one who transferred leave (`consult:leave`).
 */
export class ConsultClient {
  constructor(private readonly d: SubClientDeps) {}

  private patch(p: Partial<ConsultView>) {
    this.d.update((s) => (s.consult ? { ...s, consult: { ...s.consult, ...p } } : s));
  }

  /** A consult push event; invalid payloads are ignored. @returns whether it was valid. */
  onEvent(name: ConsultEventName, payload: unknown): boolean {
    if (name === 'consult:update') {
      const parsed = consoleEvents['consult:update'].safeParse(payload);
      if (!parsed.success) return false;
      this.d.update((s) => applyConsultUpdate(s, parsed.data));
      return true;
    }
    const parsed = consoleEvents['consult:message'].safeParse(payload);
    if (!parsed.success) return false;
    this.d.update((s) => addConsultMessage(s, parsed.data));
    return true;
  }

  /** Runs one consult request at a time; a failure is shown in the consult banner. */
  private async run(kind: NonNullable<ConsultView['pending']>, fn: (sessionId: string) => Promise<void>): Promise<boolean> {
    const c = this.d.getState().consult;
    if (!c || c.phase === 'ended' || c.pending) return false;
    this.patch({ pending: kind, error: null });
    try {
      await fn(c.sessionId);
      this.patch({ pending: null });
      return true;
    } catch (err) {
      this.patch({ pending: null, error: errorMessage(err, 'errors.internal') });
      return false;
    }
  }

  /** A private line to the other worker (never shown to the visitor). */
  sendMessage(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed) return Promise.resolve(false);
    return this.run('message', async (sessionId) => {
      const { message } = await this.d.req('consult:message', { sessionId, text: trimmed });
      this.d.update((s) => addConsultMessage(s, message));
    });
  }

  /** The colleague who accepted joins the visitor: the hold ends, a three-way call. */
  join(): Promise<boolean> {
    return this.run('join', async (sessionId) => {
      const { session } = await this.d.req('consult:join', { sessionId });
      this.d.update((s) => (s.assignment?.session.id === session.id ? { ...s, assignment: { ...s.assignment, session } } : s));
    });
  }

  /** The worker who transferred leaves the call (wrap-up follows with `session:update`). */
  leave(): Promise<boolean> {
    return this.run('leave', async (sessionId) => {
      await this.d.req('consult:leave', { sessionId });
    });
  }
}
