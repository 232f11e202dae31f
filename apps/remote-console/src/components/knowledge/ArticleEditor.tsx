import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { ArticleForm } from './ArticleForm.tsx';
import { articleButtonId } from './ArticleList.tsx';
import { ResultLine } from './ResultLine.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { VersionHistory } from './VersionHistory.tsx';

/**
 * The open article: its newest version in every language side by side (editable for knowledge
 * editors, read-only for supervisors), the actions, and the version history. With `focusHeading`
 * (the article was opened on this screen) the heading takes the focus; closing returns it to the
 * article's row in the list.
 */
export function ArticleEditor({ readOnly, focusHeading }: { readOnly: boolean; focusHeading: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const { open, list } = useConsoleState().knowledge;
  const heading = useRef<HTMLHeadingElement>(null);
  const articleId = open?.articleId;
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [articleId, focusHeading]);
  if (!open) return null;
  const newest = open.versions[0];
  const title = newest?.content.en?.title ?? list.articles.find((a) => a.id === open.articleId)?.title ?? Object.values(newest?.content ?? {})[0]?.title;
  // The form starts again from the server's newest version whenever it changes (saved, reloaded).
  const formKey = `${open.articleId}:${newest?.version ?? 'new'}:${newest?.updatedAt ?? ''}`;
  const categories = [...new Set(list.articles.map((a) => a.category))].sort();
  const departments = [...new Set(list.articles.map((a) => a.department))].sort();

  return (
    <section className="fleet-card kb-editor" aria-labelledby="kb-editor-heading" aria-busy={open.status === 'loading'}>
      <div className="section-head section-head--wrap">
        <h2 id="kb-editor-heading" ref={heading} tabIndex={-1}>
          {open.isNew ? t('knowledge.editor.newHeading', { id: open.articleId }) : title ? t('knowledge.editor.heading', { title, id: open.articleId }) : open.articleId}
        </h2>
        {newest && <StatusBadge status={newest.status} version={newest.version} />}
        {readOnly && <span className="badge badge--plain">{t('knowledge.editor.readOnly')}</span>}
        <button
          type="button"
          className="btn kb-close"
          onClick={() => {
            const id = open.articleId;
            client.knowledge.closeArticle();
            requestAnimationFrame(() => document.getElementById(articleButtonId(id))?.focus());
          }}
        >
          <Icon name="cancel" />
          {t('knowledge.editor.close')}
        </button>
      </div>
      {open.status === 'loading' && <p className="muted">{t('knowledge.editor.loading')}</p>}
      {open.status === 'error' && (
        <p className="muted">
          {t('knowledge.editor.failed')} {open.error && <Message message={open.error} />}
        </p>
      )}
      {open.status === 'ready' && (
        <>
          <ArticleForm key={formKey} open={open} readOnly={readOnly} categories={categories} departments={departments} />
          {!readOnly && <ResultLine scope="editor" />}
          {open.versions.length > 0 && <VersionHistory versions={open.versions} />}
        </>
      )}
    </section>
  );
}
