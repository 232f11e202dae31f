import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import { pt } from './pt.ts';
import type { LanguagePack } from './types.ts';
import { zh } from './zh.ts';

export type { LanguagePack, LexiconCategory, ReplyCatalog, Segmentation } from './types.ts';

/**
 * Registry of supported visitor languages. To add a language: write `lexicon/<code>.ts`
 * (a {@link LanguagePack}), add it here, and add its `content.<code>` block to every article in
 * `data/knowledge-base.json` (the schema requires every registered language).
 */
export const LANGUAGE_PACKS = { en, ja, es, zh, ko, fr, de, pt } as const satisfies Record<string, LanguagePack>;

/** A supported visitor language code: all eight visitor languages (zh = Simplified Chinese). */
export type Lang = keyof typeof LANGUAGE_PACKS;

/** All supported language codes, in registry order. */
export const LANGS = Object.keys(LANGUAGE_PACKS) as Lang[];

/** True if `value` is a supported language code. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LANGUAGE_PACKS, value);
}

/** The language pack for `lang`. */
export function packFor(lang: Lang): LanguagePack {
  return LANGUAGE_PACKS[lang];
}
