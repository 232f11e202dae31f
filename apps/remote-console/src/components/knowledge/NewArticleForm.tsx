import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../client/ClientContext.tsx';
import { isKbSlug } from '../../lib/knowledge.ts';

/**
 * "New article": asks for the article id (kebab-case, e.g. `office-hours`) and opens an empty
 * editor for it (nothing is stored until the draft is saved). An id in use opens that article.
 */
export function NewArticleForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [id, setId] = useState('');
  const [problem, setProblem] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), hint: useId(), problem: useId() };
  useEffect(() => input.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = id.trim();
    if (!isKbSlug(v)) {
      setProblem(true);
      input.current?.focus();
      return;
    }
    client.knowledge.newArticle(v);
    onDone();
  };

  return (
    <form className="kb-inline-form" onSubmit={submit} noValidate aria-label={t('knowledge.new.formLabel')}>
      <div className="field">
        <label htmlFor={ids.input}>{t('knowledge.new.id')}</label>
        <input
          ref={input}
          id={ids.input}
          type="text"
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          value={id}
          aria-invalid={problem || undefined}
          aria-describedby={problem ? `${ids.problem} ${ids.hint}` : ids.hint}
          onChange={(e) => {
            setId(e.target.value);
            if (problem && isKbSlug(e.target.value.trim())) setProblem(false);
          }}
        />
        <p id={ids.hint} className="form-hint">
          {t('knowledge.idHint')}
        </p>
        {problem && (
          <p id={ids.problem} className="form-error" role="alert">
            {t('knowledge.idInvalid')}
          </p>
        )}
      </div>
      <div className="kb-inline-actions">
        <button type="submit" className="btn btn--primary">
          {t('knowledge.new.create')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
