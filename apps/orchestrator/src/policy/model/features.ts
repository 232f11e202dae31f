/**
 * Feature extraction of the embedded escalation classifier: one visitor utterance in any of the
 * eight languages becomes a sparse vector of hashed features (the "hashing trick"), so the model
 * needs no vocabulary file and one weight table serves every language. Pure and deterministic.
 *
 * Features (each string is hashed with 32-bit FNV-1a into `buckets` slots):
 * - `c:` character n-grams, 2..4 characters, of every word padded with spaces (Latin script) or
 *   1..3 characters of every run of CJK characters (ja zh ko): they carry word formation
 *   (German compounds such as "Beschwerdeformular", inflections, Korean particles, typos);
 * - `w:` words and `b:` word bigrams (Latin script; CJK runs count as words);
 * - `n:` negation scope: the three words after a negator ("don't need a *person*", "kein
 *   *Mitarbeiter*", "no *necesito*") and, for ja/zh/ko, the characters next to a negation
 *   morpheme (不用, 不需要, 呼ばなくて, 필요 없어요), so negated requests are learned apart;
 * - `r:` reported-speech scope: words after a reporting verb ("told me to", "m'a dit de",
 *   "hat gesagt", "に言われ", "让我", "라고 했어요");
 * - `x:` shape: question mark, two or more exclamation marks, shouting in capitals;
 * - `m:` concepts of the shared multilingual layer ({@link conceptsIn}: CHARGE, TWICE, MEDICINE,
 *   PERSON, ...) and `m:A+B` for every two concepts in the turn ("charged" + "twice" in any of the
 *   eight languages), so what is learned in one language carries to the others; `mn:` for a
 *   concept inside a negation scope ("I don't need a *person*", "*직원*은 안 불러도 돼요"), `mr:`
 *   inside reported speech or past contact ("I already *spoke* with *someone* at *reception*");
 * - `k:` cue-lexicon hits (`k:requestPerson`, `k:sensitive:billing_dispute`, `k:sentiment:anger`)
 *   passed in by the caller ({@link cueFeatures}): the model learns when a lexicon hit is real
 *   and when negation, reported speech or a routine context cancels it.
 * Values are 1 per distinct feature, the vector scaled to unit length.
 */
import { CJK_RUN, normalizeText } from '../../intake/text.ts';
import { conceptsIn } from './concepts.ts';

/** Version of the feature recipe; a model trained with another version is refused (2: zh reported speech by context, {@link ZH_REPORTED}; 3: `m:` / `mn:` / `mr:` concepts; 4: the IN_PERSON concept, whose forms shadow the PERSON and TALK forms they spell, 2026-12-07). */
export const FEATURE_VERSION = 4;

/** A sparse feature vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const CJK_TEST = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Words that open a negation scope in the Latin-script languages (normalised, accents folded). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', "don't", 'dont', "doesn't", "didn't", "won't", "isn't", "aren't", "can't", 'cannot', 'no', 'never', 'nobody', 'nothing', 'without', 'neither', 'nor',
  'ne', "n'", 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'inutile',
  'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'nie', 'niemand', 'niemanden', 'nichts', 'ohne',
  'nunca', 'nadie', 'ningun', 'ninguno', 'ninguna', 'ni', 'sin', 'tampoco',
  'nao', 'ninguem', 'nenhum', 'nenhuma', 'nem', 'sem',
]);
/** Reporting verbs / phrases that open a reported-speech scope (normalised). */
export const REPORTERS: ReadonlySet<string> = new Set([
  'told', 'said', 'says', 'sent', 'asked', 'suggested', 'recommended', 'spoke', 'talked', 'already',
  'dit', 'dis', 'disait', 'envoye', 'envoyee', 'conseille', 'parle', 'deja',
  'gesagt', 'sagte', 'sagten', 'meinte', 'meint', 'hiess', 'geschickt', 'gesprochen', 'schon', 'bereits',
  'dijo', 'dijeron', 'dice', 'mando', 'hable', 'recomendo',
  'disse', 'disseram', 'diz', 'mandou', 'falei', 'mandaram',
]);
/** Negation morphemes of ja / zh / ko, matched inside CJK runs. */
export const CJK_NEGATION = /不用|不需要|不要|不必|没必要|别|无需|没有|不想|ない|なく|ません|不要|いらない|結構|必要ありません|안\s?|않|없|말고|마세요|필요\s?없/gu;
/**
 * Reported speech in Chinese, by context rather than the bare verb 说 ("say"), which is also in
 * 说话 ("speak": 我想跟工作人员说话 is a request) and 说明 ("explain"): a third person saying
 * (他说, 邻居说, 工作人员跟我说), said to me / hearsay (跟我说, 听说), 说过, 告诉我, and 让我/叫我 + a
 * motion verb after a subject (窗口的工作人员让我来问你), not after 请/你 (请让我..., 你叫我去哪).
 */
export const ZH_REPORTED = /(?<![跟和找对叫请])(?:他们|她们|他|她|人家|别人|朋友|邻居|同事|家人|医生|大夫|老师|律师|工作人员|职员|柜台|前台|窗口|保安|司机|警察|妈妈|爸爸|老公|老婆|儿子|女儿)(?:跟我|对我|和我)?说(?!话)|(?:跟我|对我|和我|听人|听)说(?!话)|说过|告诉我|告诉过我|(?<![请就快你您能])(?:让|叫)我(?:来|去|问|找|到)|已经跟|已经和|话过|谈过|问过/gu;
/**
 * Reported-speech morphemes of ja / zh / ko (zh: {@link ZH_REPORTED}), and past contact with staff
 * told as history: ja 話しました / お話ししました / 相談しました (not 話したい, "want to talk"), ko
 * 얘기했 / 이야기했 / 상담했 ("係長とお話ししました。住民票はどこで取れますか" read as a request
 * after training set 23, 2026-12-07).
 */
export const CJK_REPORTED = new RegExp(`言われ|と言って|と言い|って言|から聞|(?:話し?|相談)し(?:ました|た(?![いくら]))|${ZH_REPORTED.source}|라고|하라고|했대|그러던|하던데|얘기했|이야기했|상담했|상담받았`, 'gu');

/** Latin-script words after a negator whose concepts count as negated ("don't need to talk to a *person*"). */
export const LATIN_NEGATED_AFTER = 6;
/** CJK characters before a negation or reporting morpheme whose concepts fall in its scope (ja / ko are verb-final). */
export const CJK_SCOPE_BEFORE = 10;
/** CJK characters after a negation or reporting morpheme whose concepts fall in its scope (zh: 不用叫工作人员). */
export const CJK_SCOPE_AFTER = 5;

/** The stretches of `compact` (CJK text without spaces) around each match of `morpheme`: its scope. */
function cjkScopeSpans(compact: string, morpheme: RegExp): string[] {
  const spans: string[] = [];
  for (const m of compact.matchAll(morpheme)) {
    const at = m.index ?? 0;
    spans.push(compact.slice(Math.max(0, at - CJK_SCOPE_BEFORE), at), compact.slice(at + m[0].length, at + m[0].length + CJK_SCOPE_AFTER));
  }
  return spans;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The feature strings of `text` (before hashing), deduplicated, in a deterministic order.
 * Exposed for explanations (which n-grams drove a score) and tests.
 */
export function featureStrings(text: string, extra: readonly string[] = []): string[] {
  const form = normalizeText(text).replace(/\s+/g, ' ').trim();
  const out = new Set<string>();
  const tokens = form.match(TOKEN) ?? [];
  let negate = 0;
  let report = 0;
  let prev = '';
  /** Words and CJK stretches inside a negation scope, for the `mn:` concept features. */
  const negated: string[] = [];
  /** Words and CJK stretches inside a reported-speech scope, for the `mr:` concept features. */
  const reported: string[] = [];
  let negatedSpan = 0;
  for (const tok of tokens) {
    const cjk = CJK_TEST.test(tok);
    out.add(`w:${tok}`);
    if (prev) out.add(`b:${prev} ${tok}`);
    prev = tok;
    if (cjk) {
      const chars = Array.from(tok);
      for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= chars.length; i++) out.add(`c:${chars.slice(i, i + n).join('')}`);
    } else {
      const padded = Array.from(` ${tok} `);
      for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= padded.length; i++) out.add(`c:${padded.slice(i, i + n).join('')}`);
      if (negate > 0) out.add(`n:${tok}`);
      if (negatedSpan > 0) negated.push(tok);
      negatedSpan = Math.max(0, negatedSpan - 1);
      if (report > 0) {
        out.add(`r:${tok}`);
        reported.push(tok);
      }
      negate = Math.max(0, negate - 1);
      report = Math.max(0, report - 1);
      if (NEGATORS.has(tok) || tok.endsWith("n't")) {
        negate = 3;
        negatedSpan = LATIN_NEGATED_AFTER;
      }
      if (REPORTERS.has(tok)) report = 4;
    }
  }
  for (const raw of form.match(CJK_RUN) ?? []) {
    const run = withoutAnotA(raw);
    for (const m of run.matchAll(CJK_NEGATION)) {
      const at = m.index ?? 0;
      out.add(`n:${m[0].trim()}`);
      out.add(`n:<${run.slice(Math.max(0, at - 3), at)}`);
      out.add(`n:>${run.slice(at + m[0].length, at + m[0].length + 3)}`);
    }
    for (const m of run.matchAll(CJK_REPORTED)) {
      const at = m.index ?? 0;
      out.add(`r:${m[0]}`);
      out.add(`r:<${run.slice(Math.max(0, at - 4), at)}`);
    }
  }
  // ja / ko negate what comes before (직원은 안 불러도, 呼ばなくて), zh what follows (不用叫人);
  // Korean is written with spaces, so the span is read on the text without them.
  const compact = form.replace(/\s+/g, '');
  if (CJK_TEST.test(compact)) {
    negated.push(...cjkScopeSpans(withoutAnotA(compact), CJK_NEGATION));
    reported.push(...cjkScopeSpans(compact, CJK_REPORTED));
  }
  const concepts = conceptsIn(form);
  const negatedConcepts = negated.length ? new Set(conceptsIn(negated.join(' '))) : null;
  for (const c of concepts) if (negatedConcepts?.has(c) && c !== 'NEGATION') out.add(`mn:${c}`);
  const reportedConcepts = reported.length ? new Set(conceptsIn(reported.join(' '))) : null;
  for (const c of concepts) if (reportedConcepts?.has(c)) out.add(`mr:${c}`);
  for (let i = 0; i < concepts.length; i++) {
    out.add(`m:${concepts[i]}`);
    for (let j = i + 1; j < concepts.length; j++) out.add(`m:${concepts[i]}+${concepts[j]}`);
  }
  for (const e of extra) out.add(`k:${e}`);
  if (/[?？]/.test(text)) out.add('x:question');
  if ((text.match(/[!！]/g)?.length ?? 0) >= 2) out.add('x:exclaim');
  const letters = text.match(/\p{Script=Latin}/gu) ?? [];
  if (letters.length >= 8 && letters.filter((c) => c !== c.toLowerCase()).length / letters.length >= 0.8) out.add('x:shouting');
  return [...out];
}

/**
 * The hashed, unit-length feature vector of `text` for a table of `buckets` rows (a power of
 * two). Indices are sorted ascending; colliding features add up.
 */
export function featurize(text: string, buckets: number, extra: readonly string[] = []): SparseVector {
  const mask = buckets - 1;
  const counts = new Map<number, number>();
  for (const f of featureStrings(text, extra)) {
    const i = fnv1a(f) & mask;
    counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indices = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let k = 0; k < indices.length; k++) {
    const v = counts.get(indices[k]!)!;
    values[k] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k]! *= scale;
  return { indices, values };
}

/** Minimal shape of a cue hit (see `../cues.ts`), to keep this module free of policy imports. */
export interface CueLike {
  kind: string;
  category: string;
}

/**
 * `k:` feature names for cue-lexicon hits: `kind` for request/feedback/out-of-scope cues,
 * `kind:category` for the others. Deduplicated, sorted.
 */
export function cueFeatures(hits: readonly CueLike[]): string[] {
  const names = hits.map((h) => (h.kind === 'requestPerson' || h.kind === 'negativeFeedback' || h.kind === 'outOfScope' ? h.kind : `${h.kind}:${h.category}`));
  return [...new Set(names)].sort();
}

/**
 * Chinese A-not-A questions (要不要 "should I or not", 是不是, 能不能, 可不可以, 有没有) ask, they
 * do not negate: removed before negation forms are looked for ("要不要找律师？" is about a lawyer).
 */
export function withoutAnotA(form: string): string {
  return form.replace(/(\p{Script=Han})[不没沒]\1/gu, '');
}
/** True if `text` has a negation or reported-speech scope (an `n:` or `r:` feature). */
export function hasScope(text: string): { negated: boolean; reported: boolean } {
  const f = featureStrings(text);
  return { negated: f.some((x) => x.startsWith('n:')), reported: f.some((x) => x.startsWith('r:')) };
}
