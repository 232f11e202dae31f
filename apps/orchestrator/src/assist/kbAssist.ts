import type { AssistSuggestion, Language } from '@telekiosk/shared';
import type { KnowledgeBase } from '../intake/knowledgeBase.ts';
import { isLang, type Lang } from '../intake/lexicon/index.ts';

/** Produces reply suggestions for a visitor utterance during a call. */
export interface AssistEngine {
  /**
   * @param text the visitor's utterance (original language)
   * @param visitorLanguage language of `text`
   * @param workerLanguages languages the worker reads, in preference order
   * @returns up to 3 suggestions, best first; empty when nothing relevant
   */
  suggest(text: string, visitorLanguage: Language, workerLanguages: Language[]): Promise<AssistSuggestion[]>;
}

/** Minimum knowledge-base score (0..1) for a suggestion; the intake engine answers from 0.65, assist shows weaker hits too. */
export const MIN_ASSIST_SCORE = 0.4;

/**
 * Agent assist from the knowledge base (the embedded default): searches in the visitor's
 * language (English for languages the knowledge base lacks) and offers each hit's answer in
 * the worker's first language the knowledge base has.
 */
export class KbAssist implements AssistEngine {
  constructor(private readonly kb: KnowledgeBase) {}

  async suggest(text: string, visitorLanguage: Language, workerLanguages: Language[]): Promise<AssistSuggestion[]> {
    const searchLang: Lang = isLang(visitorLanguage) ? visitorLanguage : 'en';
    const replyLang: Lang = workerLanguages.find((l): l is Lang => isLang(l)) ?? searchLang;
    return this.kb
      .search(text, searchLang, 3)
      .filter((h) => h.score >= MIN_ASSIST_SCORE)
      .map((h) => {
        const content = h.article.content[replyLang];
        return {
          id: `kb:${h.article.id}`,
          text: content.answer,
          language: replyLang,
          source: 'kb' as const,
          article: { id: h.article.id, title: content.title },
          score: Math.round(h.score * 100) / 100,
        };
      });
  }
}
