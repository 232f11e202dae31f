import { useTranslation } from 'react-i18next';
import '../i18n.ts';

/** Shown when the kiosk has no valid configuration. */
export function NotConfigured() {
  const { t } = useTranslation();
  return <main className="screen center"><p className="big" role="alert">{t('status.notConfigured')}</p></main>;
}
