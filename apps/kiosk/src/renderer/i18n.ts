import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';
import ja from './locales/ja.json';
import zh from './locales/zh.json';

/** Locale catalogs of the kiosk UI; every visible string and accessible name comes from here. */
export const resources = { en: { translation: en }, ja: { translation: ja }, es: { translation: es }, zh: { translation: zh } } as const;

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
