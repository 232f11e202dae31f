import { useTranslation } from 'react-i18next';

/**
 * The last error, in words. "We are very busy right now" (`status.tryLater`: the service is above
 * capacity or briefly without its database) is not the visitor's fault and nothing is broken: it
 * reads calm (amber, not red); other errors read as problems.
 */
export function ErrorNote({ errorKey }: { errorKey: string | null }) {
  const { t } = useTranslation();
  if (!errorKey) return null;
  return (
    <p className={`problem${errorKey === 'status.tryLater' ? ' busy' : ''}`} role="alert">
      {t(errorKey)}
    </p>
  );
}
