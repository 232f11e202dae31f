/**
 * What the kiosk said last, recognised from its text: an article answer, the "not sure" reply
 * that offers a person (plain or naming the near topic, `unknownNear`), or another catalog
 * reply (greeting, thanks, "anything else?", an escalation notice). The embedded intake is
 * stateless, so it reads its own previous turn back from the transcript (`engine.ts`).
 */
import type { KnowledgeBase } from './knowledgeBase.ts';
import { matchForm } from './lexicon.ts';
import { LANGS, packFor } from './lexicon/index.ts';

/**
 * The previous exchange as the engine reads it: `answered` (article `id` answered `question`;
 * `own` when the reply was this engine's article answer, not re-classified from the question),
 * `unknown` (the "not sure" reply to `question`), `other` (any other reply), `none` (no reply yet).
 */
export type Previous =
  | { kind: 'none' }
  | { kind: 'answered'; id: string; question: string; own?: boolean }
  | { kind: 'unknown'; question: string }
  | { kind: 'other'; question: string };

/** A reply recognised by {@link ReplyRecognizer}: `answer` of article `id`, the `offer` of a person, or another catalog reply. */
export type RecognizedReply = { kind: 'answer'; id: string } | { kind: 'offer' } | { kind: 'catalog' };

/** Recognises the kiosk's own replies; null for a reply it did not write (another engine, an LLM). */
export interface ReplyRecognizer {
  recognize(reply: string): RecognizedReply | null;
}

/** The comparison form of a reply (case, width and punctuation folded as the lexicons do). */
export const replyKey = (text: string): string => matchForm(text, 'cjk');

/**
 * A {@link ReplyRecognizer} over `kb`'s article answers in every language (rebuilt when an
 * editor publishes: `kb.revision` changes) and the reply catalogs of every language pack.
 */
export function createReplyRecognizer(kb: KnowledgeBase): ReplyRecognizer {
  let answers = new Map<string, string>();
  let answersRevision = -1;
  const answerIndex = () => {
    if (answersRevision !== kb.revision) {
      answers = new Map();
      for (const a of kb.articles) for (const l of LANGS) answers.set(replyKey(a.content[l].answer), a.id);
      answersRevision = kb.revision;
    }
    return answers;
  };
  const offers = new Set(LANGS.map((l) => replyKey(packFor(l).replies.unknown)));
  // The near-topic "not sure" reply names an article: recognised by the text around `{topic}`.
  const nearOffers = LANGS.map((l) => packFor(l).replies.unknownNear.split('{topic}').map(replyKey) as [string, string]);
  const isOffer = (said: string) =>
    offers.has(said) || nearOffers.some(([before, after]) => said.length > before.length + after.length && said.startsWith(before) && said.endsWith(after));
  const catalog = new Set(
    LANGS.flatMap((l) => {
      const r = packFor(l).replies;
      return [r.greeting, r.thanks, r.anythingElse, ...Object.values(r.escalation)].map(replyKey);
    }),
  );
  return {
    recognize(reply) {
      const said = replyKey(reply);
      const id = answerIndex().get(said);
      if (id) return { kind: 'answer', id };
      if (isOffer(said)) return { kind: 'offer' };
      return catalog.has(said) ? { kind: 'catalog' } : null;
    },
  };
}
