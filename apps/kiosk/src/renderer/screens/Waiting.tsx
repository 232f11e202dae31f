import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { Phrased } from '../text/Phrased.tsx';
import { estimateChange, waitView, type Estimate } from '../waiting/waitView.ts';
import { Emergency } from './Emergency.tsx';
import { MessageInput, talkOf } from './MessageInput.tsx';
import { Transcript } from './Transcript.tsx';
import { ErrorNote } from './ErrorNote.tsx';

/**
 * Waiting for a person, in exactly one state at a time: emergency (calm screen, no estimate,
 * no callback), nobody on shift (say so, offer the callback at once), everyone busy (a measured
 * estimate, and a notice when it changes by more than the margin), or not known yet (say so,
 * never a number). Never a silent wait.
 */
export function Waiting({ client, state }: { client: KioskClient; state: KioskState }) {
  const view = waitView(state.queue, state.emergency);
  if (view.kind === 'emergency') return <Emergency client={client} state={state} acknowledged={view.acknowledged} emergencyNumber={view.emergencyNumber} />;
  if (view.kind === 'no_staff') return <NoStaff client={client} state={state} afterHours={view.afterHours} />;
  return <Queued client={client} state={state} />;
}

function Queued({ client, state }: { client: KioskClient; state: KioskState }) {
  const { t } = useTranslation();
  const view = waitView(state.queue, state.emergency);
  const change = useEstimateNotice(view.kind === 'busy' ? (state.queue?.estimateRangeMs ?? null) : null);
  return (
    <section className="waiting">
      <div className="waiting-card" role="status" aria-live="polite" aria-labelledby="waiting-title" tabIndex={0}>
        <div className="spinner" aria-hidden="true" />
        <h1 id="waiting-title"><Phrased text={t('waiting.title')} /></h1>
        {view.kind === 'checking' && <p className="hint">{t('waiting.checking')}</p>}
        {(view.kind === 'busy' || view.kind === 'unknown') && (
          <>
            <p className="big" data-testid="queue-position">{t('waiting.position', { position: view.position })}</p>
            {view.kind === 'busy' ? (
              <>
                <p className="eta" data-testid="wait-estimate">{estimateText(t, view.estimate)}</p>
                {change && <p className="notice-change" data-testid="estimate-change">{t(change === 'longer' ? 'waiting.longer' : 'waiting.shorter')}</p>}
                <p className="hint">{t('waiting.busy')}</p>
              </>
            ) : (
              <p className="eta unknown" data-testid="wait-estimate">{t('waiting.unknown')}</p>
            )}
            {view.offered && <p className="hint">{t('waiting.offered')}</p>}
          </>
        )}
        <p className="hint">{t('waiting.keepTyping')}</p>
      </div>
      <div className="waiting-talk">
        <Transcript entries={state.transcript} label={t('chat.transcript')} />
        <MessageInput talk={talkOf(client, state)} onSend={(text) => client.sendMessage(text)} disabled={state.busy} pending={state.pendingMessages} />
        <button className="link-button" onClick={() => void client.leave()}>{t('waiting.leave')}</button>
      </div>
    </section>
  );
}

function estimateText(t: (k: string, o?: Record<string, unknown>) => string, e: Estimate): string {
  if (e.kind === 'soon') return t('waiting.etaSoon');
  if (e.kind === 'about') return t('waiting.etaMinutes', { minutes: e.minutes });
  return t('waiting.etaRange', { low: e.low, high: e.high });
}

/**
 * The estimate last told to the visitor, and whether the latest one differs from it by more
 * than the margin (then it becomes the one told, and the notice stays until the next change).
 */
function useEstimateNotice(range: { low: number; high: number } | null): 'longer' | 'shorter' | null {
  const told = useRef<{ low: number; high: number } | null>(null);
  const [notice, setNotice] = useState<'longer' | 'shorter' | null>(null);
  const low = range?.low;
  const high = range?.high;
  useEffect(() => {
    if (low === undefined || high === undefined) return;
    const next = { low, high };
    const change = estimateChange(told.current, next);
    if (!told.current || change) told.current = next;
    if (change) setNotice(change);
  }, [low, high]);
  return notice;
}

/** Nobody on shift or the office is closed: say so and offer the callback form at once. */
function NoStaff({ client, state, afterHours }: { client: KioskClient; state: KioskState; afterHours: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="waiting no-staff">
      <div className="waiting-card callback-card" role="status" aria-labelledby="no-staff-title" tabIndex={0}>
        <div className="callback-intro">
          <h1 id="no-staff-title"><Phrased text={t(afterHours ? 'noStaff.afterHoursTitle' : 'noStaff.title')} /></h1>
          <p className="big">{t('noStaff.body')}</p>
        </div>
        <CallbackForm client={client} busy={state.busy} error={state.errorKey} />
      </div>
      <button className="link-button" onClick={() => void client.leave()}>{t('waiting.leave')}</button>
    </section>
  );
}

/** Leave a name and a phone or e-mail; the ticket number follows on the thanks screen. */
function CallbackForm({ client, busy, error }: { client: KioskClient; busy: boolean; error: string | null }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && contact.trim()) void client.requestCallback(name.trim(), contact.trim());
  };
  return (
    <form className="callback-form" onSubmit={submit} aria-label={t('callback.offer')}>
      <label>
        {t('callback.name')}
        <input value={name} maxLength={80} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('callback.contact')}
        <input value={contact} maxLength={120} autoComplete="off" inputMode="email" onChange={(e) => setContact(e.target.value)} />
      </label>
      {/* Refused above capacity or during a brief outage: say so kindly; anything else is most likely the contact. */}
      <ErrorNote errorKey={error && (error === 'status.tryLater' ? error : 'callback.invalid')} />
      <button type="submit" className="big-button primary" disabled={busy || !name.trim() || !contact.trim()}>{t('callback.submit')}</button>
    </form>
  );
}
