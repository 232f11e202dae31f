import { z } from 'zod';
import { defineRequest, Empty } from './ack.ts';
import { cleanText, IsoTime, Language, LANGUAGES, Uuid } from '../common.ts';
import { ReasonCode } from '../records.ts';

/**
 * The people who make the AI better: knowledge editors manage the knowledge base (articles in the
 * database with versions), workers give every handoff a verdict at wrap-up, AI trainers review
 * conversations and label turns, and editors turn knowledge gaps into draft articles.
 * Console requests here are merged into `consoleRequests`.
 */

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Article ids, categories and departments: kebab-case, 1-64 characters (e.g. `office-hours`). */
export const KbSlug = z.string().max(64).regex(KEBAB, 'must be kebab-case (a-z, 0-9 and single dashes)');

/**
 * Category of a "handled elsewhere" article: a matter the office does not handle (passports,
 * visas, the police...). Its answer says where to go; the escalation policy still counts the
 * question as unanswered here, so a visitor who keeps needing it is handed to a person.
 */
export const KB_HANDLED_ELSEWHERE_CATEGORY = 'handled-elsewhere';

/** The language an article is written in first; translations are compared with it. */
export const KB_SOURCE_LANGUAGE = 'en' as const;

/** An article's text in one language, as an editor writes it. */
export const KbLocalizedInput = z.object({
  title: z.string().transform(cleanText).pipe(z.string().trim().min(1, 'title must not be empty').max(200)),
  answer: z.string().transform(cleanText).pipe(z.string().trim().min(1, 'answer must not be empty').max(4000)),
  /** Search synonyms the visitor may use; at least one. */
  keywords: z.array(z.string().transform(cleanText).pipe(z.string().trim().min(1).max(80))).min(1, 'at least one keyword').max(80),
  /**
   * Questions as visitors ask them ("I just had a baby, what do I do?"), 0-100 of at most 300
   * characters: the assistant also searches these, so an article is found in visitors' words, not
   * only in its own. Optional (default none).
   */
  questions: z.array(z.string().transform(cleanText).pipe(z.string().trim().min(1).max(300))).max(100, 'at most 100 example questions').optional(),
});
export type KbLocalizedInput = z.infer<typeof KbLocalizedInput>;

/** An article's text in one language as stored: `editedAt` is when this language's text last changed. */
export const KbLocalized = KbLocalizedInput.extend({ editedAt: IsoTime });
export type KbLocalized = z.infer<typeof KbLocalized>;

/** Per-language content; any language may be missing in a draft (the source language is needed to publish). */
export const KbContentInput = z.partialRecord(Language, KbLocalizedInput).refine((c) => Object.keys(c).length > 0, 'content needs at least one language');
export type KbContentInput = z.infer<typeof KbContentInput>;
export const KbContent = z.partialRecord(Language, KbLocalized);
export type KbContent = z.infer<typeof KbContent>;

/**
 * Life of an article version: `draft` (being edited) -> `review` (submitted) -> `published` (the
 * assistant answers from it; at most one per article) -> `retired` (replaced by a newer published
 * version, or withdrawn).
 */
export const KbStatus = z.enum(['draft', 'review', 'published', 'retired']);
export type KbStatus = z.infer<typeof KbStatus>;

/** One version of an article. */
export const KbArticleVersion = z.object({
  articleId: KbSlug,
  /** 1, 2, ... per article. */
  version: z.number().int().positive(),
  status: KbStatus,
  category: KbSlug,
  /** Department queue a visitor asking about this is routed to. */
  department: KbSlug,
  content: KbContent,
  createdBy: z.string(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  publishedAt: IsoTime.nullable(),
});
export type KbArticleVersion = z.infer<typeof KbArticleVersion>;

/**
 * State of one translation against the source language: `current`, `missing`, or `stale` (its text
 * was last edited before the source's text, so it may not say the same any more).
 */
export const KbTranslationState = z.enum(['current', 'missing', 'stale']);
export type KbTranslationState = z.infer<typeof KbTranslationState>;

/** An article in the editor's list: its newest version and its published one. */
export const KbArticleSummary = z.object({
  id: KbSlug,
  category: KbSlug,
  department: KbSlug,
  /** Title in the source language (or the first language there is). */
  title: z.string(),
  /** Published version number, null when none is published. */
  published: z.number().int().positive().nullable(),
  /** Newest version and its status. */
  latest: z.object({ version: z.number().int().positive(), status: KbStatus, updatedAt: IsoTime }),
  /** Translation state of the newest version, for every conversation language. */
  translations: z.record(Language, KbTranslationState),
});
export type KbArticleSummary = z.infer<typeof KbArticleSummary>;

/**
 * The knowledge-base file (`apps/orchestrator/data/knowledge-base.json`, import and export):
 * `{ version: 1, office, articles: [{ id, category, department, content: { <lang>: { title, answer, keywords, questions? } } }] }`.
 * Import accepts articles with some languages missing (they become drafts).
 */
export const KbFile = z.object({
  version: z.literal(1),
  office: z.string().trim().min(1).max(200),
  articles: z
    .array(z.object({ id: KbSlug, category: KbSlug, department: KbSlug, content: KbContentInput }))
    .max(2000)
    .superRefine((articles, ctx) => {
      const seen = new Set<string>();
      articles.forEach((a, i) => {
        if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate article id "${a.id}"`, path: [i, 'id'] });
        seen.add(a.id);
      });
    }),
});
export type KbFile = z.infer<typeof KbFile>;

/** A cluster of visitor questions the assistant could not answer (similar wording grouped). */
export const KnowledgeGap = z.object({
  /** Stable id of the cluster (hash of its first question), for `kb:gap-draft`. */
  id: z.string(),
  /** Language of most questions in the cluster. */
  language: Language,
  /** Up to 5 example questions, personal data redacted; the first is the most typical. */
  examples: z.array(z.string()),
  /** Unanswered questions in the cluster (count). */
  count: z.number().int().nonnegative(),
  /** Sessions among them that were escalated to a person afterwards (count). */
  escalations: z.number().int().nonnegative(),
  lastAt: IsoTime,
});
export type KnowledgeGap = z.infer<typeof KnowledgeGap>;

/**
 * A worker's verdict on a handoff they received, given at wrap-up in one or two clicks.
 * `escalation`: the handoff was right, should have happened earlier, or was unnecessary (the AI
 * could have finished). `answers`: whether the AI's answers before the handoff were right; when
 * wrong, `wrongEntryIds` names the assistant lines. `package`: whether the handoff package was
 * enough; when not, `missing` says what.
 */
export const HandoffVerdict = z.object({
  escalation: z.enum(['right', 'earlier', 'unnecessary']),
  answers: z.enum(['right', 'wrong', 'none']).default('none'),
  wrongEntryIds: z.array(Uuid).max(50).default([]),
  package: z.enum(['enough', 'missing']).default('enough'),
  missing: z.string().transform(cleanText).pipe(z.string().trim().max(500)).optional(),
});
export type HandoffVerdict = z.infer<typeof HandoffVerdict>;

/** Why a conversation is in the trainers' review queue. */
export const ReviewWhy = z.enum(['sample', 'low_csat', 'repeated_question', 'abandoned_wait', 'verdict_unnecessary', 'verdict_earlier', 'verdict_wrong_answer']);
export type ReviewWhy = z.infer<typeof ReviewWhy>;

/** A conversation waiting for (or done with) a trainer's review. */
export const ReviewItem = z.object({
  sessionId: Uuid,
  language: Language,
  createdAt: IsoTime,
  why: z.array(ReviewWhy).min(1),
  escalated: z.boolean(),
  /** CSAT rating 1..5, null when not given. */
  rating: z.number().int().min(1).max(5).nullable(),
  /** Turns labelled so far. */
  labelled: z.number().int().nonnegative(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

/**
 * A trainer's label on one turn: a visitor turn `should_escalate` (with the reason a correct
 * decision names) or `should_not_escalate`; an assistant turn `correct`, `wrong_answer` or
 * `knowledge_gap` (nothing in the knowledge base answers it).
 */
export const TurnLabel = z.enum(['should_escalate', 'should_not_escalate', 'correct', 'wrong_answer', 'knowledge_gap']);
export type TurnLabel = z.infer<typeof TurnLabel>;

/** One turn as trainers see it: personal data redacted, with what the system did there. */
export const ReviewTurn = z.object({
  entryId: Uuid,
  seq: z.number().int().positive(),
  speaker: z.enum(['visitor', 'assistant', 'worker', 'supervisor', 'system']),
  /** Text with personal data redacted (`[email]`, `[phone]`...). */
  text: z.string(),
  language: Language,
  /** Escalation reasons decided at this visitor turn, if any. */
  escalatedFor: z.array(ReasonCode),
  /** Article and version the assistant answered from (assistant turns). */
  article: z.object({ id: z.string(), version: z.number().int().positive().nullable() }).nullable(),
  label: TurnLabel.nullable(),
  labelReason: ReasonCode.nullable(),
});
export type ReviewTurn = z.infer<typeof ReviewTurn>;

/**
 * Largest knowledge-base file one `kb:import` takes (bytes of UTF-8): it travels in one socket.io
 * message, and the orchestrator accepts messages up to 1.2 MiB (utterances). The bundled file of
 * 25 articles in 8 languages is about 124 kB.
 */
export const KB_IMPORT_MAX_BYTES = 1_000_000;

/** Console requests of the people who make the AI better. */
export const knowledgeConsoleRequests = {
  /** Every article, newest version first (editors; supervisors read). */
  'kb:list': defineRequest(Empty, z.object({ articles: z.array(KbArticleSummary), languages: z.array(Language) }), ['editor', 'supervisor']),
  /** Every version of one article, newest first. */
  'kb:article': defineRequest(z.object({ articleId: KbSlug }), z.object({ versions: z.array(KbArticleVersion).min(1) }), ['editor', 'supervisor']),
  /**
   * Save a draft: updates the article's newest version when it is a draft (`baseVersion` must be
   * that version, so two editors do not overwrite each other: `conflict` otherwise), or starts a
   * new draft version from the newest one. `baseVersion: null` creates a new article.
   */
  'kb:save': defineRequest(
    z.object({ articleId: KbSlug, baseVersion: z.number().int().positive().nullable(), category: KbSlug, department: KbSlug, content: KbContentInput }),
    z.object({ version: KbArticleVersion }),
    ['editor'],
  ),
  /** Submit a draft for review. */
  'kb:submit': defineRequest(z.object({ articleId: KbSlug, version: z.number().int().positive() }), z.object({ version: KbArticleVersion }), ['editor']),
  /**
   * Publish a draft or reviewed version: the assistant answers from it at once (every node); the
   * previously published version is retired. Needs the source language ({@link KB_SOURCE_LANGUAGE}).
   */
  'kb:publish': defineRequest(z.object({ articleId: KbSlug, version: z.number().int().positive() }), z.object({ version: KbArticleVersion }), ['editor']),
  /** Withdraw the published version: the assistant stops answering from the article. */
  'kb:retire': defineRequest(z.object({ articleId: KbSlug }), z.object({ version: KbArticleVersion }), ['editor']),
  /** Every published article as a knowledge-base file (for bulk edits). */
  'kb:export': defineRequest(Empty, z.object({ file: KbFile }), ['editor']),
  /**
   * Import a knowledge-base file: each article whose content differs from its newest version
   * becomes a new draft (nothing is published by an import). `file` is the JSON text.
   */
  'kb:import': defineRequest(
    z.object({ file: z.string().min(2).refine((f) => new TextEncoder().encode(f).length <= KB_IMPORT_MAX_BYTES, `must be at most ${KB_IMPORT_MAX_BYTES} bytes of UTF-8; split the file`) }),
    z.object({ drafted: z.array(KbSlug), unchanged: z.number().int().nonnegative() }),
    ['editor'],
  ),
  /** Questions the assistant could not answer in the last `days`, clustered, most frequent first. */
  'kb:gaps': defineRequest(z.object({ days: z.number().int().min(1).max(365).default(30) }), z.object({ gaps: z.array(KnowledgeGap) }), ['editor', 'supervisor']),
  /** Turn a knowledge gap into a draft article (title from the first question, keywords from all). */
  'kb:gap-draft': defineRequest(z.object({ gapId: z.string().min(1).max(64), articleId: KbSlug, days: z.number().int().min(1).max(365).default(30) }), z.object({ version: KbArticleVersion }), ['editor']),

  /** The verdict on a handoff I received (at wrap-up; once, later calls replace it). */
  'session:verdict': defineRequest(z.object({ sessionId: Uuid, verdict: HandoffVerdict }), Empty, ['worker', 'supervisor']),

  /** The trainers' review queue: sampled AI-only conversations and those flagged, newest first. */
  'review:queue': defineRequest(z.object({ days: z.number().int().min(1).max(365).default(30), limit: z.number().int().min(1).max(200).default(50) }), z.object({ items: z.array(ReviewItem), sampleRatePercent: z.number() }), ['trainer']),
  /** One conversation to review: redacted turns, what the system did, the worker's verdict. */
  'review:session': defineRequest(z.object({ sessionId: Uuid }), z.object({ turns: z.array(ReviewTurn), verdict: HandoffVerdict.nullable(), why: z.array(ReviewWhy) }), ['trainer']),
  /** Label one turn (replaces an earlier label). `reason` only with `should_escalate`. */
  'review:label': defineRequest(
    z.object({ sessionId: Uuid, entryId: Uuid, label: TurnLabel, reason: ReasonCode.optional() }).refine((l) => l.label === 'should_escalate' || !l.reason, { message: 'reason is only given with should_escalate', path: ['reason'] }),
    Empty,
    ['trainer'],
  ),
  /**
   * Labelled conversations in the escalation evaluation set's format (one JSON object per line:
   * `{ id, lang, expect, reason, tag, turns }`, see `apps/orchestrator/data/escalation-eval/README.md`),
   * personal data redacted.
   */
  'review:export': defineRequest(Empty, z.object({ jsonl: z.string(), conversations: z.number().int().nonnegative() }), ['trainer']),
} as const;

/** Every conversation language, in order (the knowledge editor's columns). */
export const KB_LANGUAGES = LANGUAGES;
