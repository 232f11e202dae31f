import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { servesVisitors, type Language, type SupervisorSnapshot, type WorkerView } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { elapsedSince, queueSummary, sortQueue } from '../../lib/supervision.ts';
import { formatDuration, isoDuration } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { AccountsPanel } from './AccountsPanel.tsx';
import { MonitorView } from './MonitorView.tsx';

type QueueItem = SupervisorSnapshot['queue'][number];

/** Supervisors: live queues, workers and calls; monitoring a call replaces the board. */
export function SupervisionScreen() {
  const { monitor } = useConsoleState();
  return monitor ? <MonitorView /> : <SupervisionBoard />;
}

function Duration({ ms }: { ms: number }) {
  return <time dateTime={isoDuration(ms)}>{formatDuration(ms)}</time>;
}

function SupervisionBoard() {
  const { t } = useTranslation();
  const client = useClient();
  const { supervisor } = useConsoleState();
  const now = useNow(1000);
  if (!supervisor) {
    return (
      <main id="main" className="supervision" aria-busy="true">
        <h1>{t('supervision.heading')}</h1>
        <p className="muted">{t('supervision.loading')}</p>
      </main>
    );
  }
  const { snapshot, at } = supervisor;
  const summary = queueSummary(snapshot.queue, at, now);
  const lang = (l: string) => t('languageTag', { name: t(`languages.${l}`, { defaultValue: l }), tag: l });
  const dept = (d: string) => t(`department.${d}`, { defaultValue: d });
  return (
    <main id="main" className="supervision">
      <div className="page-title page-title--row">
        <h1>{t('supervision.heading')}</h1>
        <button type="button" className="btn btn--icon" onClick={() => void client.loadSupervisor()} aria-label={t('supervision.refresh')} title={t('supervision.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>

      <section aria-labelledby="sv-summary-heading">
        <h2 id="sv-summary-heading" className="sr-only">
          {t('supervision.summary')}
        </h2>
        <dl className="tiles">
          <div className="tile">
            <dt>{t('supervision.waiting')}</dt>
            <dd className="tile-value">{summary.waiting}</dd>
          </div>
          <div className="tile">
            <dt>{t('supervision.longest')}</dt>
            <dd className="tile-value">{summary.waiting ? <Duration ms={summary.longestMs} /> : t('robot.noValue')}</dd>
          </div>
          <div className="tile tile--wide">
            <dt>{t('supervision.byLanguage')}</dt>
            <dd>{summary.byLanguage.length ? summary.byLanguage.map(([l, n]) => t('supervision.countOf', { what: lang(l), count: n })).join(' · ') : t('supervision.nobody')}</dd>
          </div>
          <div className="tile tile--wide">
            <dt>{t('supervision.byDepartment')}</dt>
            <dd>{summary.byDepartment.length ? summary.byDepartment.map(([d, n]) => t('supervision.countOf', { what: dept(d), count: n })).join(' · ') : t('supervision.nobody')}</dd>
          </div>
          <div className="tile">
            <dt>{t('supervision.liveCalls')}</dt>
            <dd className="tile-value">{snapshot.calls.length}</dd>
          </div>
          <div className="tile">
            <dt>{t('supervision.availableWorkers')}</dt>
            <dd className="tile-value">{snapshot.workers.filter((w) => w.state === 'available' && servesVisitors(w.role)).length}</dd>
          </div>
        </dl>
      </section>

      <section className="fleet-card" aria-labelledby="sv-queue-heading">
        <div className="section-head">
          <h2 id="sv-queue-heading">{t('supervision.queue')}</h2>
          <span className="count">{t('offers.count', { count: snapshot.queue.length })}</span>
        </div>
        {supervisor.assign && (
          <p className={`fleet-result${supervisor.assign.ok ? '' : ' fleet-result--bad'}`} role="status">
            <Message message={supervisor.assign.message} />
          </p>
        )}
        {snapshot.queue.length === 0 ? (
          <p className="muted">{t('supervision.queueEmpty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('supervision.col.device')}</th>
                  <th scope="col">{t('supervision.col.language')}</th>
                  <th scope="col">{t('supervision.col.department')}</th>
                  <th scope="col">{t('supervision.col.priority')}</th>
                  <th scope="col">{t('supervision.col.waiting')}</th>
                  <th scope="col">{t('supervision.col.offered')}</th>
                  <th scope="col">{t('supervision.col.assign')}</th>
                </tr>
              </thead>
              <tbody>
                {sortQueue(snapshot.queue).map((q) => (
                  <QueueRow key={q.sessionId} item={q} waitedMs={elapsedSince(q.waitingMs, at, now)} workers={snapshot.workers} lang={lang} dept={dept} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="supervision-grid">
        <section className="fleet-card" aria-labelledby="sv-calls-heading">
          <div className="section-head">
            <h2 id="sv-calls-heading">{t('supervision.calls')}</h2>
            <span className="count">{snapshot.calls.length}</span>
          </div>
          {snapshot.calls.length === 0 ? (
            <p className="muted">{t('supervision.callsEmpty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('supervision.col.device')}</th>
                    <th scope="col">{t('supervision.col.worker')}</th>
                    <th scope="col">{t('supervision.col.language')}</th>
                    <th scope="col">{t('supervision.col.duration')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('supervision.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {snapshot.calls.map((c) => (
                    <tr key={c.sessionId}>
                      <th scope="row">{c.deviceName}</th>
                      <td>{c.workerName}</td>
                      <td>{lang(c.language)}</td>
                      <td>
                        <Duration ms={elapsedSince(c.sinceMs, at, now)} />
                      </td>
                      <td>
                        <button type="button" className="btn btn--small" onClick={() => void client.startMonitor(c)} title={t('supervision.monitorTitle', { device: c.deviceName, worker: c.workerName })}>
                          <Icon name="camera" />
                          {t('supervision.monitor')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="fleet-card" aria-labelledby="sv-workers-heading">
          <div className="section-head">
            <h2 id="sv-workers-heading">{t('supervision.workers')}</h2>
            <span className="count">{snapshot.workers.length}</span>
          </div>
          {snapshot.workers.length === 0 ? (
            <p className="muted">{t('supervision.workersEmpty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('supervision.col.name')}</th>
                    <th scope="col">{t('supervision.col.role')}</th>
                    <th scope="col">{t('supervision.col.languages')}</th>
                    <th scope="col">{t('supervision.col.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {snapshot.workers.map((w) => (
                    <tr key={w.id}>
                      <th scope="row">{w.displayName}</th>
                      <td>{t(`role.${w.role}`)}</td>
                      <td>{w.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(', ')}</td>
                      <td>
                        <span className={`state-text state-text--${w.state}`}>{t(`workerState.${w.state}`)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <AccountsPanel />
    </main>
  );
}

/** Who can be offered a waiting visitor: signed-in workers and supervisors who are not in a call. */
function assignable(workers: readonly WorkerView[]): WorkerView[] {
  return workers.filter((w) => servesVisitors(w.role));
}

function QueueRow({ item, waitedMs, workers, lang, dept }: { item: QueueItem; waitedMs: number; workers: readonly WorkerView[]; lang: (l: Language | string) => string; dept: (d: string) => string }) {
  const { t } = useTranslation();
  const client = useClient();
  const { pending } = useConsoleState();
  const candidates = assignable(workers);
  const firstFree = candidates.find((w) => w.state === 'available') ?? candidates.find((w) => w.state !== 'busy');
  const [to, setTo] = useState<string>('');
  const selectId = useId();
  const chosen = candidates.find((w) => w.id === (to || firstFree?.id));
  return (
    <tr className={item.priority === 0 ? 'row--urgent' : undefined}>
      <th scope="row">{item.deviceName}</th>
      <td>{lang(item.language)}</td>
      <td>{dept(item.department)}</td>
      <td>{item.priority === 0 ? t('supervision.prioritySafety') : item.priority}</td>
      <td>
        <Duration ms={waitedMs} />
      </td>
      <td>{item.offered ? t('supervision.offeredYes') : t('supervision.offeredNo')}</td>
      <td>
        <div className="assign-cell">
          <label htmlFor={selectId} className="sr-only">
            {t('supervision.assignTo')}
          </label>
          <select id={selectId} value={chosen?.id ?? ''} onChange={(e) => setTo(e.target.value)} disabled={candidates.length === 0}>
            {candidates.length === 0 && <option value="">{t('supervision.noWorkers')}</option>}
            {candidates.map((w) => (
              <option key={w.id} value={w.id} disabled={w.state === 'busy'}>
                {t('supervision.workerOption', { name: w.displayName, state: t(`workerState.${w.state}`) })}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--small" disabled={!chosen || chosen.state === 'busy' || pending.reassign !== null} onClick={() => chosen && void client.reassign(item.sessionId, chosen)}>
            {t('supervision.assign')}
          </button>
        </div>
      </td>
    </tr>
  );
}
