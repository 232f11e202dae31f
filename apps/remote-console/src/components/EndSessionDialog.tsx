import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Disposition } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../client/ClientContext.tsx';

/**
 * Modal to end the session: pick a disposition (required), add optional notes, confirm.
 * Native `<dialog>`: focus stays inside and Escape cancels.
 */
export function EndSessionDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { pending } = useConsoleState();
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<Disposition | null>(null);
  const [notes, setNotes] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setChoice(null);
      setNotes('');
      setMissing(false);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) {
      setMissing(true);
      ref.current?.querySelector<HTMLInputElement>('input[name="disposition"]')?.focus();
      return;
    }
    if (await client.endSession(choice, notes)) onClose();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="end-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="end-title">{t('end.title')}</h2>
        <p className="muted">{t('end.intro')}</p>
        <fieldset className="dispositions" aria-describedby={missing ? 'end-missing' : undefined} aria-invalid={missing || undefined}>
          <legend>{t('end.disposition')}</legend>
          {Disposition.options.map((d) => (
            <label key={d} className="radio-row">
              <input
                type="radio"
                name="disposition"
                value={d}
                checked={choice === d}
                onChange={() => {
                  setChoice(d);
                  setMissing(false);
                }}
              />
              <span>{t(`disposition.${d}`)}</span>
            </label>
          ))}
        </fieldset>
        {missing && (
          <p id="end-missing" className="form-error" role="alert">
            {t('end.missing')}
          </p>
        )}
        <div className="field">
          <label htmlFor="end-notes">{t('end.notes')}</label>
          <textarea id="end-notes" rows={3} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <div className="dialog-actions">
          <button type="submit" className="btn btn--danger" disabled={pending.end} aria-busy={pending.end}>
            {t('end.confirm')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
