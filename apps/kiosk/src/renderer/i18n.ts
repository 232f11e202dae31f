import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES } from '@telekiosk/shared';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import ja from './locales/ja.json';
import ko from './locales/ko.json';
import pt from './locales/pt.json';
import zh from './locales/zh.json';

/** Languages of the kiosk UI: all 8 conversation languages, each with its own catalog. */
export const KIOSK_LANGUAGES = LANGUAGES;

/** Locale catalogs of the kiosk UI; every visible string and accessible name comes from here. */
export const resources = {
  en: { translation: en },
  ja: { translation: ja },
  es: { translation: es },
  zh: { translation: zh },
  ko: { translation: ko },
  fr: { translation: fr },
  de: { translation: de },
  pt: { translation: pt },
} as const satisfies Record<(typeof KIOSK_LANGUAGES)[number], { translation: unknown }>;

/** BCP 47 tag for `<html lang>` (`zh` is Simplified Chinese; fonts and line breaking follow it). */
export const LOCALE_TAG: Record<(typeof KIOSK_LANGUAGES)[number], string> = { en: 'en', ja: 'ja', es: 'es', zh: 'zh-Hans', ko: 'ko', fr: 'fr', de: 'de', pt: 'pt' };

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
