/**
 * Cue matching: compiles the built-in cue lexicons (`lexicon/<lang>.ts`), the intake engine's
 * `requestPerson` / `negativeFeedback` patterns (en ja es zh packs; request-only patterns for
 * ko fr de pt from `intake/lexicon/requestPerson.ts`) and a policy's extra phrases into
 * regular expressions, and finds every cue in an utterance. Pure; compiled patterns are cached
 * (built-ins once, policy phrases once per policy object).
 */
import { foldForChineseMatch, toSimplified, unfoldPhrase } from '../intake/chinese.ts';
import { LANGUAGES, type Language } from '@telekiosk/shared';
import { compilePattern, matchForm } from '../intake/lexicon.ts';
import { normalizeText } from '../intake/text.ts';
import { isLang, packFor } from '../intake/lexicon/index.ts';
import { REQUEST_PERSON_EXTRA, type ExtraRequestLang } from '../intake/lexicon/requestPerson.ts';
import { CUE_LEXICONS, segmentationOf } from './lexicon/index.ts';
import type { Policy } from './policySchema.ts';
import { SAFETY_CATEGORIES, SENSITIVE_TOPICS } from './taxonomy.ts';

/**
 * Kinds of cue. `sentiment` categories are the sentiment cue kinds; `sensitive`, `safety`,
 * `vulnerable`, `policyException`, `restrictedAction` categories are the taxonomy names;
 * phrases from a policy's `extraPhrases` have category `custom`.
 */
export type CueKind =
  | 'requestPerson'
  | 'negativeFeedback'
  | 'sentiment'
  | 'sensitive'
  | 'safety'
  | 'vulnerable'
  | 'policyException'
  | 'restrictedAction'
  | 'outOfScope';

/** One cue found in an utterance. */
export interface CueHit {
  kind: CueKind;
  /** Category within the kind, e.g. `billing_dispute`, `anger`, `custom`. */
  category: string;
  /** Language whose pattern matched. */
  lang: Language;
  /** The matched text in normalised form (quoted as evidence). */
  phrase: string;
  /** Pattern source, for traces. */
  pattern: string;
  /** Where the pattern comes from: built-in cue lexicon, intake lexicon, or the policy file. */
  origin: 'lexicon' | 'intake' | 'policy';
}

interface Entry {
  kind: CueKind;
  category: string;
  source: string;
  re: RegExp;
  origin: CueHit['origin'];
}

const builtIn = new Map<Language, Entry[]>();
const compoundParts = new Map<Language, string[]>();

/**
 * German compounds never split: the identity card ("Personalausweis", "Personalien") is a document,
 * not the staff ("Personal") a request asks for ("möchte ihren Personalausweis erneuern" read as
 * "möchte ... Personal"; dev7 de-d7-n16, dev11 de-d11-n16, 2026-12-07). Match form (umlauts folded).
 */
export const KEEP_WHOLE_DE = /^personal(?:ausweis\p{L}*|ien|nummer|dokument\p{L}*|daten)$/u;

/** Shortest lexicon word split off a German compound, and shortest remainder. */
export const COMPOUND_PART_MIN = 5;

/**
 * German compounds in the match form are split around a lexicon word they end or start with
 * ("stinksauer" -> "stink sauer", "dienstaufsichtsbeschwerde" -> "dienstaufsichts beschwerde",
 * "beschwerdeformular" -> "beschwerde formular"), so whole-word patterns see the word. Only words
 * of the request, feedback, sentiment and sensitive-topic patterns are split off (never safety or
 * vulnerable-visitor words: "Kindergeld" stays whole). Other languages are returned unchanged.
 */
export function splitCompounds(form: string, lang: Language): string {
  if (lang !== 'de') return form;
  let parts = compoundParts.get(lang);
  if (!parts) {
    const lx = CUE_LEXICONS[lang];
    const pack = isLang(lang) ? packFor(lang).patterns : null;
    const source = [...lx.requestPerson, ...lx.negativeFeedback, ...Object.values(lx.sentiment).flat(), ...Object.values(lx.sensitive).flat(), ...(pack?.requestPerson ?? [])];
    parts = [...new Set(wordsOf(source))].filter((w) => /^\p{L}+$/u.test(w) && w.length >= COMPOUND_PART_MIN).sort((a, b) => b.length - a.length || a.localeCompare(b));
    compoundParts.set(lang, parts);
  }
  return form.replace(/\p{L}{8,}/gu, (w) => {
    if (KEEP_WHOLE_DE.test(w)) return w;
    for (const p of parts!) {
      if (w.length - p.length < 3) continue;
      if (w.endsWith(p)) return `${w.slice(0, -p.length)} ${p}`;
      if (w.startsWith(p)) return `${p} ${w.slice(p.length)}`;
    }
    return w;
  });
}
const vocabularies = new Map<Language, { all: Set<string>; targets: string[] }>();
const neutral = new Map<Language, RegExp[]>();
const fromPolicy = new WeakMap<Policy, Map<Language, Entry[]>>();

function entries(lang: Language, kind: CueKind, category: string, patterns: readonly string[], origin: Entry['origin']): Entry[] {
  const seg = segmentationOf(lang);
  // Chinese patterns are compiled in Simplified: findCues matches them on the folded text.
  return patterns.map((source) => ({ kind, category, source, re: compilePattern(lang === 'zh' ? toSimplified(source) : source, seg), origin }));
}

function builtInEntries(lang: Language): Entry[] {
  let list = builtIn.get(lang);
  if (list) return list;
  const lx = CUE_LEXICONS[lang];
  list = [
    ...entries(lang, 'requestPerson', 'request', lx.requestPerson, 'lexicon'),
    ...entries(lang, 'negativeFeedback', 'feedback', lx.negativeFeedback, 'lexicon'),
  ];
  if (isLang(lang)) {
    const pack = packFor(lang);
    list.push(...entries(lang, 'requestPerson', 'request', pack.patterns.requestPerson, 'intake'));
    list.push(...entries(lang, 'negativeFeedback', 'feedback', pack.patterns.negativeFeedback, 'intake'));
  } else {
    list.push(...entries(lang, 'requestPerson', 'request', REQUEST_PERSON_EXTRA[lang as ExtraRequestLang].patterns, 'intake'));
  }
  const groups: [CueKind, Readonly<Record<string, readonly string[]>>][] = [
    ['sentiment', lx.sentiment],
    ['sensitive', lx.sensitive],
    ['safety', lx.safety],
    ['vulnerable', lx.vulnerable],
    ['policyException', lx.policyException],
    ['restrictedAction', lx.restrictedAction],
  ];
  for (const [kind, byCategory] of groups) {
    for (const [category, patterns] of Object.entries(byCategory)) list.push(...entries(lang, kind, category, patterns, 'lexicon'));
  }
  builtIn.set(lang, list);
  return list;
}

function neutralPatterns(lang: Language): RegExp[] {
  let list = neutral.get(lang);
  if (!list) {
    list = CUE_LEXICONS[lang].neutral.map((p) => new RegExp(compilePattern(lang === 'zh' ? toSimplified(p) : p, segmentationOf(lang)).source, 'gu'));
    neutral.set(lang, list);
  }
  return list;
}

const REASON_KIND = {
  explicit_request: 'requestPerson',
  negative_sentiment: 'sentiment',
  out_of_scope: 'outOfScope',
  repeated_failure: 'negativeFeedback',
  policy_exception: 'policyException',
  restricted_action: 'restrictedAction',
  vulnerable_visitor: 'vulnerable',
} as const satisfies Record<keyof NonNullable<NonNullable<Policy['extraPhrases']>[Language]>, CueKind>;

function policyEntries(policy: Policy, lang: Language): Entry[] {
  let byLang = fromPolicy.get(policy);
  if (!byLang) {
    byLang = new Map();
    for (const l of LANGUAGES) {
      const list: Entry[] = [];
      for (const [reason, kind] of Object.entries(REASON_KIND)) {
        const phrases = policy.extraPhrases?.[l]?.[reason as keyof typeof REASON_KIND] ?? [];
        list.push(...entries(l, kind, 'custom', phrases, 'policy'));
      }
      for (const t of SENSITIVE_TOPICS) list.push(...entries(l, 'sensitive', t, policy.sensitiveTopics[t].extraPhrases?.[l] ?? [], 'policy'));
      for (const c of SAFETY_CATEGORIES) list.push(...entries(l, 'safety', c, policy.safety[c].extraPhrases?.[l] ?? [], 'policy'));
      byLang.set(l, list);
    }
    fromPolicy.set(policy, byLang);
  }
  return byLang.get(lang) ?? [];
}

/** Words of the literal alternatives of `patterns` (normalised), for typo tolerance. */
function wordsOf(patterns: readonly string[]): string[] {
  return patterns
    .filter((p) => !p.startsWith('re:'))
    .flatMap((p) => p.split(/\s+/))
    .flatMap((slot) => slot.replace(/\?$/, '').split('|'))
    .flatMap((alt) => normalizeText(alt.replace(/_/g, ' ')).split(/[^\p{L}\p{N}'-]+/u))
    .filter(Boolean);
}

/** Shortest word that typo tolerance corrects (shorter words have too many real neighbours). */
export const TYPO_MIN_LENGTH = 5;

function vocabulary(lang: Language) {
  let v = vocabularies.get(lang);
  if (!v) {
    const lx = CUE_LEXICONS[lang];
    const pack = isLang(lang) ? packFor(lang).patterns : null;
    const requests = pack?.requestPerson ?? REQUEST_PERSON_EXTRA[lang as ExtraRequestLang].patterns;
    const targetPatterns = [...lx.requestPerson, ...lx.negativeFeedback, ...Object.values(lx.sensitive).flat(), ...requests];
    const every = [
      ...targetPatterns, ...lx.neutral, ...Object.values(lx.sentiment).flat(), ...Object.values(lx.safety).flat(),
      ...Object.values(lx.vulnerable).flat(), ...Object.values(lx.policyException).flat(), ...Object.values(lx.restrictedAction).flat(),
      ...(pack ? Object.values(pack).flat() : []),
    ];
    const targets = [...new Set(wordsOf(targetPatterns))].filter((w) => [...w].length >= TYPO_MIN_LENGTH && /^\p{L}+$/u.test(w)).sort();
    v = { all: new Set(wordsOf(every)), targets };
    vocabularies.set(lang, v);
  }
  return v;
}

/**
 * True if `a` becomes `b` by one inserted, deleted or swapped (adjacent) letter. Substitutions
 * are not counted: they turn too many real words into cue words ("relating" -> "rebating").
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Typo tolerance for spaced languages: a word of {@link TYPO_MIN_LENGTH}+ letters that is not a
 * lexicon word and is one insertion, deletion or swap away from a word of the request-for-a-person, "did not help" or
 * sensitive-topic patterns is replaced by it ("somenoe" -> "someone", "sevrice" -> "service").
 * Safety and other cues are never matched through a correction (false alarms cost more).
 */
export function correctTypos(form: string, lang: Language): string {
  const { all, targets } = vocabulary(lang);
  return form.replace(/\p{L}+/gu, (word) => {
    const n = [...word].length;
    if (n < TYPO_MIN_LENGTH || all.has(word)) return word;
    // A word of exactly TYPO_MIN_LENGTH letters is only corrected by a swap ("humna" -> "human"):
    // one letter more or less turns too many real short words into cue words ("dudas" -> "deudas").
    return targets.find((t) => oneEditApart(word, t) && (n > TYPO_MIN_LENGTH || [...t].length === n)) ?? word;
  });
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN = /\p{Script=Latin}/u;

/** Replaces every match of `re` (global) in `form` by a space, so later patterns cannot use it. */
function mask(form: string, re: RegExp): string {
  return form.replace(re, ' ');
}

const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, 'gu');
    globalCache.set(re, g);
  }
  return g;
}

/**
 * Every cue in `text`, trying `langs` in order (default: all eight). Languages whose script
 * cannot occur in the text are skipped (no Latin letters: spaced languages; no CJK: ja/zh/ko).
 * Per language: innocent phrases (`neutral`) are removed first; then all cues except `positive`
 * sentiment are matched; then `positive` is matched on the text with those hits removed (so
 * "not helpful" is not also "helpful"). Sentiment and "did not help" cues consume the words they
 * match, so overlapping phrases count once. Request, feedback and sensitive-topic cues also match
 * after {@link correctTypos}, only in `typoLangs` (default: the first language; correcting
 * English "process" into French "proces" would be wrong). One hit per pattern and language.
 */
export function findCues(
  text: string,
  policy: Policy | null,
  langs: readonly Language[] = LANGUAGES,
  typoLangs: readonly Language[] = langs.slice(0, 1),
): CueHit[] {
  const hits: CueHit[] = [];
  const hasCjk = CJK.test(text);
  const hasLatin = LATIN.test(text);
  for (const lang of langs) {
    const seg = segmentationOf(lang);
    if (seg === 'cjk' ? !hasCjk : !hasLatin) continue;
    // Chinese is matched in Simplified (foldForChineseMatch); hits quote the visitor's characters.
    const original = matchForm(text, seg);
    const folded = lang === 'zh' ? foldForChineseMatch(original) : original;
    const quoted = (phrase: string) => unfoldPhrase(phrase, original, folded);
    let form = folded;
    for (const re of neutralPatterns(lang)) form = mask(form, re);
    form = splitCompounds(form, lang);
    const fixed = seg === 'spaced' && typoLangs.includes(lang) ? correctTypos(form, lang) : form;
    const all = policy ? [...builtInEntries(lang), ...policyEntries(policy, lang)] : builtInEntries(lang);
    let rest = form;
    let feelings = form;
    const positive: Entry[] = [];
    for (const e of all) {
      if (e.kind === 'sentiment' && e.category === 'positive') {
        positive.push(e);
        continue;
      }
      const consumes = e.kind === 'sentiment' || e.kind === 'negativeFeedback';
      const tolerant = e.kind === 'requestPerson' || e.kind === 'negativeFeedback' || e.kind === 'sensitive';
      const m = e.re.exec(consumes ? feelings : form) ?? (tolerant && fixed !== form ? e.re.exec(fixed) : null);
      if (!m) continue;
      hits.push({ kind: e.kind, category: e.category, lang, phrase: quoted(m[0].trim()), pattern: e.source, origin: e.origin });
      rest = mask(rest, globalOf(e.re));
      if (consumes) feelings = mask(feelings, globalOf(e.re));
    }
    for (const e of positive) {
      const m = e.re.exec(rest);
      if (m) hits.push({ kind: e.kind, category: e.category, lang, phrase: quoted(m[0].trim()), pattern: e.source, origin: e.origin });
    }
  }
  return hits;
}

/** The first hit of `kind` (and `category`, when given), in the order returned by {@link findCues}. */
export function firstHit(hits: readonly CueHit[], kind: CueKind, category?: string): CueHit | undefined {
  return hits.find((h) => h.kind === kind && (category === undefined || h.category === category));
}
