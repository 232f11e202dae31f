import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Icon } from '../common/Icon.tsx';
import { LanguageBadge } from '../common/LanguageBadge.tsx';
import { NoteList } from '../call/NotesPanel.tsx';
import { TranscriptList } from '../common/TranscriptList.tsx';

const KNOWN_DISPOSITIONS = ['resolved', 'referred', 'follow_up', 'visitor_left', 'handback_ai', 'callback'];

/** Session history: search past sessions (mine; supervisors: all), open one to read its transcript and notes. */
export function HistoryScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const { sessionHistory, worker } = useConsoleState();
  const [query, setQuery] = useState(sessionHistory.query);
  const { sessions, status, selected } = sessionHistory;
  // Colleagues' names for the notes (ids otherwise).
  useEffect(() => {
    void client.loadColleagues();
  }, [client]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void client.searchHistory(query);
  };

  return (
    <main id="main" className="history" aria-busy={status === 'loading'}>
      <div className="page-title">
        <h1>{t('history.heading')}</h1>
        <p className="muted">{worker?.role === 'supervisor' ? t('history.introAll') : t('history.introMine')}</p>
      </div>
      <form className="search-row" role="search" onSubmit={submit}>
        <label htmlFor="history-query">{t('history.search')}</label>
        <input id="history-query" type="search" maxLength={100} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="btn btn--primary">
          {t('history.searchButton')}
        </button>
      </form>
      <div className="history-grid">
        <section className="fleet-card" aria-labelledby="history-results-heading">
          <div className="section-head">
            <h2 id="history-results-heading">{t('history.results')}</h2>
            <span className="count" role="status">
              {status === 'loading' ? t('history.searching') : t('history.count', { count: sessions.length })}
            </span>
          </div>
          {status === 'error' && <p className="muted">{t('history.failed')}</p>}
          {status === 'ready' && sessions.length === 0 && <p className="muted">{sessionHistory.query ? t('history.noMatch', { query: sessionHistory.query }) : t('history.none')}</p>}
          <ul className="history-list">
            {sessions.map((s) => (
              <HistoryItem key={s.session.id} summary={s} selected={selected?.sessionId === s.session.id} />
            ))}
          </ul>
        </section>
        <HistoryDetail />
      </div>
    </main>
  );
}

function HistoryItem({ summary, selected }: { summary: SessionSummary; selected: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { session, deviceName, reasons, firstLine } = summary;
  const d = session.disposition;
  const time = formatDateTime(session.createdAt, localeOf(i18n.language));
  return (
    <li className={`history-item${selected ? ' history-item--selected' : ''}`}>
      <button type="button" className="history-open" aria-current={selected || undefined} onClick={() => void client.openHistorySession(session.id)}>
        <span className="history-device">{deviceName}</span>
        <time dateTime={session.createdAt}>{time}</time>
      </button>
      <div className="history-facts">
        <LanguageBadge language={session.language} />
        {reasons.map((r) => (
          <span key={r} className="badge badge--plain">
            {t(`reason.${r}`)}
          </span>
        ))}
        <span className="badge badge--plain">{d ? t('history.disposition', { disposition: KNOWN_DISPOSITIONS.includes(d) ? t(`disposition.${d}`) : d }) : t(`sessionState.${session.state}`)}</span>
        <span className="badge badge--plain">{session.rating ? t('history.rating', { rating: session.rating }) : t('history.notRated')}</span>
      </div>
      {firstLine && (
        <p className="history-first" lang={session.language}>
          “{firstLine}”
        </p>
      )}
    </li>
  );
}

function HistoryDetail() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { sessionHistory, worker, colleagues, supervisor } = useConsoleState();
  const selected = sessionHistory.selected;
  const names = new Map([...(supervisor?.snapshot.workers ?? []), ...colleagues].map((w) => [w.id, w.displayName]));
  const summary = sessionHistory.sessions.find((s) => s.session.id === selected?.sessionId);
  return (
    <section className="fleet-card history-detail" aria-labelledby="history-detail-heading" aria-busy={selected?.status === 'loading'}>
      <div className="section-head">
        <h2 id="history-detail-heading" tabIndex={-1}>
          {summary ? t('history.detailOf', { device: summary.deviceName, time: formatDateTime(summary.session.createdAt, localeOf(i18n.language)) }) : t('history.detail')}
        </h2>
        {selected && (
          <button type="button" className="btn btn--icon" onClick={() => client.closeHistorySession()} aria-label={t('history.close')} title={t('history.close')}>
            <Icon name="cancel" />
          </button>
        )}
      </div>
      {!selected ? (
        <p className="muted">{t('history.pick')}</p>
      ) : selected.status === 'loading' ? (
        <p className="muted">{t('history.loading')}</p>
      ) : selected.status === 'error' ? (
        <p className="muted">{t('history.detailFailed')}</p>
      ) : (
        <>
          <h3 className="sub-heading" id="history-transcript-heading">
            {t('history.transcript')}
          </h3>
          <div className="scroll-box history-transcript" tabIndex={0} role="region" aria-labelledby="history-transcript-heading">
            <TranscriptList entries={selected.transcript} workerLabel={t('speaker.staff')} />
          </div>
          <h3 className="sub-heading">{t('history.notes')}</h3>
          <NoteList notes={selected.notes} me={worker?.id} names={names} />
        </>
      )}
    </section>
  );
}
