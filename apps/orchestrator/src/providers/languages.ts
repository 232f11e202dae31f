/**
 * Language names and code normalization shared by the providers (prompts need names; provider
 * answers come back as BCP 47 tags such as `zh-Hans`, `pt-PT` or, from Whisper, English names).
 */
import { LANGUAGES, type Language } from '@telekiosk/shared';

/** English name of each visitor language, as used in prompts (`zh` is Simplified Chinese). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ja: 'Japanese',
  es: 'Spanish',
  zh: 'Simplified Chinese',
  ko: 'Korean',
  fr: 'French',
  de: 'German',
  pt: 'Portuguese',
};

const BY_NAME: Record<string, Language> = {
  english: 'en', japanese: 'ja', spanish: 'es', chinese: 'zh', mandarin: 'zh', korean: 'ko', french: 'fr', german: 'de', portuguese: 'pt',
};

/**
 * Maps a provider's language tag or English name to a visitor {@link Language}, or null if it is
 * not one of ours: `zh-Hans`/`zh-Hant`/`zh-CN` -> `zh`, `pt-PT`/`pt-br` -> `pt`, `EN` -> `en`,
 * `japanese` -> `ja`, `it` -> null.
 */
export function toLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  const primary = t.split(/[-_]/)[0] ?? '';
  if ((LANGUAGES as readonly string[]).includes(primary)) return primary as Language;
  return BY_NAME[t] ?? null;
}
