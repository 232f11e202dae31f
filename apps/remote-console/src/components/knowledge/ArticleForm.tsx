import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_HANDLED_ELSEWHERE_CATEGORY, KB_SOURCE_LANGUAGE, type Language } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import type { OpenArticle } from '../../client/knowledgeState.ts';
import { contentFromForm, EDITOR_LANGUAGES, editorActions, formFromContent, isKbSlug, sameForm, translationStates, type ContentForm, type LangProblem } from '../../lib/knowledge.ts';
import { LanguageFields } from './LanguageFields.tsx';

interface Props {
  open: OpenArticle;
  readOnly: boolean;
  /** Categories and departments in use (suggested in the fields). */
  categories: string[];
  departments: string[];
}

type Problems = { category?: boolean; department?: boolean; empty?: boolean; langs: Partial<Record<Language, LangProblem[]>> };

/**
 * The editor's form for the newest version of the open article: category, department, and every
 * language side by side (a responsive grid, the source language first). Save draft / Submit for
 * review / Publish / Retire are enabled by the version's status; Submit and Publish wait until
 * edits are saved. Read-only for supervisors (no buttons).
 */
export function ArticleForm({ open, readOnly, categories, departments }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const { pending } = useConsoleState().knowledge;
  const newest = open.versions[0];
  const baseline = useMemo(() => formFromContent(newest?.content), [newest]);
  const [form, setForm] = useState<ContentForm>(baseline);
  const [category, setCategory] = useState(newest?.category ?? 'general');
  const [department, setDepartment] = useState(newest?.department ?? 'general');
  const [problems, setProblems] = useState<Problems | null>(null);
  const ref = useRef<HTMLFormElement>(null);
  const id = useId();
  const ids = { category: `${id}-c`, department: `${id}-d`, categories: `${id}-cl`, departments: `${id}-dl`, summary: `${id}-s`, hint: `${id}-h`, questionsHint: `${id}-q` };
  const dirty = !newest || !sameForm(form, baseline) || category.trim() !== newest.category || department.trim() !== newest.department;
  const actions = editorActions(open.versions, dirty);
  const states = translationStates(newest?.content);
  const busy = pending !== null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const c = category.trim();
    const d = department.trim();
    const content = contentFromForm(form);
    const p: Problems = { langs: content.ok ? {} : content.problems };
    if (!isKbSlug(c)) p.category = true;
    if (!isKbSlug(d)) p.department = true;
    if (!content.ok && content.empty) p.empty = true;
    if (p.category || p.department || p.empty || Object.keys(p.langs).length > 0) {
      setProblems(p);
      requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setProblems(null);
    if (content.ok) await client.knowledge.save({ category: c, department: d, content: content.content });
  };

  const badLangs = problems ? (Object.keys(problems.langs) as Language[]) : [];
  const hint = readOnly ? null : actions.blockedBy ? t(`knowledge.form.blocked.${actions.blockedBy}`) : actions.saveStartsVersion ? t('knowledge.form.newVersion', { version: (newest?.version ?? 0) + 1 }) : null;

  return (
    <form ref={ref} className="kb-form" onSubmit={save} noValidate aria-describedby={hint ? ids.hint : undefined}>
      <div className="kb-meta">
        <div className="field">
          <label htmlFor={ids.category}>{t('knowledge.field.category')}</label>
          <input id={ids.category} type="text" list={readOnly ? undefined : ids.categories} maxLength={64} spellCheck={false} value={category} readOnly={readOnly} aria-invalid={problems?.category || undefined} aria-describedby={problems?.category ? ids.summary : undefined} onChange={(e) => setCategory(e.target.value)} />
          <datalist id={ids.categories}>
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={ids.department}>{t('knowledge.field.department')}</label>
          <input id={ids.department} type="text" list={readOnly ? undefined : ids.departments} maxLength={64} spellCheck={false} value={department} readOnly={readOnly} aria-invalid={problems?.department || undefined} aria-describedby={problems?.department ? ids.summary : undefined} onChange={(e) => setDepartment(e.target.value)} />
          <datalist id={ids.departments}>
            {departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </div>
        {!readOnly && (
          <div className="kb-meta-hint">
            {category.trim() === KB_HANDLED_ELSEWHERE_CATEGORY && <p className="form-hint">{t('knowledge.form.elsewhereHint')}</p>}
            <p className="form-hint">{t('knowledge.form.keywordsHint')}</p>
            <p id={ids.questionsHint} className="form-hint">
              {t('knowledge.field.questionsHint')}
            </p>
          </div>
        )}
      </div>

      <div className="kb-langs">
        {EDITOR_LANGUAGES.map((l) => (
          <LanguageFields
            key={l}
            language={l}
            value={form[l]}
            onChange={(v) => setForm((f) => ({ ...f, [l]: v }))}
            state={states[l]}
            isSource={l === KB_SOURCE_LANGUAGE}
            readOnly={readOnly}
            {...(readOnly ? {} : { questionsHintId: ids.questionsHint })}
            {...(problems?.langs[l] ? { problems: problems.langs[l] } : {})}
          />
        ))}
      </div>

      {problems && (
        <p id={ids.summary} className="form-error" role="alert">
          {[
            problems.category || problems.department ? t('knowledge.form.slugInvalid', { fields: [problems.category && t('knowledge.field.category'), problems.department && t('knowledge.field.department')].filter(Boolean).join(', ') }) : null,
            problems.empty ? t('knowledge.form.empty') : null,
            badLangs.length > 0 ? t('knowledge.form.fixLanguages', { languages: badLangs.map((l) => t(`languages.${l}`)).join(', ') }) : null,
          ]
            .filter(Boolean)
            .join(' ')}
        </p>
      )}

      {!readOnly && (
        <div className="kb-actions">
          <button type="submit" className="btn btn--primary" disabled={busy || !actions.save} aria-busy={pending === 'save'}>
            {t('knowledge.action.save')}
          </button>
          <button type="button" className="btn" disabled={busy || !actions.submit} aria-busy={pending === 'submit'} onClick={() => void client.knowledge.submit()}>
            {t('knowledge.action.submit')}
          </button>
          <button type="button" className="btn btn--publish" disabled={busy || !actions.publish} aria-busy={pending === 'publish'} onClick={() => void client.knowledge.publish()}>
            {t('knowledge.action.publish')}
          </button>
          <button type="button" className="btn btn--danger" disabled={busy || !actions.retire} aria-busy={pending === 'retire'} onClick={() => void client.knowledge.retire()}>
            {t('knowledge.action.retire')}
          </button>
          {hint && (
            <p id={ids.hint} className="form-hint kb-actions-hint">
              {hint}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
