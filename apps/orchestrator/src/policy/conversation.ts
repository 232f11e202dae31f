/**
 * Conversation-level signals used by the policy: repeated questions and unanswered streaks.
 * Pure helpers over the turn list.
 */
import { matchForm } from '../intake/lexicon.ts';

/** The intake engine's answer to one visitor turn (the parts the policy reads). */
export interface IntakeAnswer {
  /** `kb:<articleId>`, `greeting`, `thanks`, `request_person`, `decline` or `unknown` (no KB match). */
  intent: string;
  /** 0..1. For `kb:*` the article score; for `unknown` the engine's certainty that nothing matched. */
  confidence: number;
  /** The engine's own hand-off decision for this turn, if any. */
  escalation: null | { reason: string; evidence: string };
  /** Department of the matched article, when known (used when no reason names a department). */
  department?: string | null;
  /**
   * Language of the knowledge base the engine searched. When given and it is not the visitor's
   * language, a miss says nothing about the question (the base has no text in that language), so
   * the turn does not count as unanswered.
   */
  kbLanguage?: string | null;
  /**
   * The reply the assistant gives to this turn (the engine's answer, a provider's, or a scripted
   * one in an evaluation), when known before it is said: the policy hands off instead of letting
   * the assistant repeat, word for word, the reply the visitor has just pushed back on.
   */
  reply?: string | null;
  /**
   * The answer is a "handled elsewhere" article (the office does not handle the matter; the reply
   * says where it is handled): the turn counts as unanswered for the out-of-scope streak.
   */
  handledElsewhere?: boolean;
  /**
   * For `unknown`: the id of the covered article the question is close to (a detail of a topic the
   * office handles that no article holds): the turn does not count as unanswered.
   */
  nearArticle?: string | null;
}

/** One transcript line given to the policy, oldest first. */
export interface PolicyTurn {
  role: 'visitor' | 'assistant';
  text: string;
  /** Transcript entry id (UUID), copied into the reasons this turn triggers. */
  entryId?: string | null;
  /** When the line was said, in ms since the epoch. */
  at?: number;
  /** The intake engine's answer to this visitor turn, when known (for unanswered streaks). */
  intake?: IntakeAnswer | null;
}

/** Minimum content tokens for two utterances to be compared as "the same question". */
export const MIN_REPEAT_TOKENS = 3;
/** Jaccard similarity of content tokens at or above which two questions are "the same". */
export const REPEAT_SIMILARITY = 0.8;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Content tokens for similarity: Latin-script words of 3+ letters; CJK character bigrams
 * (whitespace and punctuation removed).
 */
export function contentTokens(text: string): Set<string> {
  if (CJK.test(text)) {
    const chars = Array.from(matchForm(text, 'cjk'));
    const grams = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
    return grams;
  }
  return new Set(matchForm(text, 'spaced').split(' ').filter((w) => [...w].length >= 3));
}

/** Jaccard similarity of two token sets (0 when either has fewer than {@link MIN_REPEAT_TOKENS}). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size < MIN_REPEAT_TOKENS || b.size < MIN_REPEAT_TOKENS) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / (a.size + b.size - common);
}

/** The earlier visitor turn that `text` repeats (similarity >= {@link REPEAT_SIMILARITY}), if any. */
export function findRepeat(text: string, earlier: readonly PolicyTurn[]): PolicyTurn | undefined {
  const mine = contentTokens(text);
  return earlier.find((t) => t.role === 'visitor' && similarity(mine, contentTokens(t.text)) >= REPEAT_SIMILARITY);
}

/**
 * True if the intake could not answer: intent `unknown`, an article answer scoring below
 * `lowConfidence`, or a "handled elsewhere" article ({@link IntakeAnswer.handledElsewhere}); an
 * `unknown` near a covered article ({@link IntakeAnswer.nearArticle}) is not unanswered. False when there is no intake answer (nothing to judge), or when
 * `visitorLanguages` is given and the answer's `kbLanguage` is not among them.
 */
export function isUnanswered(answer: IntakeAnswer | null | undefined, lowConfidence: number, visitorLanguages?: readonly string[]): boolean {
  if (!answer) return false;
  if (answer.kbLanguage && visitorLanguages && !visitorLanguages.includes(answer.kbLanguage)) return false;
  if (answer.handledElsewhere) return true;
  if (answer.intent === 'unknown') return !answer.nearArticle;
  return answer.intent.startsWith('kb:') && answer.confidence < lowConfidence;
}

/**
 * Number of consecutive unanswered visitor turns ending with the last one. `lastAnswer`
 * overrides the last visitor turn's own `intake`. A question placed near a covered article right
 * after a "handled elsewhere" answer counts as unanswered too: it is a detail of the matter the
 * office does not handle ("my student residence permit expires, how do I renew it?" -> immigration
 * bureau; "and which documents does the website want?" read as near the residence certificate by
 * its generic words; dev10 fr-d10-e22, 2026-12-07).
 */
export function unansweredStreak(visitorTurns: readonly PolicyTurn[], lastAnswer: IntakeAnswer | null | undefined, lowConfidence: number, visitorLanguages?: readonly string[]): number {
  const answerAt = (i: number) => (i === visitorTurns.length - 1 ? (lastAnswer ?? visitorTurns[i]!.intake) : visitorTurns[i]!.intake);
  let streak = 0;
  for (let i = visitorTurns.length - 1; i >= 0; i--) {
    const answer = answerAt(i);
    const afterElsewhere = i > 0 && answer?.intent === 'unknown' && !!answer.nearArticle && !!answerAt(i - 1)?.handledElsewhere && isUnanswered(answerAt(i - 1), lowConfidence, visitorLanguages);
    if (!afterElsewhere && !isUnanswered(answer, lowConfidence, visitorLanguages)) break;
    streak++;
  }
  return streak;
}

/**
 * The assistant's reply that its latest reply repeats (same text after normalisation, or content
 * similarity >= {@link REPEAT_SIMILARITY}), among the two assistant lines before `index`; undefined
 * if the assistant did not repeat itself.
 */
export function assistantRepeat(turns: readonly PolicyTurn[], index: number): PolicyTurn | undefined {
  const replies = turns.slice(0, Math.max(index, 0)).filter((t) => t.role === 'assistant');
  const [a, b] = [replies.at(-2), replies.at(-1)];
  if (!a || !b) return undefined;
  return sameReply(a.text, b.text) ? a : undefined;
}

/**
 * True when two assistant replies say the same thing: the same text after folding case, width
 * and punctuation, or content-word similarity of at least {@link REPEAT_SIMILARITY}.
 */
export function sameReply(a: string, b: string): boolean {
  return matchForm(a, 'cjk') === matchForm(b, 'cjk') || similarity(contentTokens(a), contentTokens(b)) >= REPEAT_SIMILARITY;
}

/**
 * A turn opening with a bare "no" that pushes back on the reply before it, per language:
 * English "no"/"nope"/"nah" before more words ("no the green bin collection day for ash grove
 * road"); Spanish, Portuguese "no,"/"não," only with a comma or stop (a bare "no" there negates
 * the verb after it: "No tengo el volante"); French "non", German "nein"/"nee", Japanese
 * いや/いいえ/違, Korean 아니/아뇨, Chinese 不是/不对. The policy reads it as pushback only when the
 * assistant is about to give the same reply again (`evaluate.ts`). Chosen on dev8 en-d8-e21 (2026-12-07).
 */
const OPENS_WITH_NO: Record<string, RegExp> = {
  en: /^\s*(?:no|nope|nah)\b[\s,.!-]+\S/iu,
  es: /^\s*no\s*[,.!;]\s*\S/iu,
  pt: /^\s*n[ãa]o\s*[,.!;]\s*\S/iu,
  fr: /^\s*non\b[\s,.!-]+\S/iu,
  de: /^\s*(?:nein|nee|ne)\b[\s,.!-]+\S/iu,
  ja: /^\s*(?:いや|いいえ|違う|ちがう|違います|そうじゃなく)/u,
  ko: /^\s*(?:아니|아뇨)/u,
  zh: /^\s*(?:不是|不对|不對)/u,
};

/** True when `text` opens with a "no" that pushes back on the previous reply ({@link OPENS_WITH_NO}), in `lang`. */
export function opensWithNo(text: string, lang: string): boolean {
  return OPENS_WITH_NO[lang]?.test(text) ?? false;
}

/**
 * "No need", "it's fine", "いえいえ、そこまでじゃない", "não precisa não": the visitor turns down what
 * the assistant has just asked or offered (usually a person), in any of the eight languages, within
 * the first words of the turn. Matched on the lower-cased text.
 */
const DECLINE_OPENING = new RegExp(
  '^[\\s,.!¡¿]*(?:(?:no|non|nein|nee|n[ãa]o|nah|nope|qu[eé] va|いえいえ|いえ|いいえ|いや|아니요|아뇨|아니|不|不了)[\\s,.!、。，]*){0,3}' +
    '(?:no hace falta|no es necesario|no gracias|no se preocupe|no te preocupes|est[aá] bien|n[ãa]o precisa|n[ãa]o [ée] preciso|n[ãa]o,? obrigad[oa]|pode deixar|relaxa|pas besoin|pas la peine|non merci|[çc]a va aller|nicht n[öo]tig|nein,? danke|passt schon|schon gut|no need|no thanks|no thank you|it\'?s fine|it\'?s ok(?:ay)?|that\'?s ok(?:ay)?|all good|i\'?m (?:fine|good|ok(?:ay)?)|そこまでじゃない|そこまでではない|大丈夫です|大丈夫|結構です|いいです|不用|不需要|没事|沒事|괜찮아요|괜찮습니다|괜찮아|됐어요|됐습니다)',
  'iu',
);

/** An offer in an assistant reply without a question mark ("Si lo prefiere, puedo avisar a una persona del personal"). */
const OFFER = /(?<![\p{L}])(?:i can|we can|i could|puedo|podemos|podr[ií]a|je peux|nous pouvons|je pourrais|posso|poderia|ich kann|wir k[öo]nnen|k[öo]nnte ich)(?![\p{L}])|できます|しましょうか|いたしましょうか|드릴까요|드릴게요|드릴 수|해 드릴|可以帮|可以为|要不要|需要我/iu;

/**
 * True when the visitor's `text` turns down what the assistant's `reply` just asked or offered:
 * the reply asks a question (a "?" or "？": "Would you like me to connect you with a staff
 * member?") or makes an offer ({@link OFFER}) and the turn opens with a refusal ({@link DECLINE_OPENING}). Such a turn ("no no qué
 * va, no hace falta molestar a nadie, dime solo si...") is no push-back on the reply and no second
 * failed question (dev11 decline conversations es/ja/pt, 2026-12-07).
 */
export function declinesOffer(text: string, reply: string | undefined): boolean {
  if (!reply || !(/[?？]/u.test(reply) || OFFER.test(reply))) return false;
  return DECLINE_OPENING.test(text.normalize('NFC').toLowerCase());
}

