/**
 * Extractive transcript summary for the human handoff package. Pure; no model involved.
 */
import { DEFAULT_MIN_SCORE, type KnowledgeBase } from './knowledgeBase.ts';
import { findLexiconMatch, languageOrder, stripLexicon, type LexiconCategory } from './lexicon.ts';
import { packFor, type Lang } from './lexicon/index.ts';
import { analyze } from './text.ts';

/** One transcript line, oldest first. */
export interface TranscriptEntry {
  role: 'visitor' | 'assistant';
  text: string;
}

/** Longest quote kept per question in a summary, in characters (longer text ends with "…"). */
export const SUMMARY_QUOTE_MAX = 140;

const FILLER: readonly LexiconCategory[] = ['greeting', 'thanks', 'affirm', 'decline', 'requestPerson', 'negativeFeedback'];

/** Clips `text` to `max` characters (by code point) with an ellipsis. */
export function clip(text: string, max = SUMMARY_QUOTE_MAX): string {
  const chars = Array.from(text.trim().replace(/\s+/g, ' '));
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * True if a visitor utterance asks something, i.e. content words remain after removing
 * greetings, thanks, yes/no, requests for a person and complaints (in the language whose
 * pattern matched, else `language`).
 */
export function isSubstantive(text: string, language: Lang): boolean {
  const hit = FILLER.map((c) => findLexiconMatch(text, c, languageOrder(language))).find(Boolean);
  const lang = hit?.lang ?? language;
  const residual = hit ? stripLexicon(text, lang, FILLER) : text;
  return analyze(residual, packFor(lang)).units.length > 0;
}

/**
 * Short extractive summary of a conversation, labelled in `language` (labels come from the
 * language pack's `replies.summary`), one line each:
 * - first substantive visitor question (quoted, clipped to {@link SUMMARY_QUOTE_MAX} chars),
 * - the latest substantive question, if different,
 * - topics: titles (in `language`) of the knowledge-base articles matched by the questions,
 *   only when `kb` is given, and only hits scoring at least `minScore` (default
 *   `DEFAULT_MIN_SCORE`).
 * With no substantive question, returns the localized "no specific question yet" line.
 */
export function summarizeTranscript(
  entries: readonly TranscriptEntry[],
  language: Lang,
  kb?: KnowledgeBase,
  minScore = DEFAULT_MIN_SCORE,
): string {
  const labels = packFor(language).replies.summary;
  const questions = entries
    .filter((e) => e.role === 'visitor' && e.text.trim() && isSubstantive(e.text, language))
    .map((e) => e.text);
  if (questions.length === 0) return labels.none;
  const first = questions[0]!;
  const last = questions.at(-1)!;
  const lines = [`${labels.first}: "${clip(first)}"`];
  if (questions.length > 1 && last.trim() !== first.trim()) lines.push(`${labels.latest}: "${clip(last)}"`);
  if (kb) {
    const topics = new Set<string>();
    for (const q of questions) {
      const top = kb.searchWithFallback(q, language, minScore, 1).hits[0];
      if (top && top.score >= minScore) topics.add(top.article.content[language].title);
    }
    if (topics.size) lines.push(`${labels.topics}: ${[...topics].join(labels.listSeparator)}`);
  }
  return lines.join('\n');
}
