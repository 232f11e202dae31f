import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from './Icon.tsx';
import { Message } from './Message.tsx';

/** Connection trouble and the last failed action, under the header. */
export function Banners() {
  const { t } = useTranslation();
  const client = useClient();
  const { connection, connectionDetail, actionError } = useConsoleState();
  return (
    <div className="banners">
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
