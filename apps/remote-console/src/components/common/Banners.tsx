import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from './Icon.tsx';
import { Message } from './Message.tsx';

/**
 * Connection trouble, why the worker was set to Away (a missed offer) with the one action to
 * return, and the last failed action, under the header.
 */
export function Banners() {
  const { t } = useTranslation();
  const client = useClient();
  const { connection, connectionDetail, actionError, worker, pending } = useConsoleState();
  const missed = worker?.state === 'away' && worker.awayReason === 'missed_offer';
  return (
    <div className="banners">
      {missed && (
        <div className="banner banner--warn" role="status" data-testid="away-missed-offer">
          <Icon name="pause" />
          <p>
            <strong>{t('away.missedOfferTitle')}</strong> {t('away.missedOfferBody')}
          </p>
          <button type="button" className="btn btn--primary" disabled={pending.state !== null} onClick={() => void client.setAvailability('available')}>
            {t('away.returnAvailable')}
          </button>
        </div>
      )}
      {connection === 'reconnecting' && (
        <div className="banner banner--warn" role="status">
          <Icon name="alert" />
          <p>
            <strong>{t('connection.lost')}</strong> {t('connection.reconnecting')}
            {connectionDetail && <span className="detail"> ({connectionDetail})</span>}
          </p>
        </div>
      )}
      {actionError && (
        <div className="banner banner--error" role="alert">
          <Icon name="alert" />
          <p>
            <Message message={actionError} />
          </p>
          <button type="button" className="btn btn--quiet" onClick={() => client.clearActionError()}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
