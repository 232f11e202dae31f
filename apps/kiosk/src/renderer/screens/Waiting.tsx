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
      </div>
      <Transcript entries={state.transcript} label={t('chat.transcript')} />
      <MessageInput talk={state.capabilities.speechInput ? { recording: state.recording, start: () => void client.startTalking(), stop: () => client.stopTalking() } : undefined} onSend={(text) => client.sendMessage(text)} disabled={state.busy} />
      <button className="link-button" onClick={() => void client.leave()}>{t('waiting.leave')}</button>
    </section>
  );
}
