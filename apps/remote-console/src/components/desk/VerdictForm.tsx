import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import type { EndedSession } from '../../client/state.ts';
import { assistantLines, initialVerdictForm, MISSING_MAX, verdictFromForm, type VerdictForm as Form } from '../../lib/verdict.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { ToggleGroup } from '../common/ToggleGroup.tsx';

/**
 * The worker's verdict on the handoff they just received, at wrap-up: was the handoff right (or
 * should it have come earlier, or was it unnecessary); were the AI's answers right (when wrong,
 * which of its lines); was the handoff package enough (when not, what was missing). One choice and
 * Send is enough: the other questions default to "no answers" and "enough". Sent with
 * `session:verdict`; a sent verdict can be changed.
 */
export function VerdictForm({ ended }: { ended: EndedSession }) {
  const { t } = useTranslation();
  const client = useClient();
  const { verdict } = useConsoleState();
  const [form, setForm] = useState<Form>(initialVerdictForm);
  const [problem, setProblem] = useState(false);
  // A verdict already sent shows its confirmation (the card may mount again, e.g. back from History).
  const [editing, setEditing] = useState(() => !(verdict?.sessionId === ended.session.id && verdict.status === 'sent'));
  const firstToggle = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const ids = { heading: `${id}-h`, escalation: `${id}-e`, answers: `${id}-a`, pkg: `${id}-p`, problem: `${id}-x`, missing: `${id}-m`, wrong: `${id}-w` };
  const mine = verdict?.sessionId === ended.session.id ? verdict : null;
  const sending = mine?.status === 'sending';
  const sent = mine?.status === 'sent' && !editing;
  const lines = assistantLines(ended.handoff);
  const set = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = verdictFromForm(form);
    if (!r.ok) {
      setProblem(true);
      firstToggle.current?.focus();
      return;
    }
    setProblem(false);
    if (await client.review.submitVerdict(r.verdict)) {
      setEditing(false);
      // The Send button goes away with the form: the focus stays in the card, on its heading.
      requestAnimationFrame(() => heading.current?.focus());
    }
  };

  const toggleWrong = (entryId: string, on: boolean) => set({ wrongEntryIds: on ? [...form.wrongEntryIds, entryId] : form.wrongEntryIds.filter((x) => x !== entryId) });

  return (
    <div className="verdict">
      <h3 id={ids.heading} ref={heading} tabIndex={-1} className="verdict-heading">
        {t('verdict.heading')}
      </h3>
      <p className="verdict-done" role="status">
        {sent && (
          <>
            <Icon name="check" />
            <span>{t('verdict.sent')}</span>
          </>
        )}
      </p>
      {sent ? (
        <div className="verdict-actions">
          <button type="button" className="btn" onClick={() => setEditing(true)}>
            {t('verdict.change')}
          </button>
          <button type="button" className="btn btn--quiet" onClick={() => client.dismissWrapUp()}>
            {t('verdict.close')}
          </button>
        </div>
      ) : (
        <form className="verdict-form" aria-labelledby={ids.heading} onSubmit={submit} noValidate>
          <div className="verdict-q">
            <p id={ids.escalation} className="verdict-question">
              {t('verdict.escalation.question')}
            </p>
            <ToggleGroup
              ref={firstToggle}
              labelledBy={ids.escalation}
              describedBy={problem ? ids.problem : undefined}
              invalid={problem}
              value={form.escalation}
              disabled={sending}
              onChange={(escalation) => {
                set({ escalation });
                setProblem(false);
              }}
              options={(['right', 'earlier', 'unnecessary'] as const).map((v) => ({ value: v, label: t(`verdict.escalation.${v}`) }))}
            />
          </div>
          <div className="verdict-q">
            <p id={ids.answers} className="verdict-question">
              {t('verdict.answers.question')}
            </p>
            <ToggleGroup
              labelledBy={ids.answers}
              value={form.answers}
              disabled={sending}
              onChange={(answers) => set({ answers })}
              options={(['right', 'wrong', 'none'] as const).map((v) => ({ value: v, label: t(`verdict.answers.${v}`) }))}
            />
            {form.answers === 'wrong' && (
              <fieldset className="verdict-lines">
                <legend>{lines.length > 0 ? t('verdict.answers.pick') : t('verdict.answers.noLines')}</legend>
                {lines.map((e) => (
                  <label key={e.id} className="check-row">
                    <input type="checkbox" checked={form.wrongEntryIds.includes(e.id)} disabled={sending} onChange={(ev) => toggleWrong(e.id, ev.target.checked)} />
                    <span>
                      <span lang={e.language}>{e.text}</span>
                      {e.translation && e.translation.text !== e.text && (
                        <span className="verdict-line-translation" lang={e.translation.language}>
                          {e.translation.text}
                        </span>
                      )}
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
          </div>
          <div className="verdict-q">
            <p id={ids.pkg} className="verdict-question">
              {t('verdict.package.question')}
            </p>
            <ToggleGroup
              labelledBy={ids.pkg}
              value={form.package}
              disabled={sending}
              onChange={(pkg) => set({ package: pkg })}
              options={(['enough', 'missing'] as const).map((v) => ({ value: v, label: t(`verdict.package.${v}`) }))}
            />
            {form.package === 'missing' && (
              <div className="field verdict-missing">
                <label htmlFor={ids.missing}>{t('verdict.package.missingLabel')}</label>
                <input id={ids.missing} type="text" maxLength={MISSING_MAX} value={form.missing} disabled={sending} onChange={(e) => set({ missing: e.target.value })} />
              </div>
            )}
          </div>
          {problem && (
            <p id={ids.problem} className="form-error" role="alert">
              {t('verdict.escalation.missing')}
            </p>
          )}
          {mine?.status === 'error' && mine.error && (
            <p className="form-error" role="alert">
              {t('verdict.failed')} <Message message={mine.error} />
            </p>
          )}
          <div className="verdict-actions">
            <button type="submit" className="btn btn--primary btn--large" disabled={sending} aria-busy={sending}>
              {t('verdict.send')}
            </button>
            <button type="button" className="btn btn--quiet" disabled={sending} onClick={() => client.dismissWrapUp()}>
              {t('verdict.skip')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
