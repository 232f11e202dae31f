import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Typed input with a large send button. */
export function MessageInput({
  onSend,
  disabled,
  talk,
}: {
  onSend: (text: string) => void | Promise<void>;
  disabled?: boolean;
  /** Push-to-talk, shown only when the orchestrator has speech recognition. */
  talk?: { recording: boolean; start: () => void; stop: () => void };
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
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
      {talk && (
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
    </form>
  );
}
