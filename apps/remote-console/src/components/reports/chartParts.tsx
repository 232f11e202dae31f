import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Axis ink and grid colours of the report charts. */
export const INK = '#4a5668';
export const GRID = '#e3e8ef';

/** A chart with its heading, a text alternative (the canvas name and a visible summary) and the data as a table. */
export function ChartFigure({ title, summary, table, children }: { title: string; summary: string; table: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <figure className="fleet-card chart-figure" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="chart-title">
        {title}
      </h2>
      {children && <div className="chart-box">{children}</div>}
      <figcaption className="chart-summary">{summary}</figcaption>
      <details className="chart-data">
        <summary>{t('reports.chart.showTable')}</summary>
        {table}
      </details>
    </figure>
  );
}
