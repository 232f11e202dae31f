import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRef } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { AddDeviceForm } from './AddDeviceForm.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { BatteryPanel, HISTORY_HOURS } from './BatteryPanel.tsx';
import { FleetDeviceCard } from './FleetDeviceCard.tsx';
import { Icon } from '../common/Icon.tsx';
import { VenueMapView } from './VenueMapView.tsx';
import { EnrolmentPanel } from './EnrolmentPanel.tsx';
import { RevokeCredentialDialog } from './RevokeCredentialDialog.tsx';

/**
 * The facility staff screen (and supervisors' Fleet tab): alerts, the venue map, every device
 * with its health and actions, and the battery history of one device; for staff and
 * supervisors also device credentials: "Add a kiosk", the enrolment code panel, rotate and revoke.
 */
export function FleetScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const { devices, alerts, fleetLoaded, worker } = useConsoleState();
  const manages = worker?.role === 'staff' || worker?.role === 'supervisor';
  const [revoking, setRevoking] = useState<DeviceRef | null>(null);
  const online = devices.filter((d) => d.online).length;
  const out = devices.filter((d) => !d.inService).length;
  // Safety alerts put their device's place on the map at once (open or acknowledged, until resolved).
  const alerting = alerts.filter((a) => a.kind === 'safety' && a.state !== 'resolved').map((a) => a.deviceId);

  const showHistory = (deviceId: string) => {
    void client.loadHistory(deviceId, HISTORY_HOURS);
    document.getElementById('battery-heading')?.focus();
  };

  return (
    <main id="main" className="fleet" aria-busy={!fleetLoaded}>
      <div className="fleet-title">
        <h1>{t('fleet.heading')}</h1>
        <p className="fleet-summary">
          <span>{t('devices.onlineCount', { online, total: devices.length })}</span>
          <span>{t('fleet.outCount', { count: out })}</span>
          <span>{t('alerts.count', { count: alerts.length })}</span>
        </p>
        <button type="button" className="btn btn--icon" onClick={() => void client.loadFleet()} aria-label={t('fleet.refresh')} title={t('fleet.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>
      {manages && <EnrolmentPanel />}
      <div className="fleet-grid">
        <div className="fleet-col">
          <AlertsPanel />
          <section className="fleet-card" aria-labelledby="fleet-devices-heading">
            <div className="section-head">
              <h2 id="fleet-devices-heading">{t('devices.heading')}</h2>
              <span className="count">{t('devices.onlineCount', { online, total: devices.length })}</span>
            </div>
            {devices.length === 0 ? (
              <p className="muted">{t('devices.none')}</p>
            ) : (
              <ul className="device-list fleet-device-list">
                {devices.map((d) => (
                  <FleetDeviceCard key={d.device.id} status={d} onShowHistory={showHistory} {...(manages ? { onRevoke: setRevoking } : {})} />
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="fleet-col">
          <VenueMapView devices={devices} alerting={alerting} />
          <BatteryPanel />
          {manages && <AddDeviceForm />}
        </div>
      </div>
      {manages && <RevokeCredentialDialog device={revoking} onClose={() => setRevoking(null)} />}
    </main>
  );
}
