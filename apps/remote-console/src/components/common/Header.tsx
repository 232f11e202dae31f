import { useTranslation } from 'react-i18next';
import { servesVisitors } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { AvailabilityControl } from './AvailabilityControl.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { StatusPill } from './StatusPill.tsx';

/**
 * Dark app header: brand, who is signed in, status and availability (only for roles that take
 * visitors: workers and supervisors), language, sign out.
 */
export function Header() {
  const { t } = useTranslation();
  const client = useClient();
  const { worker, pending, consult } = useConsoleState();
  // While I am the transferring colleague in a consult, routing keeps me away; the call view says why.
  const consulting = !!worker && !!consult && consult.fromWorkerId === worker.id && consult.phase !== 'ended';
  const takesVisitors = !!worker && servesVisitors(worker.role) && !consulting;
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-office">{t('app.office')}</span>
        <span className="brand-product">{t('app.product')}</span>
      </div>
      {worker && (
        <div className="identity">
          <span className="identity-name">{worker.displayName}</span>
          <span className="identity-role">{t(`role.${worker.role}`)}</span>
        </div>
      )}
      <div className="header-controls">
        {worker && takesVisitors && <StatusPill state={worker.state} />}
        {worker && takesVisitors && <AvailabilityControl state={worker.state} pending={pending.state} />}
        <LanguageSwitcher />
        <button type="button" className="btn btn--header" onClick={() => client.logout()}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
