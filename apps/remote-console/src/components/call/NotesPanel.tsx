import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionNote } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { formatTime } from '../../lib/format.ts';

/** Notes list: time, who, text (mine say "You"). */
export function NoteList({ notes, me, names }: { notes: readonly SessionNote[]; me?: string; names?: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  if (notes.length === 0) return <p className="muted">{t('notes.none')}</p>;
  return (
    <ul className="note-list">
      {notes.map((n, i) => (
        <li key={`${n.at}-${i}`} className="note">
          <p className="note-meta">
            <time dateTime={n.at}>{formatTime(n.at, locale)}</time> · {n.by === me ? t('notes.you') : (names?.get(n.by) ?? n.by)}
          </p>
          <p className="note-text">{n.text}</p>
        </li>
      ))}
    </ul>
  );
}

/** Notes on the current session (audit trail; colleagues see them after a transfer). */
export function NotesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const { notes, pending, worker, colleagues } = useConsoleState();
  const [text, setText] = useState('');
  const names = new Map(colleagues.map((w) => [w.id, w.displayName]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await client.addNote(text)) setText('');
  };

  return (
    <section className="panel tool-panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading" className="panel-title">
        {t('notes.heading')}
      </h2>
      <div className="tool-body">
        <form className="note-form" onSubmit={submit}>
          <label htmlFor="note-text">{t('notes.label')}</label>
          <textarea id="note-text" rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
          <div>
            <button type="submit" className="btn" disabled={pending.note || !text.trim()}>
              {t('notes.save')}
            </button>
          </div>
        </form>
        <h3 className="sub-heading">{t('notes.saved')}</h3>
        {notes?.status === 'error' ? <p className="muted">{t('notes.loadFailed')}</p> : <NoteList notes={notes?.items ?? []} me={worker?.id} names={names} />}
      </div>
    </section>
  );
}
