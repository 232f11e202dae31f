import type { Kysely } from 'kysely';
import { LANGUAGES, type HandoffVerdict, type KbContentInput, type ReasonCode, type TurnLabel } from '@telekiosk/shared';
import type { DatabaseSchema } from '../db/schema.ts';
import { OrchestratorError } from '../errors.ts';
import { clusterQuestions, unansweredQuestions } from '../knowledge/gaps.ts';
import type { KnowledgeService } from '../knowledge/knowledgeService.ts';
import type { ReviewService } from '../knowledge/review.ts';

const DAY_MS = 86_400_000;

/** What the knowledge and review handlers need. */
export interface KnowledgeDeps {
  knowledge: KnowledgeService;
  review: ReviewService;
  db: Kysely<DatabaseSchema>;
  now?: () => number;
}

/** Longest keyword made from a visitor question (`kb:gap-draft`), characters. */
const KEYWORD_MAX = 80;
/** Longest example question kept from a visitor question (`kb:gap-draft`), characters. */
const QUESTION_MAX = 300;

/**
 * Handlers of the knowledge editor's, the AI trainer's and the wrap-up verdict requests
 * (`knowledgeConsoleRequests` in packages/shared); roles are checked by the namespace from the
 * protocol definitions before these run. `workerId` is the caller.
 */
export function knowledgeHandlers(deps: KnowledgeDeps, workerId: string) {
  const actor = `worker:${workerId}`;
  const now = () => (deps.now ? deps.now() : Date.now());
  const gaps = async (days: number) => clusterQuestions(await unansweredQuestions(deps.db, new Date(now() - days * DAY_MS)));
  return {
    'kb:list': async () => ({ articles: await deps.knowledge.list(), languages: [...LANGUAGES] }),
    'kb:article': async (p: { articleId: string }) => ({ versions: await deps.knowledge.versions(p.articleId) }),
    'kb:save': async (p: { articleId: string; baseVersion: number | null; category: string; department: string; content: KbContentInput }) => ({ version: await deps.knowledge.save(actor, p) }),
    'kb:submit': async (p: { articleId: string; version: number }) => ({ version: await deps.knowledge.submit(actor, p.articleId, p.version) }),
    'kb:publish': async (p: { articleId: string; version: number }) => ({ version: await deps.knowledge.publish(actor, p.articleId, p.version) }),
    'kb:retire': async (p: { articleId: string }) => ({ version: await deps.knowledge.retire(actor, p.articleId) }),
    'kb:export': async () => ({ file: await deps.knowledge.exportFile(actor) }),
    'kb:import': (p: { file: string }) => deps.knowledge.importFile(actor, p.file),
    'kb:gaps': async (p: { days: number }) => ({ gaps: await gaps(p.days) }),
    'kb:gap-draft': async (p: { gapId: string; articleId: string; days: number }) => {
      const gap = (await gaps(p.days)).find((g) => g.id === p.gapId);
      if (!gap) throw new OrchestratorError('not_found', `gapId: no knowledge gap ${p.gapId} in the last ${p.days} days`);
      const [first] = gap.examples;
      const keywords = [...new Set(gap.examples.map((e) => e.trim().slice(0, KEYWORD_MAX)).filter(Boolean))];
      // The visitors' questions themselves (redacted) become the article's example questions.
      const questions = [...new Set(gap.examples.map((e) => e.trim().slice(0, QUESTION_MAX)).filter(Boolean))];
      const answer = `Draft from a knowledge gap: visitors asked this ${gap.count} times (${gap.escalations} escalations). Write the answer here.`;
      return {
        version: await deps.knowledge.save(actor, {
          articleId: p.articleId,
          baseVersion: null,
          category: 'general',
          department: 'general',
          content: { [gap.language]: { title: first!.slice(0, 200), answer, keywords, questions } } as KbContentInput,
        }),
      };
    },
    'session:verdict': async (p: { sessionId: string; verdict: HandoffVerdict }) => {
      await deps.review.giveVerdict(workerId, p.sessionId, p.verdict);
      return {};
    },
    'review:queue': async (p: { days: number; limit: number }) => ({ items: await deps.review.queue(p.days, p.limit), sampleRatePercent: deps.review.sampleRatePercent }),
    'review:session': (p: { sessionId: string }) => deps.review.session(workerId, p.sessionId),
    'review:label': async (p: { sessionId: string; entryId: string; label: TurnLabel; reason?: ReasonCode }) => {
      await deps.review.label(workerId, p);
      return {};
    },
    'review:export': () => deps.review.exportJsonl(workerId),
  };
}
