import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { DeviceCard } from './DeviceCard.tsx';
import { Icon } from '../common/Icon.tsx';

/** Status of every kiosk and robot (all roles). */
export function DevicesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const { devices } = useConsoleState();
  const online = devices.filter((d) => d.online).length;
  return (
    <section className="devices" aria-labelledby="devices-heading">
      <div className="section-head">
        <h2 id="devices-heading">{t('devices.heading')}</h2>
        <span className="count">{t('devices.onlineCount', { online, total: devices.length })}</span>
        <button type="button" className="btn btn--icon" onClick={() => void client.refreshDevices()} aria-label={t('devices.refresh')} title={t('devices.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>
      {devices.length === 0 ? <p className="muted">{t('devices.none')}</p> : <ul className="device-list">{devices.map((d) => <DeviceCard key={d.device.id} status={d} />)}</ul>}
    </section>
  );
}
