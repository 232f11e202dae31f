import type { HandoffVerdict, KbArticleSummary, KbArticleVersion, KnowledgeGap, ReviewItem, ReviewTurn, ReviewWhy } from '@telekiosk/shared';
import type { UiMessage } from './state.ts';

/**
 * State of the screens of the people who make the AI better: the knowledge editor (articles,
 * versions, gaps, import and export), the AI trainer's review, and the worker's handoff verdict at
 * wrap-up. Requests live in knowledgeClient.ts and reviewClient.ts.
 */

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The article open in the knowledge editor. */
export interface OpenArticle {
  articleId: string;
  status: 'loading' | 'ready' | 'error';
  /** Every version, newest first; empty for a new article that is not saved yet. */
  versions: KbArticleVersion[];
  /** A new article (nothing saved yet): saving creates it (`baseVersion: null`). */
  isNew: boolean;
  error: UiMessage | null;
}

/** An editor action in flight (one at a time). */
export type KbAction = 'save' | 'submit' | 'publish' | 'retire' | 'import' | 'export' | 'gapDraft';

/**
 * Outcome of the last knowledge action, shown where it was taken (`scope`): the editor, the file
 * actions (import/export) or the gaps panel. `conflict`: someone else changed the article: reload.
 */
export interface KbResult extends UiMessage {
  ok: boolean;
  scope: 'editor' | 'file' | 'gaps';
  conflict?: boolean;
}

export interface KnowledgeState {
  list: { status: LoadStatus; articles: KbArticleSummary[]; error: UiMessage | null };
  open: OpenArticle | null;
  gaps: { status: LoadStatus; items: KnowledgeGap[]; days: number; error: UiMessage | null };
  pending: KbAction | null;
  result: KbResult | null;
  /** What the last import drafted (ids to open) and how many articles it left unchanged. */
  imported: { drafted: string[]; unchanged: number } | null;
}

/** The conversation open on the review screen. */
export interface OpenReview {
  sessionId: string;
  status: 'loading' | 'ready' | 'error';
  turns: ReviewTurn[];
  /** The worker's verdict on the handoff, when one was given. */
  verdict: HandoffVerdict | null;
  why: ReviewWhy[];
  error: UiMessage | null;
}

export interface ReviewState {
  queue: { status: LoadStatus; items: ReviewItem[]; sampleRatePercent: number | null; error: UiMessage | null };
  open: OpenReview | null;
  /** Entry whose label is being saved. */
  labelling: string | null;
  exporting: boolean;
  /** Outcome of the last label or export (`scope`), shown beside it. */
  result: (UiMessage & { ok: boolean; scope: 'label' | 'export' }) | null;
}

/** The worker's verdict on the handoff of the session that just ended (wrap-up). */
export interface VerdictState {
  sessionId: string;
  status: 'sending' | 'sent' | 'error';
  error: UiMessage | null;
}

export const idleKnowledge: KnowledgeState = {
  list: { status: 'idle', articles: [], error: null },
  open: null,
  gaps: { status: 'idle', items: [], days: 30, error: null },
  pending: null,
  result: null,
  imported: null,
};

export const idleReview: ReviewState = {
  queue: { status: 'idle', items: [], sampleRatePercent: null, error: null },
  open: null,
  labelling: null,
  exporting: false,
  result: null,
};
