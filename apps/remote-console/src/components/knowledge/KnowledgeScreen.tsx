import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ArticleList } from './ArticleList.tsx';
import { FileStatus } from './FileStatus.tsx';
import { GapsPanel } from './GapsPanel.tsx';
import { KnowledgeFileActions } from './KnowledgeFileActions.tsx';

/**
 * The knowledge base: the article list (status, published version, translation states) beside
 * the knowledge gaps, or the open article's editor (every language side by side, versions, save /
 * submit / publish / retire) in their place; import and export above. Knowledge editors edit;
 * supervisors read (no save, publish, import or draft buttons).
 */
export function KnowledgeScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const { knowledge, worker } = useConsoleState();
  const canEdit = worker?.role === 'editor';
  const open = knowledge.open;
  // An article open when the screen appears (back from another tab) keeps the focus where it is;
  // one opened here moves the focus to the editor.
  const openAtMount = useRef(open?.articleId ?? null);
  useEffect(() => {
    if (!open) openAtMount.current = null;
  }, [open]);
  // First visit: the articles and the gaps of the last 30 days.
  useEffect(() => {
    const k = client.getSnapshot().knowledge;
    if (k.list.status === 'idle') void client.knowledge.loadList();
    if (k.gaps.status === 'idle') void client.knowledge.loadGaps();
  }, [client]);

  return (
    <main id="main" className="knowledge" aria-busy={knowledge.list.status === 'loading'}>
      <div className="page-head">
        <div className="page-title page-title--row">
          <h1>{t('knowledge.heading')}</h1>
          {canEdit && <KnowledgeFileActions />}
        </div>
        <p className="muted">{canEdit ? t('knowledge.intro') : t('knowledge.introReadOnly')}</p>
        {canEdit && <FileStatus />}
      </div>
      {open ? (
        <ArticleEditor readOnly={!canEdit} focusHeading={open.articleId !== openAtMount.current} />
      ) : (
        <div className="knowledge-grid">
          <ArticleList canEdit={canEdit} />
          <GapsPanel canEdit={canEdit} />
        </div>
      )}
    </main>
  );
}
