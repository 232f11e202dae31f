import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { ResultLine } from './ResultLine.tsx';

/** Outcome of the last import or export; after an import, the drafted articles to open. */
export function FileStatus() {
  const { t } = useTranslation();
  const client = useClient();
  const { knowledge } = useConsoleState();
  const { imported, pending } = knowledge;
  return (
    <div className="kb-file-status">
      <ResultLine scope="file" busyKey={pending === 'import' ? 'knowledge.file.importing' : pending === 'export' ? 'knowledge.file.exporting' : null} />
      {imported && imported.drafted.length > 0 && (
        <div className="kb-drafted">
          <p id="kb-drafted-label" className="sub-heading">
            {t('knowledge.file.drafted')}
          </p>
          <ul className="kb-drafted-list" aria-labelledby="kb-drafted-label">
            {imported.drafted.map((id) => (
              <li key={id}>
                <button type="button" className="btn btn--compact kb-mono" aria-label={t('knowledge.openArticle', { id })} onClick={() => void client.knowledge.openArticle(id)}>
                  {id}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
