import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from '../locales/de.json';
import en from '../locales/en.json';
import es from '../locales/es.json';
import fr from '../locales/fr.json';
import ja from '../locales/ja.json';
import ko from '../locales/ko.json';
import pt from '../locales/pt.json';
import zh from '../locales/zh.json';

/** Languages of the console UI (catalogs in src/locales): the 8 conversation languages. */
export const UI_LANGUAGES = ['en', 'ja', 'es', 'zh', 'ko', 'fr', 'de', 'pt'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** The catalogs by language. */
export const CATALOGS = { en, ja, es, zh, ko, fr, de, pt } as const satisfies Record<UiLanguage, unknown>;

/** BCP 47 tag for `<html lang>` and Intl formatting (`zh` is Simplified Chinese). */
export const LOCALE_TAG: Record<UiLanguage, string> = { en: 'en', ja: 'ja', es: 'es', zh: 'zh-Hans', ko: 'ko', fr: 'fr', de: 'de', pt: 'pt' };

const STORAGE_KEY = 'telekiosk.console.lang';

export function isUiLanguage(x: unknown): x is UiLanguage {
  return typeof x === 'string' && (UI_LANGUAGES as readonly string[]).includes(x);
}

/** The saved choice, else the first browser language we have a catalog for, else English. */
export function pickLanguage(saved: string | null, browser: readonly string[]): UiLanguage {
  if (isUiLanguage(saved)) return saved;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(primary)) return primary;
  }
  return 'en';
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Sets `<html lang>` and the document title for the active language. */
function applyToDocument(lng: string) {
  const lang = isUiLanguage(lng) ? lng : 'en';
  document.documentElement.lang = LOCALE_TAG[lang];
  document.title = i18next.t('app.documentTitle');
}

/** Initializes i18next with the bundled catalogs (synchronous: resources are inline). */
export function initI18n(): typeof i18next {
  const lng = pickLanguage(savedLanguage(), typeof navigator === 'undefined' ? [] : navigator.languages ?? []);
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(UI_LANGUAGES.map((l) => [l, { translation: CATALOGS[l] }])),
    lng,
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  applyToDocument(lng);
  i18next.on('languageChanged', (l) => {
    applyToDocument(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Storage disabled: the choice lasts for this page.
    }
  });
  return i18next;
}

/** Locale tag for Intl of the current UI language. */
export function localeOf(lng: string): string {
  return isUiLanguage(lng) ? LOCALE_TAG[lng] : 'en';
}
