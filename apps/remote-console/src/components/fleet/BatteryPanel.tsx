import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { deviceName } from '../../client/state.ts';
import { localeOf } from '../../i18n/i18n.ts';
import { downsample, summarizeBattery } from '../../lib/battery.ts';
import { formatClock } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';

const BatteryChart = lazy(() => import('./BatteryChart.tsx'));

/** History window of the chart, hours. */
export const HISTORY_HOURS = 24;
/** The chart refreshes this often while shown (ms). */
const REFRESH_MS = 60_000;

/** Battery history of the selected device: device picker, line chart and a text summary. */
export function BatteryPanel() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const client = useClient();
  const { devices, history } = useConsoleState();
  const selected = history?.deviceId ?? null;
  const now = useNow(REFRESH_MS);

  // Pick a device with a battery when nothing is selected yet.
  useEffect(() => {
    if (selected || devices.length === 0) return;
    const first = devices.find((d) => d.batteryPercent !== null) ?? devices[0]!;
    void client.loadHistory(first.device.id, HISTORY_HOURS);
  }, [client, devices, selected]);

  useEffect(() => {
    if (!selected) return;
    const id = setInterval(() => void client.loadHistory(selected, HISTORY_HOURS), REFRESH_MS);
    return () => clearInterval(id);
  }, [client, selected]);

  const samples = downsample(history?.samples ?? []);
  const s = summarizeBattery(history?.samples ?? []);
  const name = selected ? deviceName(devices, selected) : '';
  const summary = s
    ? t('battery.summary', {
        device: name,
        hours: HISTORY_HOURS,
        now: Math.round(s.now.batteryPercent),
        min: Math.round(s.min.batteryPercent),
        minTime: formatClock(s.min.at, locale),
        max: Math.round(s.max.batteryPercent),
        count: s.count,
      }) + (s.now.charging ? ` ${t('battery.chargingNow')}` : '')
    : t('battery.empty', { device: name, hours: HISTORY_HOURS });

  return (
    <section className="fleet-card battery-panel" aria-labelledby="battery-heading">
      <div className="section-head section-head--wrap">
        <h2 id="battery-heading" tabIndex={-1}>
          {t('battery.heading', { hours: HISTORY_HOURS })}
        </h2>
        <div className="field-inline">
          <label htmlFor="battery-device">{t('battery.device')}</label>
          <select id="battery-device" value={selected ?? ''} onChange={(e) => void client.loadHistory(e.target.value, HISTORY_HOURS)}>
            {!selected && <option value="" />}
            {devices.map((d) => (
              <option key={d.device.id} value={d.device.id}>
                {d.device.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {history?.status === 'error' && (
        <p className="banner banner--warn" role="alert">
          {t('battery.error')}
        </p>
      )}
      {history?.status === 'loading' && samples.length === 0 ? (
        <p className="muted">{t('battery.loading')}</p>
      ) : samples.length > 0 ? (
        <Suspense fallback={<p className="muted">{t('battery.loading')}</p>}>
          <BatteryChart samples={samples} locale={locale} summary={summary} seriesLabel={t('devices.battery')} hours={HISTORY_HOURS} now={now} />
        </Suspense>
      ) : null}
      <p className="chart-summary">
        {history?.status === 'loading' && samples.length === 0 ? '' : summary}
      </p>
    </section>
  );
}
