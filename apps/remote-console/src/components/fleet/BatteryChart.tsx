import { Chart as ChartJS, LinearScale, LineElement, PointElement, Tooltip, type ChartOptions } from 'chart.js';
import { Line } from 'react-chartjs-2';
import type { BatterySample } from '@telekiosk/shared';
import { formatClock, formatTime } from '../../lib/format.ts';

// Only the pieces the battery line chart uses (keeps the bundle small).
ChartJS.register(LinearScale, PointElement, LineElement, Tooltip);

const HOUR_MS = 3_600_000;

/**
 * Battery percentage over time (react-chartjs-2 Line). The canvas is an image whose name is
 * the text summary; the same summary is shown as text beside it. Loaded lazily: only the
 * fleet screen needs chart.js.
 */
export default function BatteryChart({ samples, locale, summary, seriesLabel, hours, now }: { samples: BatterySample[]; locale: string; summary: string; seriesLabel: string; hours: number; now: number }) {
  // A time-proportional x axis (ms) over the whole window, ticks on whole hours.
  const max = Math.max(now, ...samples.map((s) => Date.parse(s.at)));
  const min = Math.floor((now - hours * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const data = {
    datasets: [
      {
        label: seriesLabel,
        data: samples.map((s) => ({ x: Date.parse(s.at), y: s.batteryPercent })),
        borderColor: '#1a56db',
        backgroundColor: '#1a56db',
        borderWidth: 2,
        // Few readings: show them as dots; many: a plain line.
        pointRadius: samples.length < 60 ? 2.5 : 0,
        clip: false as const,
        pointHitRadius: 6,
        tension: 0.2,
      },
    ],
  };
  const options: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%`, stepSize: 25, color: '#4a5668' }, grid: { color: '#e3e8ef' } },
      x: {
        type: 'linear',
        min,
        max,
        ticks: { maxRotation: 0, color: '#4a5668', callback: (v) => formatClock(new Date(Number(v)).toISOString(), locale) },
        // Ticks on whole hours, about eight across the window.
        afterBuildTicks: (axis) => {
          const step = Math.max(1, Math.round(hours / 8)) * HOUR_MS;
          const ticks = [];
          for (let v = Math.ceil(min / step) * step; v <= max; v += step) ticks.push({ value: v });
          axis.ticks = ticks;
        },
        grid: { display: false },
      },
    },
    plugins: {
      tooltip: {
        callbacks: {
          title: (items) => (items[0] ? formatTime(new Date(items[0].parsed.x ?? 0).toISOString(), locale) : ''),
          label: (ctx) => `${seriesLabel}: ${ctx.parsed.y}%`,
        },
      },
    },
  };
  return (
    <div className="chart-box">
      <Line data={data} options={options} role="img" aria-label={summary} fallbackContent={<p>{summary}</p>} />
    </div>
  );
}
