/**
 * Whether two visitor questions share a topic term: how the embedded intake tells "the same
 * question in other words" (a failure) from a follow-up on another facet of the article just
 * answered. Split out of `engine.ts`.
 */
import { matchForm } from './lexicon.ts';

/** Question words and fillers (match form) left out when asking whether two questions share a topic. */
const QUESTION_WORDS = new Set(
  'what when where which who whom whose how does have there your this that with from about please could would should can are the and for you our any some much many '
    .concat('quoi quand comment combien quel quelle quels quelles est pour avec dans vous votre nous une des les ')
    .concat('was wann warum welche welcher welches wie viel wieviel gibt bitte kann ich sie ihr ihre eine einen dem den der die das mit fur ')
    .concat('que cuando donde como cuanto cuanta cual puedo usted para una los las por con hay ')
    .concat('quando onde como quanto quanta qual posso voce para uma dos das com tem ')
    .split(' ')
    .filter(Boolean),
);
/** Question and politeness pieces of ja / zh / ko, removed before comparing CJK questions. */
const CJK_QUESTION_PIECES = /请问|请|可以|能不能|怎么|怎样|哪里|哪儿|什么|多少|吗|呢|一下|需要|是不是|ですか|ますか|ください|どこ|いくら|なんですか|어디|어떻게|얼마|있나요|있어요|나요|인가요|할수|수있|주세요|싶어요|뭐예요/gu;

const KANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;
const HANGUL_WORD = /^\p{Script=Hangul}{2,}/u;
/**
 * True if question `b` shares a content term with question `a`: a Latin-script word of 4+ letters
 * outside {@link QUESTION_WORDS} compared by its first 4 letters ("open"/"opening"), a Han or
 * katakana character bigram after question words are removed (住民票 in both; kana-only pairs such
 * as です are endings, not topics), or for Korean the first two syllables of a word (its stem). A visitor asking about the
 * article just answered in other words ("When are you open?" then "What are your opening hours?")
 * shares one; a follow-up on another facet of the same article ("How much is the certificate?"
 * then "Can I pay by card?") does not.
 */
export function sharesTopic(a: string, b: string): boolean {
  const terms = (text: string): Set<string> => {
    const cjk = matchForm(text, 'cjk').replace(CJK_QUESTION_PIECES, ' ');
    const out = new Set<string>();
    for (const run of cjk.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu) ?? []) {
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) {
        const gram = chars[i]! + chars[i + 1]!;
        // Kana-only pairs are endings and particles (です, って, んで), not topics.
        if (!KANA_ONLY.test(gram)) out.add(gram);
      }
    }
    // Korean: the first two syllables of each spaced word (its stem; endings and particles follow).
    for (const w of matchForm(text, 'spaced').split(' ')) if (HANGUL_WORD.test(w)) out.add(Array.from(w).slice(0, 2).join(''));
    for (const w of matchForm(text, 'spaced').split(' ')) if ([...w].length >= 4 && !QUESTION_WORDS.has(w) && !/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(w)) out.add([...w].slice(0, 4).join(''));
    return out;
  };
  const mine = terms(a);
  for (const t of terms(b)) if (mine.has(t)) return true;
  return false;
}
