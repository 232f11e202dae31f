import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { useShortcuts } from '../../lib/useShortcuts.ts';
import { CallbacksPanel } from './CallbacksPanel.tsx';
import { DevicesPanel } from './DevicesPanel.tsx';
import { OffersArea } from './OffersArea.tsx';
import { WrapUpCard } from './WrapUpCard.tsx';

/** The desk of workers and supervisors: offers, then the callback queue and the devices (staff see the fleet screen instead). */
export function DeskScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const { worker, ended, offers } = useConsoleState();
  const bindings = useMemo(() => ({ a: () => client.acceptFirstOffer(), d: () => client.declineFirstOffer() }), [client]);
  useShortcuts(bindings);
  return (
    <main id="main" className="desk">
      <div className="desk-main">
        {/* A waiting offer comes first: the wrap-up card (with the verdict form) may still be open. */}
        {offers.length > 0 && <OffersArea key="offers" />}
        {ended && worker && <WrapUpCard key="wrapup" ended={ended} state={worker.state} role={worker.role} />}
        {offers.length === 0 && <OffersArea key="offers" />}
        <p className="help-line">
          <span>{t('help.title')}</span> <kbd>A</kbd> {t('help.accept')} · <kbd>D</kbd> {t('help.decline')} · <kbd>{t('help.keyTab')}</kbd> {t('help.tab')}
        </p>
      </div>
      <aside className="desk-side">
        <CallbacksPanel />
        <DevicesPanel />
      </aside>
    </main>
  );
}
