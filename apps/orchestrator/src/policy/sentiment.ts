/**
 * Lexicon sentiment of one visitor utterance: a score in -1..1 from the sentiment cues found by
 * `findCues`, plus typographic signals (shouting in capitals, repeated exclamation marks).
 * Deterministic; no model. Weights are chosen so that one strong cue (anger, distress, a
 * city's own phrase) reaches the default escalation threshold of 0.5 and mild words need two.
 */
import type { CueHit } from './cues.ts';

/** Weight of each sentiment cue category (negative values lower the score). */
export const SENTIMENT_WEIGHTS: Readonly<Record<string, number>> = {
  negative: -0.3,
  anger: -0.6,
  distress: -0.6,
  profanity: -0.5,
  /** Policy `extraPhrases.<lang>.negative_sentiment`. */
  custom: -0.6,
  positive: 0.3,
};
/** Weight of "that did not help" feedback (counts as mild negativity). */
export const FEEDBACK_WEIGHT = -0.3;
/** Extra negativity for shouting (a Latin-script text of 3+ words, nearly all capitals). */
export const SHOUTING_WEIGHT = -0.3;
/** Extra negativity for 2+ exclamation marks when the text already has a negative cue. */
export const EXCLAMATION_WEIGHT = -0.2;
/**
 * Factor on anger and distress cues in a turn that laughs (哈哈, 笑, ｗｗ, ㅋㅋ, lol, haha, jaja,
 * kkk, mdr, 😂, 😆; not 呵呵, often sarcasm, nor 😅): "哈哈这个队排得我快崩溃了" is a joke about the queue, not distress (dev5,
 * 2026-12-06). One such cue then stays below the escalation threshold; two, or one with
 * shouting or profanity, still reach it.
 */
export const LAUGHTER_FACTOR = 0.5;
/** Laughter markers in the eight languages (written or transcribed). */
export const LAUGHTER = /哈哈|（笑）|\(笑\)|笑笑|(?<![\p{Script=Latin}.])[ｗw]{3,}(?![\p{Script=Latin}.])|ㅋㅋ|ㅎㅎ|\b(?:lol|lmao|haha\w*|hehe\w*|jaja\w*|jeje\w*|kkk+|rsrs\w*|hahah\w*|mdr|ptdr|xd)\b|😂|🤣|😆/iu;

/** Scores at or below this are labelled `negative`; at or above its opposite, `positive`. */
export const SENTIMENT_LABEL_CUTOFF = 0.25;

/** Sentiment of one utterance. */
export interface Sentiment {
  /** -1 (very negative) .. 1 (very positive), 2 decimals. */
  score: number;
  label: 'negative' | 'neutral' | 'positive';
  /** The cues behind the score, e.g. `anger "ridiculous"`, `shouting`. */
  cues: string[];
  /** Strong cue kinds present (`anger`, `distress`, `profanity`, `shouting`), for flags. */
  strong: string[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function shouting(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{Script=Latin}{3,}/u.test(w));
  if (words.length < 3) return false;
  const letters = [...text].filter((c) => /\p{Script=Latin}/u.test(c));
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  return upper / letters.length >= 0.8;
}

/**
 * Scores `text` from its cue hits. Each sentiment category counts at most twice (distinct
 * phrases), "did not help" feedback once; the sum of weights is clamped to -1..1.
 */
export function scoreSentiment(text: string, hits: readonly CueHit[]): Sentiment {
  const counted = new Map<string, Set<string>>();
  const cues: string[] = [];
  let sum = 0;
  const add = (category: string, phrase: string, weight: number) => {
    const seen = counted.get(category) ?? new Set<string>();
    if (seen.has(phrase) || seen.size >= (category === 'feedback' ? 1 : 2)) return;
    seen.add(phrase);
    counted.set(category, seen);
    sum += weight;
    cues.push(`${category} "${phrase}"`);
  };
  const laughing = LAUGHTER.test(text);
  for (const h of hits) {
    if (h.kind === 'sentiment') add(h.category, h.phrase, (SENTIMENT_WEIGHTS[h.category] ?? 0) * (laughing && (h.category === 'anger' || h.category === 'distress') ? LAUGHTER_FACTOR : 1));
    else if (h.kind === 'negativeFeedback') add('feedback', h.phrase, FEEDBACK_WEIGHT);
  }
  const strong = ['anger', 'distress', 'profanity', 'custom'].filter((c) => counted.has(c));
  if (shouting(text)) {
    sum += SHOUTING_WEIGHT;
    cues.push('shouting (capitals)');
    strong.push('shouting');
  }
  if (sum < 0 && (text.match(/[!！]/g)?.length ?? 0) >= 2) {
    sum += EXCLAMATION_WEIGHT;
    cues.push('repeated "!"');
  }
  const score = round2(Math.max(-1, Math.min(1, sum)));
  const label = score <= -SENTIMENT_LABEL_CUTOFF ? 'negative' : score >= SENTIMENT_LABEL_CUTOFF ? 'positive' : 'neutral';
  return { score, label, cues, strong };
}
