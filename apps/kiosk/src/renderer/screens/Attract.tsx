import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../client/KioskClient.ts';
import { KIOSK_LANGUAGES } from '../i18n.ts';

/** Attract screen: one big target; the invitation in every UI language. */
export function Attract({ client }: { client: KioskClient }) {
  const { t } = useTranslation();
  return (
    <button className="attract" onClick={() => client.touchStart()} aria-label={t('attract.touch')}>
      <span className="attract-title">{t('attract.title')}</span>
      <span className="attract-sub">{t('attract.sub')}</span>
      <span className="attract-touch">
        {KIOSK_LANGUAGES.map((l) => (
          <span key={l} lang={l}>{t('attract.touch', { lng: l })}</span>
        ))}
      </span>
    </button>
  );
}
