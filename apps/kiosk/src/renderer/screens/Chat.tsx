import { useTranslation } from 'react-i18next';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { MessageInput, talkOf } from './MessageInput.tsx';
import { Transcript } from './Transcript.tsx';
import { ErrorNote } from './ErrorNote.tsx';

/** Conversation with the AI assistant; "Talk to a person" always visible. */
export function Chat({ client, state }: { client: KioskClient; state: KioskState }) {
  const { t } = useTranslation();
  return (
    <section className="chat">
      <div className="chat-head">
        <span className="ai-badge">{t('chat.aiBadge')}</span>
        <button className="voice-toggle" aria-pressed={state.voiceOn} onClick={client.toggleVoice}>{state.voiceOn ? t('voice.on') : t('voice.off')}</button>
        <button className="big-button person" onClick={() => void client.requestPerson()} disabled={state.busy}>
          {t('chat.talkToPerson')}
        </button>
      </div>
      <Transcript entries={state.transcript} label={t('chat.transcript')} />
      {state.busy && <p className="hint" aria-live="polite">{t('chat.thinking')}</p>}
      <ErrorNote errorKey={state.errorKey} />
      <MessageInput talk={talkOf(client, state)} onSend={(text) => client.sendMessage(text)} disabled={state.busy} pending={state.pendingMessages} />
      <button className="link-button" onClick={() => void client.leave()}>{t('chat.finish')}</button>
    </section>
  );
}
