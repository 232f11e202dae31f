import { useTranslation } from 'react-i18next';
import type { UiMessage } from '../../client/state.ts';

/** A localized UI message with its untranslated technical detail, if any. */
export function Message({ message }: { message: UiMessage }) {
  const { t } = useTranslation();
  return (
    <>
      {t(message.key, { ...message.params, defaultValue: t('errors.internal') })}
      {message.detail && <span className="detail"> ({message.detail})</span>}
    </>
  );
}
