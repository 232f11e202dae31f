/**
 * Phrase matching for intents that do not need the knowledge base: explicit requests for a
 * person, greetings, thanks/goodbye, negative feedback, and yes/no answers to the "shall I
 * connect you with staff?" offer. Phrase data lives in `lexicon/<lang>.ts`; this file compiles
 * the pattern mini-syntax (documented on {@link LanguagePack}) into regular expressions.
 *
 * Matching is robust to case, Latin accents, full-width forms and punctuation: both the input
 * and the pattern literals go through {@link normalizeText} (NFKC + lowercase + accent folding).
 */
import { foldForChineseMatch, toSimplified, unfoldPhrase } from './chinese.ts';
import { LANGS, packFor, type Lang } from './lexicon/index.ts';
import { EXTRA_REQUEST_LANGS, REQUEST_PERSON_EXTRA, type ExtraRequestLang } from './lexicon/requestPerson.ts';
import type { LanguagePack, LexiconCategory, Segmentation } from './lexicon/types.ts';
import { CJK_RUN, normalizeText } from './text.ts';

export type { LexiconCategory } from './lexicon/types.ts';

/** A lexicon hit. */
export interface LexiconMatch {
  category: LexiconCategory;
  /** Language pack whose pattern matched (may differ from the visitor's selected language). */
  lang: Lang;
  /** The matched text, in normalised form (what gets quoted as escalation evidence). */
  phrase: string;
  /** The pattern source from the language pack. */
  pattern: string;
}

interface CompiledPattern {
  source: string;
  re: RegExp;
}

const compiled = new Map<Lang, Map<LexiconCategory, CompiledPattern[]>>();

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Text in the form patterns run on. `spaced`: words joined by single spaces, padded with one
 * space each side (so every word is delimited by spaces); runs of CJK characters separate words
 * ("找个real person聊一下" reads "real person", as a visitor mixing English into Chinese means
 * it). `cjk`: whitespace, punctuation and symbols removed.
 */
export function matchForm(text: string, segmentation: Segmentation): string {
  const norm = normalizeText(text);
  if (segmentation === 'cjk') return norm.replace(/[\s\p{P}\p{S}]+/gu, '');
  const words = norm.replace(CJK_RUN, ' ').split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
  return words.length ? ` ${words.join(' ')} ` : ' ';
}

function literal(alt: string, segmentation: Segmentation): string {
  const text = normalizeText(alt.replace(/_/g, ' '));
  return escapeRe(segmentation === 'cjk' ? text.replace(/\s+/g, '') : text);
}

/** Compiles one pattern string; throws on patterns that could match an empty utterance. */
export function compilePattern(pattern: string, segmentation: Segmentation): RegExp {
  if (pattern.startsWith('re:')) return new RegExp(pattern.slice(3), 'u');
  const spaced = segmentation === 'spaced';
  let start = false;
  let end = false;
  const pieces: string[] = [];
  for (const token of pattern.trim().split(/\s+/)) {
    if (token === '^') start = true;
    else if (token === '$') end = true;
    else if (token === '*') pieces.push(spaced ? '(?:\\S+ ){0,3}' : '.{0,6}?');
    else {
      const optional = token.endsWith('?');
      const alts = (optional ? token.slice(0, -1) : token)
        .split('|')
        .filter(Boolean)
        .map((a) => literal(a, segmentation))
        .sort((a, b) => b.length - a.length); // longest first, so `あのう` beats `あの`
      const body = `(?:${alts.join('|')})${spaced ? ' ' : ''}`;
      pieces.push(optional ? `(?:${body})?` : body);
    }
  }
  const prefix = spaced ? (start ? '^ ' : ' ') : start ? '^' : '';
  const re = new RegExp(`${prefix}${pieces.join('')}${end ? '$' : ''}`, 'u');
  if (re.test(spaced ? ' ' : '')) throw new Error(`Lexicon pattern can match empty text: "${pattern}"`);
  return re;
}

function patternsFor(lang: Lang, category: LexiconCategory): CompiledPattern[] {
  let byCat = compiled.get(lang);
  if (!byCat) {
    byCat = new Map();
    compiled.set(lang, byCat);
  }
  let list = byCat.get(category);
  if (!list) {
    const pack: LanguagePack = packFor(lang);
    list = pack.patterns[category].map((source) => ({ source, re: compilePattern(lang === 'zh' ? toSimplified(source) : source, pack.segmentation) }));
    byCat.set(category, list);
  }
  return list;
}

/** `lang` first, then the other registered languages (visitors often mix or mis-select). */
export function languageOrder(lang: Lang): Lang[] {
  return [lang, ...LANGS.filter((l) => l !== lang)];
}

/**
 * First pattern of `category` that matches `text`, trying `langs` in order.
 * @param langs languages to try, in order; default: all registered languages. The engine passes
 *   {@link languageOrder} so the visitor's selected language wins.
 */
export function findLexiconMatch(
  text: string,
  category: LexiconCategory,
  langs: readonly Lang[] = LANGS,
): LexiconMatch | null {
  for (const lang of langs) {
    const original = matchForm(text, packFor(lang).segmentation);
    // Chinese patterns are compiled in Simplified and matched on the folded text (./chinese.ts).
    const form = lang === 'zh' ? foldForChineseMatch(original) : original;
    for (const p of patternsFor(lang, category)) {
      const m = p.re.exec(form);
      if (m) return { category, lang, phrase: unfoldPhrase(m[0].trim(), original, form), pattern: p.source };
    }
  }
  return null;
}

/** A request for a person found in one of the {@link EXTRA_REQUEST_LANGS} (ko, fr, de, pt). */
export interface ExtraRequestMatch {
  category: 'requestPerson';
  lang: ExtraRequestLang;
  phrase: string;
  pattern: string;
}

let extraCompiled: { lang: ExtraRequestLang; source: string; re: RegExp }[] | null = null;

/**
 * First request-for-a-person pattern of the languages without a full pack (ko, fr, de, pt;
 * see `lexicon/requestPerson.ts`) that matches `text`, or null. Same normalisation as
 * {@link findLexiconMatch}.
 */
export function findExtraPersonRequest(text: string): ExtraRequestMatch | null {
  extraCompiled ??= EXTRA_REQUEST_LANGS.flatMap((lang) => {
    const { segmentation, patterns } = REQUEST_PERSON_EXTRA[lang];
    return patterns.map((source) => ({ lang, source, re: compilePattern(source, segmentation) }));
  });
  const forms = new Map<string, string>();
  for (const p of extraCompiled) {
    const seg = REQUEST_PERSON_EXTRA[p.lang].segmentation;
    let form = forms.get(seg);
    if (form === undefined) forms.set(seg, (form = matchForm(text, seg)));
    const m = p.re.exec(form);
    if (m) return { category: 'requestPerson', lang: p.lang, phrase: m[0].trim(), pattern: p.source };
  }
  return null;
}

/**
 * Removes every occurrence of the given categories' phrases (in `lang`'s patterns) and returns
 * what is left, in `lang`'s match form. Used to ask the knowledge base about
 * "Hello, where is the restroom?" without the greeting.
 */
export function stripLexicon(text: string, lang: Lang, categories: readonly LexiconCategory[]): string {
  const segmentation = packFor(lang).segmentation;
  let form = matchForm(text, segmentation);
  for (const category of categories) {
    for (const p of patternsFor(lang, category)) {
      form = form.replace(new RegExp(p.re.source, 'gu'), segmentation === 'spaced' ? ' ' : '');
    }
  }
  return form.trim();
}

/** A sentence end with the space after it: marks of every script (a full stop only before a space or the end, not in "1.000"). */
const SENTENCE_BREAK = /((?:[.?!]+(?=\s|$)|[。？！¿¡\n]+)\s*)/u;

/**
 * {@link stripLexicon} sentence by sentence, keeping the sentence marks between what is left:
 * "Buenos días. Disculpe la molestia. Vengo en nombre de mi madre... ¿Puedo solicitar su volante
 * de empadronamiento?" keeps its sentences, which the word search scores one by one (stripped
 * as one piece, the greeting-free turn lost them, and with them the question's own score: 1 ->
 * 0.32, dev8, 2026-12-07). Sentences that were only lexicon phrases are dropped.
 */
export function stripLexiconKeepingSentences(text: string, lang: Lang, categories: readonly LexiconCategory[]): string {
  const spaced = packFor(lang).segmentation === 'spaced';
  const parts = text.split(SENTENCE_BREAK);
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const left = stripLexicon(parts[i]!, lang, categories);
    if (left) kept.push(left + (parts[i + 1] ?? '').trim());
  }
  return kept.join(spaced ? ' ' : '');
}
