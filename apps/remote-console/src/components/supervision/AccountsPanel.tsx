import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Role, type AccountStatus, type UserAccount } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import type { UiMessage } from '../../client/state.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { useModal } from '../common/useModal.ts';

/** Every console role: worker, supervisor, facility staff, knowledge editor, AI trainer. */
const ROLES: readonly Role[] = Role.options;

/** What a supervisor is about to do to an account (asked again in a dialog: it signs the person out at once). */
type Pending = { user: UserAccount; change: { status: AccountStatus } | { role: Role } };

/**
 * Supervisors: console accounts with their role and status. Disabling, deleting or changing a
 * role takes effect at once on every node (the person's sign-ins end and their console closes
 * with the reason); each change is confirmed in a dialog first. A supervisor cannot change
 * their own account (the server refuses it too).
 */
export function AccountsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const { worker } = useConsoleState();
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [result, setResult] = useState<UiMessage | null>(null);
  const [failed, setFailed] = useState(false);
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await client.listUsers();
    if (r.ok) {
      setUsers(r.users.filter((u) => u.status !== 'deleted'));
      setFailed(false);
    } else {
      setFailed(true);
      setResult(r.error);
    }
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const apply = async (p: Pending) => {
    setBusy(true);
    const r = 'status' in p.change ? await client.setUserStatus(p.user.id, p.change.status) : await client.setUserRole(p.user.id, p.change.role);
    setBusy(false);
    setConfirm(null);
    if (r.ok) {
      setResult({ key: 'accounts.done', params: { name: r.user.displayName } });
      await load();
    } else setResult(r.error);
  };

  return (
    <section className="fleet-card" aria-labelledby="sv-accounts-heading">
      <div className="section-head">
        <h2 id="sv-accounts-heading">{t('accounts.heading')}</h2>
        <span className="count">{users?.length ?? ''}</span>
        <button type="button" className="btn btn--icon" onClick={() => void load()} aria-label={t('accounts.refresh')} title={t('accounts.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>
      <p className="muted">{t('accounts.explain')}</p>
      <p className={`fleet-result${result && result.key !== 'accounts.done' ? ' fleet-result--bad' : ''}`} role="status">
        {result && <Message message={result} />}
      </p>
      {users === null ? (
        <p className="muted">{failed ? t('accounts.loadFailed') : t('accounts.loading')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('supervision.col.name')}</th>
                <th scope="col">{t('accounts.username')}</th>
                <th scope="col">{t('supervision.col.role')}</th>
                <th scope="col">{t('accounts.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('supervision.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const self = u.id === worker?.id;
                return (
                  <tr key={u.id}>
                    <th scope="row">{u.displayName}</th>
                    <td>{u.username}</td>
                    <td>
                      <label className="sr-only" htmlFor={`role-${u.id}`}>
                        {t('accounts.roleOf', { name: u.displayName })}
                      </label>
                      <select id={`role-${u.id}`} value={u.role} disabled={self || busy} onChange={(e) => setConfirm({ user: u, change: { role: e.target.value as Role } })}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <span className={`state-text state-text--${u.status === 'active' ? 'available' : 'offline'}`}>{t(`accounts.statusValue.${u.status}`)}</span>
                    </td>
                    <td>
                      {self ? (
                        <span className="muted">{t('accounts.you')}</span>
                      ) : (
                        <div className="assign-cell">
                          {u.status === 'active' ? (
                            <button type="button" className="btn btn--small" disabled={busy} onClick={() => setConfirm({ user: u, change: { status: 'disabled' } })}>
                              {t('accounts.disable')}
                            </button>
                          ) : (
                            <button type="button" className="btn btn--small" disabled={busy} onClick={() => setConfirm({ user: u, change: { status: 'active' } })}>
                              {t('accounts.enable')}
                            </button>
                          )}
                          <button type="button" className="btn btn--small btn--danger" disabled={busy} onClick={() => setConfirm({ user: u, change: { status: 'deleted' } })}>
                            {t('accounts.delete')}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog pending={confirm} busy={busy} onCancel={() => setConfirm(null)} onConfirm={() => confirm && void apply(confirm)} />
    </section>
  );
}

function ConfirmDialog({ pending, busy, onCancel, onConfirm }: { pending: Pending | null; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const ref = useModal(pending !== null);
  const name = pending?.user.displayName ?? '';
  const change = pending?.change;
  const question = !change ? '' : 'role' in change ? t('accounts.confirmRole', { name, role: t(`role.${change.role}`) }) : t(`accounts.confirm.${change.status}`, { name });
  const danger = !!change && 'status' in change && change.status !== 'active';
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="accounts-confirm-title" aria-describedby="accounts-confirm-text" onClose={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <h2 id="accounts-confirm-title">{t('accounts.confirmTitle')}</h2>
        <p id="accounts-confirm-text">{question}</p>
        <p className="muted">{t('accounts.confirmEffect')}</p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t('accounts.cancel')}
          </button>
          <button type="submit" className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`} disabled={busy}>
            {t('accounts.confirmButton')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
