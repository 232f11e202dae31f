import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { NewArticleForm } from './NewArticleForm.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TranslationBadges } from './TranslationBadges.tsx';

/** Id of the button that opens an article (the focus returns there when the editor closes). */
export function articleButtonId(articleId: string): string {
  return `kb-open-${articleId}`;
}

/**
 * Every article: id (opens it in the editor), title, the newest version and its status, the
 * published version, and the translation state of each language. Editors start new articles here.
 */
export function ArticleList({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { list, open } = useConsoleState().knowledge;
  const [creating, setCreating] = useState(false);
  const locale = localeOf(i18n.language);
  return (
    <section className="fleet-card kb-list" aria-labelledby="kb-list-heading">
      <div className="section-head section-head--wrap">
        <h2 id="kb-list-heading">{t('knowledge.list.heading')}</h2>
        <span className="count">{list.status === 'ready' ? list.articles.length : ''}</span>
        {canEdit && (
          <button type="button" className="btn btn--primary" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
            <Icon name="plus" />
            {t('knowledge.new.button')}
          </button>
        )}
        <button type="button" className="btn btn--icon" onClick={() => void client.knowledge.loadList()} aria-label={t('knowledge.list.refresh')} title={t('knowledge.list.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>
      {creating && <NewArticleForm onDone={() => setCreating(false)} />}
      {list.status === 'loading' && list.articles.length === 0 && <p className="muted">{t('knowledge.list.loading')}</p>}
      {list.status === 'error' && (
        <p className="muted">
          {t('knowledge.list.failed')} {list.error && <Message message={list.error} />}
        </p>
      )}
      {list.status === 'ready' && list.articles.length === 0 && <p className="muted">{t('knowledge.list.empty')}</p>}
      {list.articles.length > 0 && (
        <div className="table-wrap">
          <table className="data-table kb-table">
            <thead>
              <tr>
                <th scope="col">{t('knowledge.list.article')}</th>
                <th scope="col">{t('knowledge.list.latest')}</th>
                <th scope="col">{t('knowledge.list.published')}</th>
                <th scope="col">{t('knowledge.list.translations')}</th>
              </tr>
            </thead>
            <tbody>
              {list.articles.map((a) => {
                const selected = open?.articleId === a.id;
                return (
                  <tr key={a.id} className={selected ? 'kb-row--selected' : undefined}>
                    <th scope="row">
                      <button type="button" id={articleButtonId(a.id)} className="kb-open" aria-current={selected || undefined} onClick={() => void client.knowledge.openArticle(a.id)}>
                        <span className="kb-open-title">{a.title}</span>
                        <span className="kb-mono">{a.id}</span>
                      </button>
                    </th>
                    <td>
                      <StatusBadge status={a.latest.status} version={a.latest.version} />
                      <time className="kb-updated" dateTime={a.latest.updatedAt}>
                        {formatDateTime(a.latest.updatedAt, locale)}
                      </time>
                    </td>
                    <td>{a.published === null ? <span className="muted">{t('knowledge.list.notPublished')}</span> : t('knowledge.versionShort', { version: a.published })}</td>
                    <td>
                      <TranslationBadges states={a.translations} label={t('knowledge.list.translationsOf', { id: a.id })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
