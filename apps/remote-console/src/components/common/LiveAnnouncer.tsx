import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../client/ClientContext.tsx';
import type { Announcement } from '../../client/state.ts';

/**
 * Screen-reader announcements: new offers go to an assertive region, state changes and
 * other events to a polite one. Both regions stay mounted so changes are announced; each
 * message is re-keyed so a repeated text is read again.
 */
export function LiveAnnouncer() {
  const { t } = useTranslation();
  const { announcements } = useConsoleState();
  const text = (a: Announcement) => {
    const params: Record<string, string | number> = { ...a.params };
    if (typeof params.state === 'string') params.state = t(`workerState.${params.state}`);
    if (typeof params.urgency === 'string') params.urgency = t(`urgency.${params.urgency}`);
    if (typeof params.kind === 'string') params.kind = t(`alertKind.${params.kind}`);
    return t(a.key, params);
  };
  const { urgent, polite } = announcements;
  return (
    <>
      <div className="sr-only" aria-live="assertive" aria-atomic="true">
        {urgent && <span key={urgent.id}>{text(urgent)}</span>}
      </div>
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {polite && <span key={polite.id}>{text(polite)}</span>}
      </div>
    </>
  );
}
