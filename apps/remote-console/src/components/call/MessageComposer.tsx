import { type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';

/** Typed message to the visitor: Enter sends, Shift+Enter starts a new line. The text is owned by the call view (canned replies insert into it). */
export function MessageComposer({ text, setText, inputRef, tools }: { text: string; setText: (t: string) => void; inputRef?: RefObject<HTMLTextAreaElement | null>; /** Shown beside the label (canned replies). */ tools?: ReactNode }) {
  const { t } = useTranslation();
  const client = useClient();
  const { pending } = useConsoleState();

  const send = async () => {
    if (!text.trim()) return;
    if (await client.sendMessage(text)) setText('');
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
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-head">
        <label htmlFor="composer-text">{t('call.messageLabel')}</label>
        {tools}
      </div>
      <div className="composer-row">
        <textarea
          id="composer-text"
          ref={inputRef}
          rows={2}
          maxLength={1000}
          value={text}
          aria-describedby="composer-hint"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn btn--primary" disabled={pending.message || !text.trim()}>
          {t('call.send')}
        </button>
      </div>
      <p id="composer-hint" className="form-hint">
        {t('call.messageHint')}
      </p>
    </form>
  );
}
