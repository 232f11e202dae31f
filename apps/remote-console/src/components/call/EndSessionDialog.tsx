import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Disposition } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { endFormProblem, notesRequired } from '../../lib/disposition.ts';
import { useModal } from '../common/useModal.ts';

/**
 * Modal to end the session: pick a disposition (required) and add notes (required for
 * follow-up and referral, so whoever follows up knows what to do), confirm.
 * Native `<dialog>`: focus stays inside and Escape cancels.
 */
export function EndSessionDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { pending } = useConsoleState();
  const [choice, setChoice] = useState<Disposition | null>(null);
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<'disposition' | 'notes' | null>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const ref = useModal(open, () => {
    setChoice(null);
    setNotes('');
    setProblem(null);
  });
  const required = notesRequired(choice);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = endFormProblem(choice, notes);
    setProblem(p);
    if (p === 'disposition') {
      ref.current?.querySelector<HTMLInputElement>('input[name="disposition"]')?.focus();
      return;
    }
    if (p === 'notes') {
      notesRef.current?.focus();
      return;
    }
    if (await client.endSession(choice!, notes)) onClose();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="end-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="end-title">{t('end.title')}</h2>
        <p className="muted">{t('end.intro')}</p>
        <fieldset className="dispositions" aria-describedby={problem === 'disposition' ? 'end-missing' : undefined} aria-invalid={problem === 'disposition' || undefined}>
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
                  if (problem === 'disposition' || (problem === 'notes' && !notesRequired(d))) setProblem(null);
                }}
              />
              <span>{t(`disposition.${d}`)}</span>
            </label>
          ))}
        </fieldset>
        {problem === 'disposition' && (
          <p id="end-missing" className="form-error" role="alert">
            {t('end.missing')}
          </p>
        )}
        <div className="field">
          <label htmlFor="end-notes">{required ? t('end.notesRequiredLabel') : t('end.notes')}</label>
          <textarea
            id="end-notes"
            ref={notesRef}
            rows={3}
            maxLength={2000}
            value={notes}
            required={required}
            aria-required={required || undefined}
            aria-invalid={problem === 'notes' || undefined}
            aria-describedby={problem === 'notes' ? 'end-notes-missing' : required ? 'end-notes-why' : undefined}
            onChange={(e) => {
              setNotes(e.target.value);
              if (problem === 'notes' && e.target.value.trim()) setProblem(null);
            }}
          />
          {problem === 'notes' ? (
            <p id="end-notes-missing" className="form-error" role="alert">
              {t('end.notesRequired')}
            </p>
          ) : (
            required && (
              <p id="end-notes-why" className="form-hint">
                {t('end.notesWhy')}
              </p>
            )
          )}
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
