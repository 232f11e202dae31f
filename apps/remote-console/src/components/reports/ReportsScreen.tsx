import { lazy, Suspense, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type KpiCsat, type KpiReport } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { defaultKpiForm, kpiFilterFromForm, msToSeconds, type KpiForm, type KpiFormProblem } from '../../lib/kpi.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';

const KpiCharts = lazy(() => import('./KpiCharts.tsx'));

function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

type TFunc = ReturnType<typeof useTranslation>['t'];

/** Supervisor KPIs: filters, number tiles, charts with text alternatives, CSV downloads. */
export function ReportsScreen() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const client = useClient();
  const { kpi, devices, pending } = useConsoleState();
  const [form, setForm] = useState<KpiForm>(() => defaultKpiForm(new Date()));
  const [problem, setProblem] = useState<KpiFormProblem | null>(null);
  const ids = { from: useId(), to: useId(), device: useId(), language: useId(), problem: useId() };

  const run = (f: KpiForm) => {
    const r = kpiFilterFromForm(f, localTimeZone());
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    void client.loadKpi(r.filter);
  };
  // First visit: the last seven days.
  useEffect(() => {
    if (kpi.status === 'idle') run(form);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(form);
  };
  const set = (k: keyof KpiForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const report = kpi.report;
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  return (
    <main id="main" className="reports" aria-busy={kpi.status === 'loading'}>
      <div className="page-title page-title--row">
        <h1>{t('reports.heading')}</h1>
        <div className="csv-actions">
          <button type="button" className="btn" disabled={pending.csv !== null || kpi.status !== 'ready'} aria-busy={pending.csv === 'kpi'} onClick={() => void client.downloadCsv('kpi')}>
            <Icon name="download" />
            {t('reports.csvKpi')}
          </button>
          <button type="button" className="btn" disabled={pending.csv !== null || kpi.status !== 'ready'} aria-busy={pending.csv === 'sessions'} onClick={() => void client.downloadCsv('sessions')}>
            <Icon name="download" />
            {t('reports.csvSessions')}
          </button>
        </div>
      </div>

      <form className="fleet-card report-filters" onSubmit={submit} aria-labelledby="report-filters-heading" noValidate>
        <h2 id="report-filters-heading" className="sr-only">
          {t('reports.filters')}
        </h2>
        <div className="field">
          <label htmlFor={ids.from}>{t('reports.from')}</label>
          <input id={ids.from} type="date" value={form.from} max={form.to || undefined} onChange={set('from')} aria-invalid={problem === 'fromInvalid' || problem === 'range' || undefined} aria-describedby={problem ? ids.problem : undefined} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('reports.to')}</label>
          <input id={ids.to} type="date" value={form.to} min={form.from || undefined} onChange={set('to')} aria-invalid={problem === 'toInvalid' || problem === 'range' || undefined} aria-describedby={problem ? ids.problem : undefined} />
        </div>
        <div className="field">
          <label htmlFor={ids.device}>{t('reports.device')}</label>
          <select id={ids.device} value={form.deviceId} onChange={set('deviceId')}>
            <option value="">{t('reports.allDevices')}</option>
            {devices.map((d) => (
              <option key={d.device.id} value={d.device.id}>
                {d.device.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.language}>{t('reports.language')}</label>
          <select id={ids.language} value={form.language} onChange={set('language')}>
            <option value="">{t('reports.allLanguages')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t('languageTag', { name: t(`languages.${l}`), tag: l })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn--primary" disabled={kpi.status === 'loading'}>
          {t('reports.show')}
        </button>
        {problem && (
          <p id={ids.problem} className="form-error report-problem" role="alert">
            {t(`reports.problem.${problem}`)}
          </p>
        )}
      </form>

      <p className="report-status" role="status">
        {kpi.status === 'loading'
          ? t('reports.loading')
          : kpi.status === 'error' && kpi.error
            ? null
            : report
              ? t('reports.generated', { time: formatDateTime(report.generatedAt, locale), count: report.sessionsTotal })
              : null}
      </p>
      {kpi.status === 'error' && kpi.error && (
        <p className="banner banner--error" role="alert">
          <Icon name="alert" />
          <span>
            {t('reports.failed')} <Message message={kpi.error} />
          </span>
        </p>
      )}

      {report && (
        <>
          <section aria-labelledby="kpi-tiles-heading">
            <h2 id="kpi-tiles-heading" className="sr-only">
              {t('reports.numbers')}
            </h2>
            <dl className="tiles tiles--kpi">{tiles(t, report, nf).map(Tile)}</dl>
          </section>
          <Suspense fallback={<p className="muted">{t('reports.chartsLoading')}</p>}>
            <KpiCharts report={report} locale={locale} />
          </Suspense>
        </>
      )}
    </main>
  );
}

interface TileData {
  key: string;
  label: string;
  value: string;
  note?: string;
}

function Tile(d: TileData) {
  return (
    <div key={d.key} className="tile" data-kpi={d.key}>
      <dt>{d.label}</dt>
      <dd className="tile-value">{d.value}</dd>
      {d.note && <dd className="tile-note">{d.note}</dd>}
    </div>
  );
}

function tiles(t: TFunc, r: KpiReport, nf: Intl.NumberFormat): TileData[] {
  const none = t('robot.noValue');
  const pct = (v: number | null) => (v === null ? none : t('reports.percent', { value: nf.format(v) }));
  const sec = (ms: number | null) => {
    const s = msToSeconds(ms);
    return s === null ? none : t('reports.seconds', { value: nf.format(s) });
  };
  const csat = (c: KpiCsat) => (c.satisfiedPercent === null ? none : pct(c.satisfiedPercent));
  const csatNote = (c: KpiCsat) => (c.mean === null ? t('reports.noRatings') : t('reports.csatNote', { mean: nf.format(c.mean), count: c.count }));
  const c = r.counts;
  return [
    { key: 'sessions', label: t('reports.tile.sessions'), value: nf.format(r.sessionsTotal), note: t('reports.tile.sessionsNote', { ended: c.ended, waiting: c.waiting }) },
    { key: 'escalation', label: t('reports.tile.escalation'), value: pct(r.escalationRatePercent), note: t('reports.ofSessions', { n: c.escalated, d: c.sessions }) },
    { key: 'p50', label: t('reports.tile.p50'), value: sec(r.firstResponseMs.p50), note: t('reports.tile.answeredNote', { count: r.firstResponseMs.count }) },
    { key: 'p90', label: t('reports.tile.p90'), value: sec(r.firstResponseMs.p90), note: t('reports.tile.meanNote', { value: sec(r.firstResponseMs.mean) }) },
    { key: 'abandonment', label: t('reports.tile.abandonment'), value: pct(r.abandonmentRatePercent), note: t('reports.ofEscalated', { n: c.abandoned, d: c.escalated }) },
    { key: 'resolution', label: t('reports.tile.resolution'), value: pct(r.resolutionRatePercent), note: t('reports.ofAnswered', { n: c.resolved, d: c.answered }) },
    { key: 'csatEscalated', label: t('reports.tile.csatEscalated'), value: csat(r.csat.escalated), note: csatNote(r.csat.escalated) },
    { key: 'csatAi', label: t('reports.tile.csatAi'), value: csat(r.csat.aiOnly), note: csatNote(r.csat.aiOnly) },
    { key: 'handback', label: t('reports.tile.handback'), value: pct(r.handbackRatePercent), note: t('reports.ofAnswered', { n: c.handedBack, d: c.answered }) },
    { key: 'containment', label: t('reports.tile.containment'), value: pct(r.containmentRatePercent), note: t('reports.ofSessions', { n: c.contained, d: c.sessions }) },
    { key: 'waitPrediction', label: t('reports.tile.waitPrediction'), value: pct(r.waitPrediction.withinRangePercent), note: t('reports.tile.waitPredictionNote', { count: r.waitPrediction.count, error: sec(r.waitPrediction.meanAbsErrorMs) }) },
  ];
}
