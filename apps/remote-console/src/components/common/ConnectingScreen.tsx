import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Message } from './Message.tsx';

/** Shown between sign-in and the first snapshot from the server. */
export function ConnectingScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const { connectionDetail, actionError } = useConsoleState();
  return (
    <main className="center-page" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h1 role="status">{t('connection.connecting')}</h1>
      {connectionDetail && (
        <p className="muted">
          {t('connection.retrying')} <span className="detail">({connectionDetail})</span>
        </p>
      )}
      {actionError && (
        <p className="form-error" role="alert">
          <Message message={actionError} />
        </p>
      )}
      <button type="button" className="btn" onClick={() => client.logout()}>
        {t('header.signOut')}
      </button>
    </main>
  );
}
