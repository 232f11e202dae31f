import { useTranslation } from 'react-i18next';
import type { KbArticleVersion } from '@telekiosk/shared';
import { localeOf } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';

/** Every version of the article, newest first: number, status, last update and publication. */
export function VersionHistory({ versions }: { versions: readonly KbArticleVersion[] }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <div className="kb-history">
      <h3 id="kb-history-heading" className="sub-heading">
        {t('knowledge.history.heading')}
      </h3>
      <div className="table-wrap">
        <table className="data-table" aria-labelledby="kb-history-heading">
          <thead>
            <tr>
              <th scope="col">{t('knowledge.history.version')}</th>
              <th scope="col">{t('knowledge.history.status')}</th>
              <th scope="col">{t('knowledge.history.updated')}</th>
              <th scope="col">{t('knowledge.history.publishedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{t('knowledge.versionShort', { version: v.version })}</th>
                <td>
                  <span className={`kb-status-text kb-status-text--${v.status}`}>{t(`knowledge.status.${v.status}`)}</span>
                </td>
                <td>
                  <time dateTime={v.updatedAt}>{formatDateTime(v.updatedAt, locale)}</time>
                </td>
                <td>{v.publishedAt ? <time dateTime={v.publishedAt}>{formatDateTime(v.publishedAt, locale)}</time> : <span className="muted">{t('knowledge.history.never')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
