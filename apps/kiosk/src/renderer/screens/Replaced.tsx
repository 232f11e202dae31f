import { useTranslation } from 'react-i18next';
import type { Language } from '@telekiosk/shared';
import { KIOSK_LANGUAGES, LOCALE_TAG } from '../i18n.ts';
import { Phrased } from '../text/Phrased.tsx';

/**
 * Another window or machine took over this device (one active connection per device): this one
 * has stopped and says so, large in the visitor's language and smaller in every other one (the
 * next person at the kiosk may speak any of them), with whom to ask.
 */
export function Replaced({ language }: { language: Language }) {
  const { t } = useTranslation();
  const others = KIOSK_LANGUAGES.filter((l) => l !== language);
  return (
    <section className="panel replaced" role="status" aria-labelledby="replaced-title" data-testid="replaced">
      <div className="replaced-main">
        <h1 id="replaced-title"><Phrased text={t('replaced.title')} /></h1>
        <p className="big">{t('replaced.body')}</p>
      </div>
      <div className="replaced-others">
        {others.map((l) => (
          <div key={l} lang={LOCALE_TAG[l] ?? l} className="oos-block">
            <h2><Phrased text={t('replaced.title', { lng: l })} lang={l} /></h2>
            <p>{t('replaced.body', { lng: l })}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
