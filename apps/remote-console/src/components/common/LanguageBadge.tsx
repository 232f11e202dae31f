import { useTranslation } from 'react-i18next';
import type { Language } from '@telekiosk/shared';

/** A language as its localized name with the BCP 47 tag, e.g. "Japanese (ja)". */
export function LanguageBadge({ language, className = 'badge badge--lang' }: { language: Language; className?: string }) {
  const { t } = useTranslation();
  return (
    <span className={className}>
      {t('languageTag', { name: t(`languages.${language}`), tag: language })}
    </span>
  );
}
