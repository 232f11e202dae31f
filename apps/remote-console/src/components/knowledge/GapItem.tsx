import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnowledgeGap } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import type { UiMessage } from '../../client/state.ts';
import { localeOf } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { isKbSlug, slugSuggestion } from '../../lib/knowledge.ts';
import { LanguageBadge } from '../common/LanguageBadge.tsx';
import { Message } from '../common/Message.tsx';

/**
 * One knowledge gap: the most typical question, more examples, counts, language and last time
 * asked. "Create draft" asks for the new article's id, drafts it from the gap and opens it.
 */
export function GapItem({ gap, canEdit }: { gap: KnowledgeGap; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [first, ...more] = gap.examples;
  const headingId = useId();
  return (
    <li className="kb-gap" aria-labelledby={headingId}>
      <p id={headingId} className="kb-gap-first" lang={gap.language}>
        “{first ?? ''}”
      </p>
      {more.length > 0 && (
        <ul className="kb-gap-examples" aria-label={t('knowledge.gaps.examples')}>
          {more.map((e, i) => (
            <li key={i} lang={gap.language}>
              “{e}”
            </li>
          ))}
        </ul>
      )}
      <div className="history-facts">
        <span className="badge badge--plain">{t('knowledge.gaps.count', { count: gap.count })}</span>
        <span className={`badge ${gap.escalations > 0 ? 'badge--warn-soft' : 'badge--plain'}`}>{t('knowledge.gaps.escalations', { count: gap.escalations })}</span>
        <LanguageBadge language={gap.language} className="badge badge--plain" />
        <span className="badge badge--plain">
          {t('knowledge.gaps.lastAsked')} <time dateTime={gap.lastAt}>{formatDateTime(gap.lastAt, localeOf(i18n.language))}</time>
        </span>
      </div>
      {canEdit && <GapDraft gap={gap} />}
    </li>
  );
}

/** "Create draft": a button, then the article id form (a suggestion from an English question). */
function GapDraft({ gap }: { gap: KnowledgeGap }) {
  const { t } = useTranslation();
  const client = useClient();
  const { pending } = useConsoleState().knowledge;
  const [asking, setAsking] = useState(false);
  const [id, setId] = useState(() => (gap.language === 'en' ? slugSuggestion(gap.examples[0] ?? '').split('-').slice(0, 5).join('-') : ''));
  const [problem, setProblem] = useState<UiMessage | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const ids = { input: useId(), hint: useId(), problem: useId() };
  useEffect(() => {
    if (asking) input.current?.focus();
  }, [asking]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v = id.trim();
    if (!isKbSlug(v)) {
      setProblem({ key: 'knowledge.idInvalid' });
      input.current?.focus();
      return;
    }
    const r = await client.knowledge.draftFromGap(gap.id, v);
    if (r) {
      setProblem(r);
      input.current?.focus();
    } else {
      setProblem(null);
      setAsking(false);
    }
  };

  if (!asking)
    return (
      <button ref={opener} type="button" className="btn kb-gap-draft" onClick={() => setAsking(true)} aria-label={t('knowledge.gaps.createDraftFor', { question: gap.examples[0] ?? '' })}>
        {t('knowledge.gaps.createDraft')}
      </button>
    );
  return (
    <form className="kb-inline-form" onSubmit={submit} noValidate aria-label={t('knowledge.gaps.draftForm')}>
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
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${ids.problem} ${ids.hint}` : ids.hint}
          onChange={(e) => setId(e.target.value)}
        />
        <p id={ids.hint} className="form-hint">
          {t('knowledge.idHint')}
        </p>
        {problem && (
          <p id={ids.problem} className="form-error" role="alert">
            <Message message={problem} />
          </p>
        )}
      </div>
      <div className="kb-inline-actions">
        <button type="submit" className="btn btn--primary" disabled={pending !== null} aria-busy={pending === 'gapDraft'}>
          {t('knowledge.gaps.create')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setAsking(false);
            setProblem(null);
            requestAnimationFrame(() => opener.current?.focus());
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
