import { useTranslation } from 'react-i18next';
import { KIOSK_LANGUAGES } from '../i18n.ts';

/** Shown while the device is out of service: in every UI language, with where to go instead. */
export function OutOfService() {
  const { t } = useTranslation();
  return (
    <section className="panel out-of-service" role="status">
      {KIOSK_LANGUAGES.map((l) => (
        <div key={l} lang={l} className="oos-block">
          <h1>{t('outOfService.title', { lng: l })}</h1>
          <p>{t('outOfService.body', { lng: l })}</p>
        </div>
      ))}
    </section>
  );
}
