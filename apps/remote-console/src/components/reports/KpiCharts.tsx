import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartOptions } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { KpiReport } from '@telekiosk/shared';
import { dailyTotals, reasonsWithCounts } from '../../lib/kpi.ts';
import { QualityCharts } from './QualityCharts.tsx';
import { ChartFigure, GRID, INK } from './chartParts.tsx';

// Only the pieces these charts use.
ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

/** Series colours with enough contrast on white, told apart by shape and legend too (not colour alone). */
const COLORS = { sessions: '#1a56db', escalations: '#b42318', answered: '#146c43', abandoned: '#8a4b00', ai: '#6a3fb5' };

/** The KPI charts (react-chartjs-2), loaded lazily with chart.js. */
export default function KpiCharts({ report, locale }: { report: KpiReport; locale: string }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const reasons = reasonsWithCounts(report);
  const reasonLabel = (code: string) => t(`reason.${code}`, { defaultValue: code });
  const totals = dailyTotals(report.daily);
  const dayLabel = (date: string) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));
  const csat = report.csat;
  const pct = (v: number | null) => (v === null ? t('robot.noValue') : t('reports.percent', { value: nf.format(v) }));

  const axis = { ticks: { color: INK }, grid: { color: GRID } };
  const barOptions: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: 'y',
    plugins: { legend: { display: false } },
    scales: { x: { ...axis, beginAtZero: true, ticks: { color: INK, precision: 0 } }, y: { ticks: { color: INK }, grid: { display: false } } },
  };
  const lineOptions: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { color: INK, usePointStyle: true } } },
    scales: { x: { ticks: { color: INK, maxRotation: 0 }, grid: { display: false } }, y: { ...axis, beginAtZero: true, ticks: { color: INK, precision: 0 } } },
  };
  const csatOptions: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => pct(ctx.parsed.y) } } },
    scales: { x: { ticks: { color: INK }, grid: { display: false } }, y: { ...axis, min: 0, max: 100, ticks: { color: INK, callback: (v) => `${v}%` } } },
  };

  const reasonSummary = reasons.length
    ? t('reports.chart.reasonsSummary', {
        escalated: report.counts.escalated,
        list: reasons
          .slice(0, 3)
          .map((r) => t('reports.chart.reasonItem', { reason: reasonLabel(r.code), count: r.sessions, percent: pct(r.percentOfEscalated) }))
          .join('; '),
      })
    : t('reports.chart.reasonsNone');
  const dailySummary = totals.days
    ? t('reports.chart.dailySummary', {
        days: totals.days,
        sessions: totals.sessions,
        escalations: totals.escalations,
        answered: totals.answered,
        abandoned: totals.abandoned,
        busiest: totals.busiest && totals.busiest.sessions > 0 ? dayLabel(totals.busiest.date) : t('robot.noValue'),
      })
    : t('reports.chart.dailyNone');
  const csatPart = (group: string, c: KpiReport['csat']['escalated']) =>
    c.count === 0 ? t('reports.chart.csatNone', { group }) : t('reports.chart.csatPart', { group, percent: pct(c.satisfiedPercent), count: c.count });
  const csatSummary = t('reports.chart.csatSummary', { parts: [csatPart(t('reports.chart.escalated'), csat.escalated), csatPart(t('reports.chart.aiOnly'), csat.aiOnly)].join('; ') });

  const groups = [t('reports.chart.escalated'), t('reports.chart.aiOnly')];
  return (
    <>
      <div className="chart-grid">
      <ChartFigure
        title={t('reports.chart.reasons')}
        summary={reasonSummary}
        table={
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.chart.reason')}</th>
                <th scope="col">{t('reports.chart.sessions')}</th>
                <th scope="col">{t('reports.chart.shareOfEscalated')}</th>
              </tr>
            </thead>
            <tbody>
              {report.escalationByReason.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{reasonLabel(r.code)}</th>
                  <td>{r.sessions}</td>
                  <td>{pct(r.percentOfEscalated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <Bar
          role="img"
          aria-label={reasonSummary}
          fallbackContent={<p>{reasonSummary}</p>}
          options={barOptions}
          data={{
            labels: (reasons.length ? reasons : report.escalationByReason.slice(0, 5)).map((r) => reasonLabel(r.code)),
            datasets: [{ label: t('reports.chart.sessions'), data: (reasons.length ? reasons : report.escalationByReason.slice(0, 5)).map((r) => r.sessions), backgroundColor: COLORS.escalations, borderRadius: 4, maxBarThickness: 40 }],
          }}
        />
      </ChartFigure>

      <ChartFigure
        title={t('reports.chart.daily')}
        summary={dailySummary}
        table={
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.chart.day')}</th>
                <th scope="col">{t('reports.chart.sessions')}</th>
                <th scope="col">{t('reports.chart.escalations')}</th>
                <th scope="col">{t('reports.chart.answered')}</th>
                <th scope="col">{t('reports.chart.abandoned')}</th>
              </tr>
            </thead>
            <tbody>
              {report.daily.map((d) => (
                <tr key={d.date}>
                  <th scope="row">
                    <time dateTime={d.date}>{dayLabel(d.date)}</time>
                  </th>
                  <td>{d.sessions}</td>
                  <td>{d.escalations}</td>
                  <td>{d.answered}</td>
                  <td>{d.abandoned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <Line
          role="img"
          aria-label={dailySummary}
          fallbackContent={<p>{dailySummary}</p>}
          options={lineOptions}
          data={{
            labels: report.daily.map((d) => dayLabel(d.date)),
            datasets: (
              [
                ['sessions', 'circle'],
                ['escalations', 'triangle'],
                ['answered', 'rect'],
                ['abandoned', 'crossRot'],
              ] as const
            ).map(([k, shape]) => ({
              label: t(`reports.chart.${k}`),
              data: report.daily.map((d) => d[k]),
              borderColor: COLORS[k],
              backgroundColor: COLORS[k],
              pointStyle: shape,
              pointRadius: 4,
              borderWidth: 2,
              tension: 0.2,
            })),
          }}
        />
      </ChartFigure>

      <ChartFigure
        title={t('reports.chart.csat')}
        summary={csatSummary}
        table={
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.chart.group')}</th>
                <th scope="col">{t('reports.chart.satisfied')}</th>
                <th scope="col">{t('reports.chart.mean')}</th>
                <th scope="col">{t('reports.chart.ratings')}</th>
              </tr>
            </thead>
            <tbody>
              {[csat.escalated, csat.aiOnly].map((c, i) => (
                <tr key={groups[i]}>
                  <th scope="row">{groups[i]}</th>
                  <td>{pct(c.satisfiedPercent)}</td>
                  <td>{c.mean === null ? t('robot.noValue') : nf.format(c.mean)}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <Bar
          role="img"
          aria-label={csatSummary}
          fallbackContent={<p>{csatSummary}</p>}
          options={csatOptions}
          data={{
            labels: groups,
            datasets: [{ label: t('reports.chart.satisfied'), data: [csat.escalated.satisfiedPercent ?? 0, csat.aiOnly.satisfiedPercent ?? 0], backgroundColor: [COLORS.escalations, COLORS.ai], borderRadius: 4, maxBarThickness: 90 }],
          }}
        />
      </ChartFigure>
      </div>
      {report.quality && <QualityCharts quality={report.quality} locale={locale} />}
    </>
  );
}
