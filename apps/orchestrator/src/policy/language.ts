/**
 * Language identification of a visitor utterance among the eight supported languages.
 * Script decides first (Hangul -> ko, kana -> ja, Han only -> zh unless the session is ja);
 * Latin-script text goes to `tinyld`, restricted to en/es/fr/de/pt. tinyld is unreliable on
 * very short texts ("hello" -> es, "I am lost" -> de, "merci" -> nothing), so texts below the
 * policy's `languageDetection` minimums keep the session language, and a session language that
 * tinyld ranks close to its top guess is kept too.
 */
import { detectAll } from 'tinyld';
import type { Language } from '@telekiosk/shared';

const LATIN_LANGS: readonly Language[] = ['en', 'es', 'fr', 'de', 'pt'];
const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
/** A session language scoring at least this share of tinyld's top score is kept. */
export const SESSION_LANGUAGE_MARGIN = 0.5;

/** Result of {@link identifyLanguage}. */
export interface LanguageGuess {
  /** The language to use: detected when reliable, else the session language, else the fallback. */
  language: Language;
  /** What the text itself indicates, or null when it is too short or ambiguous to tell. */
  detected: Language | null;
  /** How `language` was chosen. */
  source: 'script' | 'tinyld' | 'session' | 'default';
}

/** Options for {@link identifyLanguage}; defaults match the default policy's `languageDetection`. */
export interface LanguageOptions {
  /** Minimum Latin letters before tinyld is trusted (default 12). */
  minChars?: number;
  /** Minimum words before tinyld is trusted (default 3). */
  minWords?: number;
  /** Language when there is no session language and the text says nothing (default `en`). */
  fallback?: Language;
}

/**
 * Identifies the language of `text`.
 * @param session the language the visitor selected, if any; kept for short or ambiguous text.
 */
export function identifyLanguage(text: string, session?: Language, opts: LanguageOptions = {}): LanguageGuess {
  const { minChars = 12, minWords = 3, fallback = 'en' } = opts;
  const keep = (detected: Language | null): LanguageGuess =>
    session ? { language: session, detected, source: 'session' } : { language: detected ?? fallback, detected, source: detected ? 'tinyld' : 'default' };

  if (HANGUL.test(text)) return { language: 'ko', detected: 'ko', source: 'script' };
  if (KANA.test(text)) return { language: 'ja', detected: 'ja', source: 'script' };
  if (HAN.test(text)) {
    // Kanji-only Japanese ("職員", "住民票") is indistinguishable from Chinese by script alone.
    if (session === 'ja' || session === 'zh') return { language: session, detected: session, source: 'script' };
    return { language: 'zh', detected: 'zh', source: 'script' };
  }
  const letters = [...text].filter((c) => /\p{Script=Latin}/u.test(c)).length;
  const words = text.split(/[\s,.;:!?¿¡]+/u).filter((w) => /\p{L}/u.test(w)).length;
  if (letters === 0) return keep(null);
  if (letters < minChars || words < minWords) return keep(null);
  const ranked = detectAll(text, { only: [...LATIN_LANGS] }).filter((r) => LATIN_LANGS.includes(r.lang as Language));
  const top = ranked[0];
  if (!top) return keep(null);
  const detected = top.lang as Language;
  if (session && session !== detected) {
    const mine = ranked.find((r) => r.lang === session);
    if (mine && mine.accuracy >= top.accuracy * SESSION_LANGUAGE_MARGIN) return { language: session, detected: session, source: 'session' };
  }
  return { language: detected, detected, source: 'tinyld' };
}
