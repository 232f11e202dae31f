import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { viewsFor, type View } from '../../client/state.ts';
import { isEmergency } from '../../lib/emergency.ts';

export const VIEW_PANEL_ID = 'view-panel';

/**
 * The screens of the signed-in role (see `viewsFor`): workers Desk / History; supervisors Desk /
 * Supervision / Reports / Fleet / History / Knowledge (arrow keys move between them, as in any
 * tab list).
 */
export function ViewTabs() {
  const { t } = useTranslation();
  const client = useClient();
  const { view, offers, alerts, worker, supervisor } = useConsoleState();
  const VIEWS = viewsFor(worker?.role);
  const waiting = supervisor?.snapshot.queue.length ?? 0;
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const critical = alerts.filter((a) => a.severity === 'critical' && a.state === 'open').length;

  const onKey = (e: KeyboardEvent) => {
    const i = VIEWS.indexOf(view);
    let next: View | undefined;
    if (e.key === 'ArrowRight') next = VIEWS[(i + 1) % VIEWS.length];
    else if (e.key === 'ArrowLeft') next = VIEWS[(i - 1 + VIEWS.length) % VIEWS.length];
    else if (e.key === 'Home') next = VIEWS[0];
    else if (e.key === 'End') next = VIEWS[VIEWS.length - 1];
    if (!next) return;
    e.preventDefault();
    client.showView(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="view-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKey}>
      {VIEWS.map((v) => (
        <button
          key={v}
          ref={(el) => {
            refs.current[v] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${v}`}
          aria-selected={view === v}
          aria-controls={VIEW_PANEL_ID}
          tabIndex={view === v ? 0 : -1}
          className="view-tab"
          onClick={() => client.showView(v)}
        >
          {t(`tabs.${v}`)}
          {/* The same count as the offers list ("1 waiting"): offers wait for an answer, callbacks do not. */}
          {v === 'desk' && offers.length > 0 && (
            <span className={`tab-badge${offers.some((o) => isEmergency(o.handoff)) ? ' tab-badge--bad' : ''}`} aria-hidden="true">
              {offers.length}
            </span>
          )}
          {v === 'supervision' && waiting > 0 && (
            <span className="tab-badge tab-badge--warn" aria-hidden="true">
              {waiting}
            </span>
          )}
          {v === 'fleet' && critical > 0 && (
            <span className="tab-badge tab-badge--bad" aria-hidden="true">
              {critical}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
