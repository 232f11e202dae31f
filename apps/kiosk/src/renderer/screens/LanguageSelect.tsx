import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../client/KioskClient.ts';
import { KIOSK_LANGUAGES } from '../i18n.ts';

/** Language choice: each language named in itself; the question asked in all of them. */
export function LanguageSelect({ client }: { client: KioskClient }) {
  const { t } = useTranslation();
  return (
    <section className="panel center language-select" aria-labelledby="lang-title">
      <h1 id="lang-title">{t('language.title')}</h1>
      <p className="lang-also" aria-hidden="true">
        {KIOSK_LANGUAGES.filter((l) => t('language.title', { lng: l }) !== t('language.title')).map((l) => (
          <span key={l} lang={l}>{t('language.title', { lng: l })}</span>
        ))}
      </p>
      <div className="lang-grid">
        {KIOSK_LANGUAGES.map((l) => (
          <button key={l} lang={l} className="big-button lang" onClick={() => client.chooseLanguage(l)}>
            {t('languageName', { lng: l })}
          </button>
        ))}
      </div>
      <button className="link-button" onClick={() => client.back()}>{t('language.back')}</button>
    </section>
  );
}
