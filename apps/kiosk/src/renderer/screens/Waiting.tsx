import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { MessageInput } from './MessageInput.tsx';
import { Transcript } from './Transcript.tsx';

/** Waiting for a person: position, estimated wait and what happens next, never a silent wait. */
export function Waiting({ client, state }: { client: KioskClient; state: KioskState }) {
  const { t } = useTranslation();
  const q = state.queue;
  const minutes = q ? Math.max(1, Math.round(q.estimatedWaitMs / 60000)) : 0;
  return (
    <section className="waiting">
      <div className="waiting-card" role="status" aria-live="polite">
        <div className="spinner" aria-hidden="true" />
        <h1>{t('waiting.title')}</h1>
        {q ? (
          <>
            <p className="big" data-testid="queue-position">{t('waiting.position', { position: q.position })}</p>
            <p className="eta">{q.estimatedWaitMs < 60_000 ? t('waiting.etaSoon') : t('waiting.etaMinutes', { minutes })}</p>
            <p className="hint">{q.offered ? t('waiting.offered') : q.availableWorkers === 0 ? t('waiting.noWorkers') : ''}</p>
          </>
        ) : (
          <p className="hint">{t('waiting.checking')}</p>
        )}
        <p className="hint">{t('waiting.keepTyping')}</p>
        {q?.callbackReason && <CallbackOffer client={client} reason={q.callbackReason} busy={state.busy} error={state.errorKey} />}
      </div>
      <Transcript entries={state.transcript} label={t('chat.transcript')} />
      <MessageInput talk={state.capabilities.speechInput ? { recording: state.recording, start: () => void client.startTalking(), stop: () => client.stopTalking() } : undefined} onSend={(text) => client.sendMessage(text)} disabled={state.busy} />
      <button className="link-button" onClick={() => void client.leave()}>{t('waiting.leave')}</button>
    </section>
  );
}

/** Offered when nobody can serve now or the office is closed: leave a name and a phone or e-mail. */
function CallbackOffer({ client, reason, busy, error }: { client: KioskClient; reason: 'no_workers' | 'after_hours'; busy: boolean; error: string | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && contact.trim()) void client.requestCallback(name.trim(), contact.trim());
  };
  return (
    <div className="callback-offer">
      <p className="big">{t(reason === 'after_hours' ? 'callback.afterHours' : 'callback.noWorkers')}</p>
      {!open ? (
        <button className="big-button primary" onClick={() => setOpen(true)}>{t('callback.offer')}</button>
      ) : (
        <form className="callback-form" onSubmit={submit}>
          <label>
            {t('callback.name')}
            <input value={name} maxLength={80} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t('callback.contact')}
            <input value={contact} maxLength={120} autoComplete="off" inputMode="email" onChange={(e) => setContact(e.target.value)} />
          </label>
          {error && <p className="problem" role="alert">{t('callback.invalid')}</p>}
          <button type="submit" className="big-button primary" disabled={busy || !name.trim() || !contact.trim()}>{t('callback.submit')}</button>
        </form>
      )}
    </div>
  );
}
