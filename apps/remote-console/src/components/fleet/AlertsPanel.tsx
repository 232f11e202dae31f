import { useTranslation } from 'react-i18next';
import type { Alert } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { deviceName } from '../../client/state.ts';
import { localeOf } from '../../i18n/i18n.ts';
import { formatTime } from '../../lib/format.ts';
import { Icon } from '../common/Icon.tsx';

/** Open and acknowledged fleet alerts, critical first, then newest first; live from `alert:update`. */
export function AlertsPanel() {
  const { t } = useTranslation();
  const { alerts } = useConsoleState();
  const critical = alerts.filter((a) => a.severity === 'critical').length;
  return (
    <section className="fleet-card alerts" aria-labelledby="alerts-heading">
      <div className="section-head">
        <h2 id="alerts-heading">
          <Icon name="bell" />
          {t('alerts.heading')}
        </h2>
        <span className={`count${critical > 0 ? ' count--bad' : ''}`}>{t('alerts.count', { count: alerts.length })}</span>
      </div>
      {alerts.length === 0 ? (
        <p className="empty-alerts">
          <Icon name="check" />
          {t('alerts.none')}
        </p>
      ) : (
        <ul className="alert-list">
          {alerts.map((a) => (
            <AlertItem key={a.id} alert={a} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Brings the venue map into view and moves focus to it (where a safety alert's device stands). */
function showOnMap() {
  document.getElementById('fleet-map')?.scrollIntoView({ block: 'start' });
  document.getElementById('map-heading')?.focus();
}

function AlertItem({ alert }: { alert: Alert }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { devices, worker } = useConsoleState();
  const titleId = `alert-${alert.id}`;
  const by = alert.acknowledgedBy === worker?.id ? t('alerts.you') : alert.acknowledgedBy;
  return (
    <li className={`alert-item alert-item--${alert.severity} alert-item--${alert.state}`} aria-labelledby={titleId}>
      <div className="alert-head">
        <span className={`badge badge--severity-${alert.severity}`}>
          <Icon name={alert.severity === 'critical' ? 'estop' : 'alert'} />
          {t(`alertSeverity.${alert.severity}`)}
        </span>
        <h3 id={titleId} className="alert-title">
          {t(`alertKind.${alert.kind}`)} · {deviceName(devices, alert.deviceId)}
        </h3>
        <time className="alert-time" dateTime={alert.openedAt}>
          {formatTime(alert.openedAt, localeOf(i18n.language))}
        </time>
      </div>
      <p className="alert-detail" lang="en">
        {alert.detail}
      </p>
      {alert.kind === 'safety' && (
        <p className="alert-location">
          <Icon name="location" />
          {devices.find((d) => d.device.id === alert.deviceId)?.device.location || t('devices.noLocation')}
          <button type="button" className="btn btn--quiet" onClick={showOnMap}>
            {t('map.showOnMap')}
          </button>
        </p>
      )}
      <div className="alert-foot">
        <p className="alert-state">{alert.state === 'acknowledged' ? t('alerts.acknowledgedBy', { who: by ?? '' }) : t('alerts.open')}</p>
        <div className="alert-actions">
          {alert.state === 'open' && (
            <button type="button" className="btn" aria-describedby={titleId} onClick={() => void client.acknowledgeAlert(alert.id)}>
              {t('alerts.acknowledge')}
            </button>
          )}
          <button type="button" className="btn" aria-describedby={titleId} onClick={() => void client.resolveAlert(alert.id)}>
            {t('alerts.resolve')}
          </button>
        </div>
      </div>
    </li>
  );
}
