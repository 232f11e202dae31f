import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { consultRole } from '../../client/consultClient.ts';
import { localeOf } from '../../i18n/i18n.ts';
import { formatTime } from '../../lib/format.ts';
import { useAutoScroll } from '../../lib/useAutoScroll.ts';
import { Icon } from '../common/Icon.tsx';

/**
 * The consult banner of a warm transfer with a private consult, at the top of the call view.
 * For the worker who transferred (A): "Private consult with … — the visitor is on hold", then
 * "You are in a three-way call", each with "Leave the call". For the colleague who accepted (B):
 * "read the handoff and notes, then join" with "Join the visitor", then "… is introducing you".
 */
export function ConsultBanner() {
  const { t } = useTranslation();
  const client = useClient();
  const state = useConsoleState();
  const role = consultRole(state);
  const c = state.consult;
  if (!role || !c) return null;
  const onHold = c.phase === 'consult';
  const text =
    role === 'from' ? (onHold ? t('consult.fromBanner', { name: c.toName }) : t('consult.fromThreeWay')) : onHold ? t('consult.toBanner', { name: c.fromName }) : t('consult.toThreeWay', { name: c.fromName });
  return (
    <section className={`consult-banner consult-banner--${c.phase}`} aria-label={t('consult.bannerLabel')} data-testid="consult-banner">
      <Icon name={onHold ? 'pause' : 'person'} />
      <div className="consult-banner-text">
        <p className="consult-banner-kicker">{t(onHold ? 'consult.kickerHold' : 'consult.kickerThreeWay')}</p>
        <p className="consult-banner-title" role="status">
          {text}
        </p>
        {c.error && (
          <p className="form-error" role="alert">
            {t(c.error.key, c.error.params)} {c.error.detail}
          </p>
        )}
      </div>
      {role === 'from' && (
        <button type="button" className="btn btn--large btn--danger" onClick={() => void client.consult.leave()} disabled={!!c.pending} aria-busy={c.pending === 'leave'}>
          {t('consult.leave')}
        </button>
      )}
      {role === 'to' && onHold && (
        <button type="button" className="btn btn--large btn--primary" onClick={() => void client.consult.join()} disabled={!!c.pending} aria-busy={c.pending === 'join'}>
          {t('consult.join')}
        </button>
      )}
    </section>
  );
}

/** The private chat between the two workers of a consult (never shown to the visitor). */
export function ConsultChat() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const state = useConsoleState();
  const [text, setText] = useState('');
  const ids = { heading: useId(), input: useId() };
  const c = state.consult;
  const logRef = useAutoScroll<HTMLDivElement>(c?.messages.length ?? 0);
  const role = consultRole(state);
  if (!role || !c) return null;
  const other = role === 'from' ? c.toName : c.fromName;
  const me = state.worker?.id;

  const send = async () => {
    if (!text.trim()) return;
    if (await client.consult.sendMessage(text)) setText('');
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <section className="panel consult-chat" aria-labelledby={ids.heading} data-testid="consult-chat">
      <h2 id={ids.heading} className="panel-title">
        <Icon name="session" />
        {t('consult.chatLabel', { name: other })}
      </h2>
      <div className="panel-scroll consult-log" ref={logRef} role="log" aria-live="polite" aria-label={t('consult.chatLog', { name: other })} tabIndex={0}>
        {c.messages.length === 0 ? (
          <p className="muted">{t('consult.noMessages')}</p>
        ) : (
          <ul className="consult-messages">
            {c.messages.map((m) => (
              <li key={`${m.from}-${m.at}-${m.text}`} className={`consult-message${m.from === me ? ' consult-message--mine' : ''}`}>
                <span className="consult-message-meta">
                  <strong>{m.from === me ? t('consult.you') : m.fromName}</strong> <time dateTime={m.at}>{formatTime(m.at, localeOf(i18n.language))}</time>
                </span>
                <span className="consult-message-text">{m.text}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <form className="composer consult-composer" onSubmit={onSubmit}>
        <label htmlFor={ids.input}>{t('consult.messageLabel', { name: other })}</label>
        <div className="composer-row">
          <textarea id={ids.input} rows={2} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
          <button type="submit" className="btn btn--primary" disabled={c.pending === 'message' || !text.trim()}>
            {t('consult.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
