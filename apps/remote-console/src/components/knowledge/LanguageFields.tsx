import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbTranslationState, Language } from '@telekiosk/shared';
import type { LangForm, LangProblem } from '../../lib/knowledge.ts';
import { TranslationBadge } from './TranslationBadges.tsx';

interface Props {
  language: Language;
  value: LangForm;
  onChange: (value: LangForm) => void;
  /** Translation state of the saved newest version. */
  state: KbTranslationState;
  isSource: boolean;
  readOnly: boolean;
  /** Fields to fill in (the language is partly written). */
  problems?: LangProblem[];
  /** Id of the hint that says how to write example questions (shown once above the languages). */
  questionsHintId?: string;
}

/**
 * One language of the article: title, answer, keywords (comma-separated) and example questions
 * in visitors' words (one per line, optional). A missing or stale
 * translation is marked with words (and a border), the source language says it is the source.
 */
export function LanguageFields({ language, value, onChange, state, isSource, readOnly, problems, questionsHintId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const name = t(`languages.${language}`);
  const set = (k: keyof LangForm) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  const bad = (k: LangProblem) => problems?.includes(k) || undefined;
  const problemId = `${id}-problem`;
  const describe = (k: LangProblem) => (problems?.includes(k) ? problemId : undefined);
  const note = isSource ? (state === 'missing' ? 'knowledge.note.sourceMissing' : null) : state === 'current' ? null : `knowledge.note.${state}`;
  return (
    <fieldset className={`kb-lang kb-lang--${state}${isSource ? ' kb-lang--source' : ''}`}>
      <legend className="kb-lang-legend">
        <span className="kb-lang-name">{t('languageTag', { name, tag: language })}</span>
        {isSource ? <span className="badge kb-source">{t('knowledge.source')}</span> : <TranslationBadge language={language} state={state} />}
      </legend>
      {note && <p className={`kb-lang-note kb-lang-note--${state}`}>{t(note)}</p>}
      {problems && problems.length > 0 && (
        <p id={problemId} className="kb-lang-problem">
          {t('knowledge.form.incomplete', { fields: problems.map((p) => t(`knowledge.field.${p}`)).join(', ') })}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-title`}>
          {t('knowledge.field.title')}
          <span className="sr-only"> ({name})</span>
        </label>
        <input id={`${id}-title`} type="text" lang={language} maxLength={200} value={value.title} readOnly={readOnly} aria-invalid={bad('title')} aria-describedby={describe('title')} onChange={set('title')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-answer`}>
          {t('knowledge.field.answer')}
          <span className="sr-only"> ({name})</span>
        </label>
        <textarea id={`${id}-answer`} lang={language} rows={6} maxLength={4000} value={value.answer} readOnly={readOnly} aria-invalid={bad('answer')} aria-describedby={describe('answer')} onChange={set('answer')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-keywords`}>
          {t('knowledge.field.keywordsLabel')}
          <span className="sr-only"> ({name})</span>
        </label>
        <input id={`${id}-keywords`} type="text" lang={language} value={value.keywords} readOnly={readOnly} aria-invalid={bad('keywords')} aria-describedby={describe('keywords')} onChange={set('keywords')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-questions`}>
          {t('knowledge.field.questionsLabel')}
          <span className="sr-only"> ({name})</span>
        </label>
        <textarea id={`${id}-questions`} lang={language} rows={4} value={value.questions} readOnly={readOnly} aria-describedby={questionsHintId} onChange={set('questions')} />
      </div>
    </fieldset>
  );
}
