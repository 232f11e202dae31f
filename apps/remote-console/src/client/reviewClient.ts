import type { HandoffVerdict, ReasonCode, TurnLabel } from '@telekiosk/shared';
import type { z } from 'zod';
import { errorMessage } from './errors.ts';
import type { OpenReview, ReviewState } from './knowledgeState.ts';
import type { SubClientDeps } from './subClient.ts';

/** File name of the labelled-conversations export. */
export const REVIEW_EXPORT_FILENAME = 'review-labels.jsonl';

/** A verdict as the wrap-up form gives it (answers and package default to `none` and `enough`). */
export type VerdictInput = z.input<typeof HandoffVerdict>;

/**
 * Requests that review the AI (see packages/shared protocol/knowledge.ts): the worker's verdict on
 * a handoff at wrap-up (`session:verdict`, state in `ConsoleState.verdict`), and the AI trainer's
 * review queue, turn labels and export (`review:*`, state in `ConsoleState.review`).
 */
export class ReviewClient {
  constructor(private readonly d: SubClientDeps) {}

  private patch(p: Partial<ReviewState> | ((r: ReviewState) => Partial<ReviewState>)) {
    this.d.update((s) => ({ ...s, review: { ...s.review, ...(typeof p === 'function' ? p(s.review) : p) } }));
  }

  private patchOpen(sessionId: string, p: Partial<OpenReview> | ((o: OpenReview) => Partial<OpenReview>)) {
    this.patch((r) => (r.open?.sessionId === sessionId ? { open: { ...r.open, ...(typeof p === 'function' ? p(r.open) : p) } } : {}));
  }

  // --- wrap-up verdict (workers and supervisors) ---------------------------------------

  /**
   * Sends the verdict on the handoff of the session that just ended (`ended`); a later call
   * replaces it. @returns true when saved.
   */
  async submitVerdict(verdict: VerdictInput): Promise<boolean> {
    const s = this.d.getState();
    const sessionId = s.ended?.session.id;
    if (!sessionId || (s.verdict?.sessionId === sessionId && s.verdict.status === 'sending')) return false;
    const set = (v: NonNullable<typeof s.verdict>) => this.d.update((st) => (st.ended?.session.id === sessionId ? { ...st, verdict: v } : st));
    set({ sessionId, status: 'sending', error: null });
    try {
      await this.d.req('session:verdict', { sessionId, verdict });
      set({ sessionId, status: 'sent', error: null });
      return true;
    } catch (err) {
      set({ sessionId, status: 'error', error: errorMessage(err, 'errors.internal') });
      return false;
    }
  }

  // --- the trainers' review ------------------------------------------------------------

  /** Loads the review queue (sampled AI-only conversations and flagged ones), newest first. */
  async loadQueue(): Promise<void> {
    this.patch((r) => ({ queue: { ...r.queue, status: 'loading', error: null } }));
    try {
      const { items, sampleRatePercent } = await this.d.req('review:queue', {}, 20_000);
      this.patch({ queue: { status: 'ready', items, sampleRatePercent, error: null } });
    } catch (err) {
      this.patch((r) => ({ queue: { ...r.queue, status: 'error', error: errorMessage(err, 'errors.internal') } }));
    }
  }

  /** Opens a conversation: its redacted turns, what the system did, the worker's verdict. */
  async openSession(sessionId: string): Promise<void> {
    this.patch({ open: { sessionId, status: 'loading', turns: [], verdict: null, why: [], error: null }, result: null });
    try {
      const { turns, verdict, why } = await this.d.req('review:session', { sessionId });
      this.patchOpen(sessionId, { status: 'ready', turns, verdict, why, error: null });
    } catch (err) {
      this.patchOpen(sessionId, { status: 'error', error: errorMessage(err, 'errors.internal') });
    }
  }

  closeSession(): void {
    this.patch({ open: null, result: null });
  }

  /**
   * Labels a turn of the open conversation (replaces its earlier label); `reason` only with
   * `should_escalate`. The turn and the queue's labelled count follow. @returns true when saved.
   */
  async label(entryId: string, label: TurnLabel, reason?: ReasonCode): Promise<boolean> {
    const { open, labelling } = this.d.getState().review;
    if (!open || open.status !== 'ready' || labelling) return false;
    const sessionId = open.sessionId;
    const withReason = label === 'should_escalate' && reason ? { reason } : {};
    this.patch({ labelling: entryId, result: null });
    try {
      await this.d.req('review:label', { sessionId, entryId, label, ...withReason });
      const wasNew = open.turns.find((t) => t.entryId === entryId)?.label === null;
      this.patchOpen(sessionId, (o) => ({ turns: o.turns.map((t) => (t.entryId === entryId ? { ...t, label, labelReason: withReason.reason ?? null } : t)) }));
      this.patch((r) => ({
        labelling: null,
        result: { ok: true, scope: 'label', key: 'review.labelSaved' },
        queue: wasNew ? { ...r.queue, items: r.queue.items.map((i) => (i.sessionId === sessionId ? { ...i, labelled: i.labelled + 1 } : i)) } : r.queue,
      }));
      return true;
    } catch (err) {
      this.patch({ labelling: null, result: { ok: false, scope: 'label', ...errorMessage(err, 'errors.internal') } });
      return false;
    }
  }

  /** Downloads the labelled conversations as `review-labels.jsonl` (escalation evaluation format). */
  async exportLabels(): Promise<boolean> {
    if (this.d.getState().review.exporting) return false;
    this.patch({ exporting: true, result: null });
    try {
      const { jsonl, conversations } = await this.d.req('review:export', {}, 30_000);
      this.d.saveFile(new Blob([jsonl], { type: 'application/x-ndjson' }), REVIEW_EXPORT_FILENAME);
      this.patch({ exporting: false, result: { ok: true, scope: 'export', key: 'review.exported', params: { count: conversations } } });
      return true;
    } catch (err) {
      this.patch({ exporting: false, result: { ok: false, scope: 'export', ...errorMessage(err, 'errors.internal') } });
      return false;
    }
  }
}
