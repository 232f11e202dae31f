import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_IMPORT_MAX_BYTES } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from '../common/Icon.tsx';

/** Largest knowledge-base file read for an import (one socket message; see KB_IMPORT_MAX_BYTES). */
const MAX_FILE_BYTES = KB_IMPORT_MAX_BYTES;

/**
 * Import and export of the knowledge-base file (`knowledge-base.json`): Import reads a .json file
 * chosen in the browser and sends its text (changed articles become drafts, nothing is
 * published); Export downloads every published article.
 */
export function KnowledgeFileActions() {
  const { t } = useTranslation();
  const client = useClient();
  const { knowledge } = useConsoleState();
  const input = useRef<HTMLInputElement>(null);
  const busy = knowledge.pending !== null;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      client.knowledge.importProblem(t('knowledge.file.tooLarge', { name: file.name }));
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      client.knowledge.importProblem(err instanceof Error ? err.message : String(err));
      return;
    }
    await client.knowledge.importFile(text);
  };

  return (
    <div className="csv-actions">
      <input ref={input} type="file" accept=".json,application/json" hidden onChange={(e) => void onFile(e)} />
      <button type="button" className="btn" disabled={busy} aria-busy={knowledge.pending === 'import'} onClick={() => input.current?.click()}>
        <Icon name="upload" />
        {t('knowledge.file.import')}
      </button>
      <button type="button" className="btn" disabled={busy} aria-busy={knowledge.pending === 'export'} onClick={() => void client.knowledge.exportFile()}>
        <Icon name="download" />
        {t('knowledge.file.export')}
      </button>
    </div>
  );
}
