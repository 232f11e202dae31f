import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { useHandsFree } from '../voice/HandsFreeContext.tsx';

/** Push-to-talk controls, present only when the orchestrator has speech recognition. */
export interface Talk {
  recording: boolean;
  start: () => void;
  stop: () => void;
}

/** The push-to-talk props of a screen: undefined when no speech provider is configured. */
export function talkOf(client: KioskClient, state: KioskState): Talk | undefined {
  if (!state.capabilities.speechInput) return undefined;
  return { recording: state.recording, start: () => void client.startTalking(), stop: () => client.stopTalking() };
}

/**
 * Typed input with a large send button; with a speech provider also "Just speak" (voice
 * activity detection: the microphone listens and each phrase is sent when the visitor pauses)
 * and push-to-talk as the fallback (hold while speaking). `pending` is the number of typed
 * messages waiting for the connection: while it is above 0 a small note under the input says
 * they will be sent when the connection is back (they are not lost and need not be typed again).
 */
export function MessageInput({ onSend, disabled, talk, pending = 0 }: { onSend: (text: string) => void | Promise<void>; disabled?: boolean; talk?: Talk; pending?: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const handsFree = useHandsFree();
  const hf = talk && handsFree.available ? handsFree : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = text.trim();
    if (!v) return;
    setText('');
    void onSend(v);
  };
  return (
    <form className="message-input" onSubmit={submit}>
      <label className="sr-only" htmlFor="visitor-input">{t('chat.inputLabel')}</label>
      <input id="visitor-input" value={text} maxLength={1000} autoComplete="off" placeholder={t('chat.placeholder')} onChange={(e) => setText(e.target.value)} />
      {hf && (
        <button type="button" className={`talk hands-free ${hf.state}`} aria-pressed={hf.state !== 'off'} onClick={() => hf.toggle()}>
          <span className="mic-dot" aria-hidden="true" />
          {hf.state === 'hearing' ? t('voice.hearing') : hf.state === 'listening' ? t('voice.handsFreeOn') : t('voice.handsFree')}
        </button>
      )}
      {talk && (!hf || hf.state === 'off') && (
        <button
          type="button"
          className={`talk ${talk.recording ? 'recording' : ''}`}
          aria-pressed={talk.recording}
          onPointerDown={talk.start}
          onPointerUp={talk.stop}
          onPointerLeave={() => talk.recording && talk.stop()}
          onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && !e.repeat && talk.start()}
          onKeyUp={(e) => (e.key === ' ' || e.key === 'Enter') && talk.stop()}
        >
          {talk.recording ? t('voice.listening') : t('voice.holdToTalk')}
        </button>
      )}
      <button type="submit" className="send" disabled={disabled || !text.trim()}>{t('chat.send')}</button>
      <p className="pending-note" role="status" data-testid="pending-messages">
        {pending > 0 && (
          <>
            <span className="pending-dot" aria-hidden="true" />
            {t('chat.pending')}
          </>
        )}
      </p>
    </form>
  );
}
