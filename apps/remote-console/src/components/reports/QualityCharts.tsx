import { Bar, Line } from 'react-chartjs-2';
import type { ChartOptions } from 'chart.js';
import { useTranslation } from 'react-i18next';
import type { KpiQuality } from '@telekiosk/shared';
import { ChartFigure as Figure, GRID, INK } from './chartParts.tsx';

const COLORS = { precision: '#146c43', questions: '#1a56db', unanswered: '#b42318', referred: '#6f42c1' };

/**
 * The AI's quality as people judge it (KpiReport `quality`): escalation precision from workers'
 * wrap-up verdicts per reason and language, answer accuracy from trainers' labels, unanswered
 * and referred questions per day (knowledge gaps; questions handled elsewhere), repeat contact after escalation. Loaded with the other charts.
 */
export function QualityCharts({ quality, locale }: { quality: KpiQuality; locale: string }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const pct = (v: number | null) => (v === null ? t('robot.noValue') : t('reports.percent', { value: nf.format(v) }));
  const reasonLabel = (code: string) => t(`reason.${code}`, { defaultValue: code });
  const languageLabel = (code: string) => t(`languages.${code}`, { defaultValue: code });
  const dayLabel = (date: string) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));
  const v = quality.verdicts;
  const axis = { ticks: { color: INK }, grid: { color: GRID } };
  const barOptions: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: 'y',
    plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => pct(ctx.parsed.x) } } },
    scales: { x: { ...axis, min: 0, max: 100, ticks: { color: INK, callback: (x) => `${x}%` } }, y: { ticks: { color: INK }, grid: { display: false } } },
  };
  const lineOptions: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { color: INK, usePointStyle: true } } },
    scales: { x: { ticks: { color: INK, maxRotation: 0 }, grid: { display: false } }, y: { ...axis, beginAtZero: true, ticks: { color: INK, precision: 0 } } },
  };
  const judgedReasons = v.byReason.filter((g) => g.judged > 0);
  const gaps = quality.knowledgeGaps;
  const groupTable = (groups: KpiQuality['verdicts']['byReason'], label: (k: string) => string, head: string) => (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('reports.quality.judged')}</th>
          <th scope="col">{t('reports.quality.right')}</th>
          <th scope="col">{t('reports.quality.earlier')}</th>
          <th scope="col">{t('reports.quality.unnecessary')}</th>
          <th scope="col">{t('reports.quality.precision')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key}>
            <th scope="row">{label(g.key)}</th>
            <td>{g.judged}</td>
            <td>{g.right}</td>
            <td>{g.earlier}</td>
            <td>{g.unnecessary}</td>
            <td>{pct(g.precisionPercent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="quality" aria-labelledby="quality-heading">
      <h2 id="quality-heading" className="section-heading">
        {t('reports.quality.heading')}
      </h2>
      <dl className="tiles tiles--kpi quality-tiles">
        <div className="tile" data-kpi="precision">
          <dt>{t('reports.quality.precisionTile')}</dt>
          <dd className="tile-value">{pct(v.overall.precisionPercent)}</dd>
          <dd className="tile-note">{t('reports.quality.judgedNote', { n: v.overall.judged, unnecessary: v.overall.unnecessary, earlier: v.overall.earlier })}</dd>
        </div>
        <div className="tile" data-kpi="answer-accuracy">
          <dt>{t('reports.quality.accuracyTile')}</dt>
          <dd className="tile-value">{pct(quality.answers.trainerAccuracyPercent)}</dd>
          <dd className="tile-note">{t('reports.quality.accuracyNote', { n: quality.answers.trainerLabelled, wrong: quality.answers.workerWrong, judged: quality.answers.workerJudged })}</dd>
        </div>
        <div className="tile" data-kpi="unanswered">
          <dt>{t('reports.quality.unansweredTile')}</dt>
          <dd className="tile-value">{pct(gaps.unansweredPercent)}</dd>
          <dd className="tile-note">{t('reports.quality.unansweredNote', { unanswered: gaps.unanswered, questions: gaps.questions })}</dd>
          {gaps.referred > 0 && <dd className="tile-note">{t('reports.quality.referredNote', { referred: gaps.referred, percent: pct(gaps.referredPercent) })}</dd>}
        </div>
        <div className="tile" data-kpi="repeat-contact">
          <dt>{t('reports.quality.repeatTile', { days: quality.repeatContact.windowDays })}</dt>
          <dd className="tile-value">{pct(quality.repeatContact.percent)}</dd>
          <dd className="tile-note">{t('reports.quality.repeatNote', { repeated: quality.repeatContact.repeated, known: quality.repeatContact.withCaseNumber })}</dd>
        </div>
        <div className="tile" data-kpi="package-missing">
          <dt>{t('reports.quality.packageTile')}</dt>
          <dd className="tile-value">{pct(quality.packageMissingPercent)}</dd>
        </div>
      </dl>
      <div className="chart-grid">
        <Figure
          title={t('reports.quality.byReason')}
          summary={
            judgedReasons.length
              ? t('reports.quality.byReasonSummary', { list: judgedReasons.slice(0, 3).map((g) => t('reports.quality.groupItem', { name: reasonLabel(g.key), percent: pct(g.precisionPercent), n: g.judged })).join('; ') })
              : t('reports.quality.noVerdicts')
          }
          table={groupTable(v.byReason, reasonLabel, t('reports.chart.reason'))}
        >
          {judgedReasons.length > 0 && (
            <Bar
              aria-label={t('reports.quality.byReason')}
              role="img"
              options={barOptions}
              data={{ labels: judgedReasons.map((g) => reasonLabel(g.key)), datasets: [{ label: t('reports.quality.precision'), data: judgedReasons.map((g) => g.precisionPercent ?? 0), backgroundColor: COLORS.precision }] }}
            />
          )}
        </Figure>
        <Figure
          title={t('reports.quality.byLanguage')}
          summary={
            v.byLanguage.length
              ? t('reports.quality.byLanguageSummary', { list: v.byLanguage.map((g) => t('reports.quality.groupItem', { name: languageLabel(g.key), percent: pct(g.precisionPercent), n: g.judged })).join('; ') })
              : t('reports.quality.noVerdicts')
          }
          table={groupTable(v.byLanguage, languageLabel, t('reports.language'))}
        >
          {v.byLanguage.length > 0 && (
            <Bar
              aria-label={t('reports.quality.byLanguage')}
              role="img"
              options={barOptions}
              data={{ labels: v.byLanguage.map((g) => languageLabel(g.key)), datasets: [{ label: t('reports.quality.precision'), data: v.byLanguage.map((g) => g.precisionPercent ?? 0), backgroundColor: COLORS.precision }] }}
            />
          )}
        </Figure>
        <Figure
          title={t('reports.quality.gapTrend')}
          summary={gaps.daily.length ? t('reports.quality.gapSummary', { unanswered: gaps.unanswered, questions: gaps.questions, percent: pct(gaps.unansweredPercent) }) : t('reports.quality.noQuestions')}
          table={
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.chart.day')}</th>
                  <th scope="col">{t('reports.quality.questions')}</th>
                  <th scope="col">{t('reports.quality.unanswered')}</th>
                  <th scope="col">{t('reports.quality.referred')}</th>
                </tr>
              </thead>
              <tbody>
                {gaps.daily.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{dayLabel(d.date)}</th>
                    <td>{d.questions}</td>
                    <td>{d.unanswered}</td>
                    <td>{d.referred}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          {gaps.daily.length > 0 && (
            <Line
              aria-label={t('reports.quality.gapTrend')}
              role="img"
              options={lineOptions}
              data={{
                labels: gaps.daily.map((d) => dayLabel(d.date)),
                datasets: [
                  { label: t('reports.quality.questions'), data: gaps.daily.map((d) => d.questions), borderColor: COLORS.questions, backgroundColor: COLORS.questions, pointStyle: 'circle' },
                  { label: t('reports.quality.unanswered'), data: gaps.daily.map((d) => d.unanswered), borderColor: COLORS.unanswered, backgroundColor: COLORS.unanswered, pointStyle: 'triangle', borderDash: [6, 3] },
                  { label: t('reports.quality.referred'), data: gaps.daily.map((d) => d.referred), borderColor: COLORS.referred, backgroundColor: COLORS.referred, pointStyle: 'rect', borderDash: [2, 3] },
                ],
              }}
            />
          )}
        </Figure>
      </div>
    </section>
  );
}
