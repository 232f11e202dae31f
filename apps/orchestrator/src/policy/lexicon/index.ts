/**
 * Registry of the escalation-cue lexicons, one per visitor language (all eight of
 * `@telekiosk/shared`'s `LANGUAGES`).
 */
import type { Language } from '@telekiosk/shared';
import type { Segmentation } from '../../intake/lexicon/types.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import { pt } from './pt.ts';
import type { CueLexicon } from './types.ts';
import { zh } from './zh.ts';

export type { CueLexicon, Patterns } from './types.ts';

/** Cue lexicon per language. */
export const CUE_LEXICONS: Readonly<Record<Language, CueLexicon>> = { en, ja, es, zh, ko, fr, de, pt };

/**
 * How patterns of a language match: `spaced` (whole words) for Latin-script languages, `cjk`
 * (substrings, whitespace removed) for ja, zh and ko (Korean particles attach to words).
 */
export function segmentationOf(lang: Language): Segmentation {
  return CUE_LEXICONS[lang].segmentation;
}
