import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../client/ClientContext.tsx';

/**
 * Screen-reader announcements: new offers go to an assertive region, state changes and
 * other events to a polite one. Both regions stay mounted so changes are announced.
 */
export function LiveAnnouncer() {
  const { t } = useTranslation();
  const { announcement: a } = useConsoleState();
  let text = '';
  if (a) {
    const params: Record<string, string | number> = { ...a.params };
    if (typeof params.state === 'string') params.state = t(`workerState.${params.state}`);
    if (typeof params.urgency === 'string') params.urgency = t(`urgency.${params.urgency}`);
    text = t(a.key, params);
  }
  return (
    <>
      <div className="sr-only" aria-live="assertive" aria-atomic="true">
        {a?.urgent && <span key={a.id}>{text}</span>}
      </div>
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {a && !a.urgent && <span key={a.id}>{text}</span>}
      </div>
    </>
  );
}
