import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';

/**
 * Agent assist: reply suggestions for the visitor's latest line (knowledge base or language
 * model), each with its source and article, sent to the visitor with one click.
 */
export function AssistPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const { assist, pending } = useConsoleState();
  const suggestions = assist?.suggestions ?? [];
  return (
    <div className="panel assist-panel">
      <h2 id="assist-heading" className="panel-title">
        {t('assist.heading')}
      </h2>
      {/* The scrolling list is the region (one region, focusable for keyboard scrolling). */}
      <div className="panel-scroll" role="region" aria-labelledby="assist-heading" tabIndex={0}>
        {suggestions.length === 0 ? (
          <p className="muted">{t('assist.empty')}</p>
        ) : (
          <ul className="suggestions">
            {suggestions.map((s) => {
              const textId = `suggestion-${s.id}`;
              return (
                <li key={s.id} className="suggestion">
                  <p id={textId} className="suggestion-text" lang={s.language}>
                    {s.text}
                  </p>
                  <p className="suggestion-meta">
                    <span className={`badge badge--source-${s.source}`}>{t(`assist.source.${s.source}`)}</span>
                    {s.article && <span className="suggestion-article">{t('assist.article', { title: s.article.title })}</span>}
                  </p>
                  <button type="button" className="btn btn--small" disabled={pending.message} aria-describedby={textId} onClick={() => void client.sendSuggestion(s)}>
                    {t('assist.send')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
