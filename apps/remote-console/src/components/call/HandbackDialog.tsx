import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { useModal } from '../common/useModal.ts';

/** Confirms handing the visitor back to the AI assistant (optional note for the record). */
export function HandbackDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { pending } = useConsoleState();
  const [note, setNote] = useState('');
  const ids = { title: useId(), note: useId() };
  const ref = useModal(open, () => setNote(''));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await client.handBack(note)) onClose();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={ids.title}>{t('handback.title')}</h2>
        <p className="muted">{t('handback.intro')}</p>
        <div className="field">
          <label htmlFor={ids.note}>{t('handback.note')}</label>
          <textarea id={ids.note} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="dialog-actions">
          <button type="submit" className="btn btn--primary" disabled={pending.handback} aria-busy={pending.handback}>
            {t('handback.confirm')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
