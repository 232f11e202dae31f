import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Callback } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { deviceName } from '../../client/state.ts';
import { localeOf } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Icon } from '../common/Icon.tsx';
import { LanguageBadge } from '../common/LanguageBadge.tsx';
import { Message } from '../common/Message.tsx';

/** The callback queue: visitors who left a name and contact instead of waiting, oldest first. */
export function CallbacksPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const { callbacks } = useConsoleState();
  const { items, status, result } = callbacks;
  return (
    <section className="callbacks" aria-labelledby="callbacks-heading">
      <div className="section-head">
        <h2 id="callbacks-heading">{t('callbacks.heading')}</h2>
        <span className="count">{t('callbacks.count', { count: items.length })}</span>
        <button type="button" className="btn btn--icon" onClick={() => void client.loadCallbacks()} aria-label={t('callbacks.refresh')} title={t('callbacks.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>
      <p className={`callback-result${result && !result.ok ? ' callback-result--bad' : ''}`} role="status">
        {result && <Message message={result} />}
      </p>
      {status === 'error' && <p className="muted">{t('callbacks.loadFailed')}</p>}
      {status === 'loading' && items.length === 0 ? (
        <p className="muted">{t('callbacks.loading')}</p>
      ) : items.length === 0 && status !== 'error' ? (
        <p className="muted">{t('callbacks.none')}</p>
      ) : (
        <ul className="callback-list">
          {items.map((c) => (
            <CallbackItem key={c.id} callback={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CallbackItem({ callback: c }: { callback: Callback }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { pending, devices } = useConsoleState();
  const titleId = `callback-${c.id}`;
  // Lists carry the contact masked; the full contact is asked for (and audited) one callback at a time.
  const [contact, setContact] = useState<string | null>(null);
  return (
    <li className="callback" aria-labelledby={titleId}>
      <h3 id={titleId} className="callback-title">
        <span className="callback-ticket">{c.ticket}</span> {c.name}
      </h3>
      <dl className="callback-facts">
        <div>
          <dt>{t('callbacks.contact')}</dt>
          <dd>
            <span className="callback-contact">{contact ?? c.contact}</span>
            {contact === null && (
              <button type="button" className="btn btn--small btn--ghost" onClick={() => void client.callbackContact(c.id).then((r) => r && setContact(r.contact))}>
                {t('callbacks.showContact')}
              </button>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('callbacks.language')}</dt>
          <dd>
            <LanguageBadge language={c.language} />
          </dd>
        </div>
        <div>
          <dt>{t('callbacks.left')}</dt>
          <dd>
            <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, localeOf(i18n.language))}</time> · {deviceName(devices, c.deviceId)}
          </dd>
        </div>
        {c.note && (
          <div className="callback-note">
            <dt>{t('callbacks.note')}</dt>
            <dd>{c.note}</dd>
          </div>
        )}
      </dl>
      <button type="button" className="btn btn--small" disabled={pending.callbackId !== null} aria-describedby={titleId} onClick={() => void client.completeCallback(c.id)}>
        <Icon name="check" />
        {t('callbacks.complete')}
      </button>
    </li>
  );
}
