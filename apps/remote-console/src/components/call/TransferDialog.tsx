import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { DEPARTMENTS, type DepartmentName } from '../../lib/disposition.ts';
import { Icon } from '../common/Icon.tsx';
import { useModal } from '../common/useModal.ts';

type Mode = 'queue' | 'colleague';

/**
 * Transfer the visitor: back to a department queue (cold), or to a named colleague with a
 * required note (warm: I stay in the call until they accept).
 */
export function TransferDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { colleagues, pending } = useConsoleState();
  const [mode, setMode] = useState<Mode>('queue');
  const [department, setDepartment] = useState<DepartmentName>('general');
  const [colleague, setColleague] = useState<string | null>(null);
  const [note, setNote] = useState('');
  // Warm transfers start with a private consult unless the worker unticks it.
  const [consult, setConsult] = useState(true);
  const [problem, setProblem] = useState<'colleague' | 'note' | null>(null);
  const ids = { title: useId(), dept: useId(), note: useId(), noteError: useId(), colleagues: useId(), colleagueError: useId(), consult: useId() };
  const ref = useModal(open, () => {
    setMode('queue');
    setDepartment('general');
    setColleague(null);
    setNote('');
    setConsult(true);
    setProblem(null);
    void client.loadColleagues();
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'queue') {
      if (await client.transferToQueue(department, note)) onClose();
      return;
    }
    const target = colleagues.find((w) => w.id === colleague);
    if (!target) {
      setProblem('colleague');
      ref.current?.querySelector<HTMLInputElement>('input[name="colleague"]:not(:disabled)')?.focus();
      return;
    }
    if (!note.trim()) {
      setProblem('note');
      document.getElementById(ids.note)?.focus();
      return;
    }
    if (await client.transferToColleague(target, note, consult)) onClose();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={ids.title}>{t('transfer.title')}</h2>
        <fieldset className="dispositions">
          <legend>{t('transfer.how')}</legend>
          {(['queue', 'colleague'] as const).map((m) => (
            <label key={m} className="radio-row">
              <input
                type="radio"
                name="transfer-mode"
                value={m}
                checked={mode === m}
                onChange={() => {
                  setMode(m);
                  setProblem(null);
                }}
              />
              <span>{t(`transfer.mode.${m}`)}</span>
            </label>
          ))}
        </fieldset>

        {mode === 'queue' ? (
          <>
            <div className="field">
              <label htmlFor={ids.dept}>{t('transfer.department')}</label>
              <select id={ids.dept} value={department} onChange={(e) => setDepartment(e.target.value as DepartmentName)}>
                {DEPARTMENTS.map((d) => (
                  <option key={d} value={d}>
                    {t(`department.${d}`)}
                  </option>
                ))}
              </select>
            </div>
            <p className="muted">{t('transfer.queueHint')}</p>
            <div className="field">
              <label htmlFor={ids.note}>{t('transfer.queueNote')}</label>
              <textarea id={ids.note} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
          </>
        ) : (
          <>
            <fieldset className="dispositions colleague-list" aria-describedby={problem === 'colleague' ? ids.colleagueError : undefined}>
              <legend>{t('transfer.colleague')}</legend>
              {colleagues.length === 0 ? (
                <p className="muted">{t('transfer.noColleagues')}</p>
              ) : (
                colleagues.map((w) => {
                  const busy = w.state === 'busy' || w.state === 'offline';
                  return (
                    <label key={w.id} className={`radio-row colleague${busy ? ' colleague--busy' : ''}`}>
                      <input
                        type="radio"
                        name="colleague"
                        value={w.id}
                        disabled={busy}
                        checked={colleague === w.id}
                        onChange={() => {
                          setColleague(w.id);
                          setProblem(null);
                        }}
                      />
                      <span className="colleague-name">{w.displayName}</span>
                      <span className="colleague-meta">
                        {t(`role.${w.role}`)} · {w.languages.join(', ')} · <span className={`state-text state-text--${w.state}`}>{t(`workerState.${w.state}`)}</span>
                      </span>
                    </label>
                  );
                })
              )}
              <button type="button" className="btn btn--small colleague-refresh" onClick={() => void client.loadColleagues()}>
                <Icon name="refresh" />
                {t('transfer.refresh')}
              </button>
            </fieldset>
            {problem === 'colleague' && (
              <p id={ids.colleagueError} className="form-error" role="alert">
                {t('transfer.pickColleague')}
              </p>
            )}
            <div className="field">
              <label htmlFor={ids.note}>{t('transfer.note')}</label>
              <textarea
                id={ids.note}
                rows={3}
                maxLength={1000}
                required
                aria-required="true"
                aria-invalid={problem === 'note' || undefined}
                aria-describedby={problem === 'note' ? ids.noteError : undefined}
                value={note}
                onChange={(e) => {
                  setNote(e.target.value);
                  if (problem === 'note') setProblem(null);
                }}
              />
              {problem === 'note' && (
                <p id={ids.noteError} className="form-error" role="alert">
                  {t('transfer.noteRequired')}
                </p>
              )}
            </div>
            <label className="check-row consult-check" htmlFor={ids.consult}>
              <input id={ids.consult} type="checkbox" checked={consult} onChange={(e) => setConsult(e.target.checked)} />
              <span>
                {(() => {
                  const name = colleagues.find((w) => w.id === colleague)?.displayName;
                  return name ? t('transfer.consult', { name }) : t('transfer.consultAnyone');
                })()}
              </span>
            </label>
          </>
        )}
        <div className="dialog-actions">
          <button type="submit" className="btn btn--primary" disabled={pending.transfer} aria-busy={pending.transfer}>
            {t('transfer.confirm')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
