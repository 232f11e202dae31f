import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../client/ClientContext.tsx';
import { firstWords } from '../../lib/text.ts';

/**
 * Canned replies (in my language): a disclosure with one "Insert" button per reply. Inserting
 * puts the text into the message box and focuses it; Enter then sends.
 */
export function CannedReplies({ onInsert }: { onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const { canned } = useConsoleState();
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (canned.length === 0) return null;
  return (
    <div className="canned">
      <button type="button" className="btn btn--small canned-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true" className="canned-caret">
          {open ? '▾' : '▸'}
        </span>
        {t('canned.heading')}
      </button>
      <ul id={listId} className="canned-list" hidden={!open} aria-label={t('canned.heading')}>
        {canned.map((r) => (
          <li key={r.id} className="canned-item">
            <p className="canned-text" lang={r.language}>
              {r.text}
            </p>
            <button
              type="button"
              className="btn btn--small"
              aria-label={t('canned.insert', { words: firstWords(r.text) })}
              onClick={() => {
                onInsert(r.text);
                setOpen(false);
              }}
            >
              {t('canned.insertShort')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
