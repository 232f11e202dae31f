import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES as LANGUAGES } from '@telekiosk/shared';
import type { KioskClient } from '../client/KioskClient.ts';

/** Language choice: each language named in itself. */
export function LanguageSelect({ client }: { client: KioskClient }) {
  const { t } = useTranslation();
  return (
    <section className="panel center" aria-labelledby="lang-title">
      <h1 id="lang-title">{LANGUAGES.map((l) => t('language.title', { lng: l })).join(' · ')}</h1>
      <div className="lang-grid">
        {LANGUAGES.map((l) => (
          <button key={l} lang={l} className="big-button" onClick={() => client.chooseLanguage(l)}>
            {t('languageName', { lng: l })}
          </button>
        ))}
      </div>
      <button className="link-button" onClick={() => client.back()}>{t('language.back')}</button>
    </section>
  );
}
