import { useTranslation } from 'react-i18next';
import type { KbStatus } from '@telekiosk/shared';

/** A version and its status as a badge, e.g. "v3 · Draft" (the status in words, its colour a hint only). */
export function StatusBadge({ status, version }: { status: KbStatus; version: number }) {
  const { t } = useTranslation();
  return <span className={`badge kb-status kb-status--${status}`}>{t('knowledge.versionStatus', { version, status: t(`knowledge.status.${status}`) })}</span>;
}
