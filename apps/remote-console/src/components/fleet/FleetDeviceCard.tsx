import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRef, DeviceStatus } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { formatPose, formatTime } from '../../lib/format.ts';
import { Icon, type IconName } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { reasonText } from '../common/reasonText.ts';

const LOW_BATTERY = 20;
type Tone = 'ok' | 'bad' | 'warn' | 'none';

function Fact({ label, tone, icon, children }: { label: string; tone: Tone; icon: IconName; children: ReactNode }) {
  return (
    <div className={`fact fact--${tone}`}>
      <dt>{label}</dt>
      <dd>
        <Icon name={icon} />
        {children}
      </dd>
    </div>
  );
}

const HEALTH_TONE: Record<DeviceStatus['camera'], Tone> = { ok: 'ok', failed: 'bad', unknown: 'none' };

/**
 * A device on the fleet screen: every health fact as icon + text, and the staff actions; with
 * `onRevoke` (staff and supervisors) also its credential: a new enrolment code, rotate, revoke.
 */
export function FleetDeviceCard({ status, onShowHistory, onRevoke }: { status: DeviceStatus; onShowHistory: (deviceId: string) => void; onRevoke?: (device: DeviceRef) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const client = useClient();
  const { deviceActions, alerts } = useConsoleState();
  const action = deviceActions[status.device.id];
  const pending = action?.pending ?? null;
  const { device, online, batteryPercent, charging, robotLink, sessionState, lastSeenAt, estop, inService, camera, microphone, appVersion, pose } = status;
  const low = batteryPercent !== null && batteryPercent < LOW_BATTERY && !charging;
  const titleId = `fleet-device-${device.id}`;
  const hasRobot = robotLink !== 'none';
  const criticalHold = alerts.some((a) => a.deviceId === device.id && a.severity === 'critical');
  const holdId = `${titleId}-hold`;
  const credentialId = `${titleId}-credential`;
  return (
    <li className={`device fleet-device ${online ? 'device--online' : 'device--offline'}${inService ? '' : ' device--out'}`} aria-labelledby={titleId}>
      <div className="fleet-device-head">
        <h3 id={titleId} className="device-name">
          {device.name}
        </h3>
        <span className={`badge badge--service-${inService ? 'in' : 'out'}`}>
          <Icon name={inService ? 'check' : 'service'} />
          {inService ? t('fleet.inService') : t('fleet.outOfService')}
        </span>
      </div>
      <p className="device-location">
        <Icon name="location" />
        {device.location || t('devices.noLocation')}
      </p>
      {!inService && (
        <p id={holdId} className="service-hold">
          {criticalHold ? t('fleet.criticalHold') : t('fleet.manualHold')}
        </p>
      )}
      <dl className="device-facts">
        <Fact label={t('devices.connection')} tone={online ? 'ok' : 'bad'} icon={online ? 'online' : 'offline'}>
          {online ? t('devices.online') : t('devices.offline')}
          {!online && lastSeenAt && <span className="fact-note">{t('devices.lastSeen', { time: formatTime(lastSeenAt, locale) })}</span>}
        </Fact>
        <Fact label={t('devices.battery')} tone={batteryPercent === null ? 'none' : low ? 'bad' : 'ok'} icon={charging ? 'charging' : 'battery'}>
          {batteryPercent === null ? t('devices.noBattery') : t('devices.batteryPercent', { percent: Math.round(batteryPercent) })}
          {charging && <span className="fact-note">{t('devices.charging')}</span>}
          {low && <span className="fact-note fact-note--bad">{t('devices.batteryLow')}</span>}
        </Fact>
        <Fact label={t('devices.robotLink')} tone={robotLink === 'up' ? 'ok' : robotLink === 'down' ? 'bad' : 'none'} icon={robotLink === 'up' ? 'linkUp' : robotLink === 'down' ? 'linkDown' : 'linkNone'}>
          {t(`robotLink.${robotLink}`)}
        </Fact>
        <Fact label={t('fleet.estop')} tone={estop === null ? 'none' : estop ? 'bad' : 'ok'} icon={estop === false ? 'online' : 'estop'}>
          {estop === null ? t('fleet.unknown') : estop ? t('fleet.estopEngaged') : t('fleet.estopReleased')}
        </Fact>
        <Fact label={t('fleet.camera')} tone={HEALTH_TONE[camera]} icon="camera">
          {t(`health.${camera}`)}
        </Fact>
        <Fact label={t('fleet.microphone')} tone={HEALTH_TONE[microphone]} icon="mic">
          {t(`health.${microphone}`)}
        </Fact>
        <Fact label={t('devices.session')} tone={sessionState === 'queued' ? 'warn' : 'none'} icon={sessionState ? 'session' : 'idle'}>
          {sessionState ? t(`sessionState.${sessionState}`) : t('devices.idle')}
        </Fact>
        <Fact label={t('fleet.appVersion')} tone="none" icon="version">
          {appVersion ?? t('fleet.unknown')}
        </Fact>
        {hasRobot && (
          <Fact label={t('robot.position')} tone="none" icon="pose">
            {pose ? formatPose(t, pose, locale) : t('fleet.unknown')}
          </Fact>
        )}
      </dl>
      <div className="fleet-actions" aria-busy={pending !== null}>
        {estop && (
          <button type="button" className="btn btn--danger" aria-describedby={titleId} disabled={pending !== null} onClick={() => void client.releaseEstop(device.id)}>
            <Icon name="estop" />
            {t('fleet.releaseEstop')}
          </button>
        )}
        <button
          type="button"
          className="btn"
          aria-describedby={inService ? titleId : `${titleId} ${holdId}`}
          disabled={pending !== null}
          onClick={() => void client.setDeviceService(device.id, !inService)}
        >
          <Icon name="service" />
          {inService ? t('fleet.putOutOfService') : t('fleet.putInService')}
        </button>
        <button type="button" className="btn" aria-describedby={titleId} disabled={pending !== null} onClick={() => void client.reloadDevice(device.id)}>
          <Icon name="refresh" />
          {t('fleet.reload')}
        </button>
        {hasRobot && (
          <button type="button" className="btn" aria-describedby={titleId} disabled={pending !== null} onClick={() => void client.dockDevice(device.id)}>
            <Icon name="dock" />
            {t('fleet.dock')}
          </button>
        )}
        <button type="button" className="btn btn--quiet" aria-describedby={titleId} onClick={() => onShowHistory(device.id)}>
          <Icon name="battery" />
          {t('fleet.showHistory')}
        </button>
      </div>
      {onRevoke && (
        <div className="fleet-actions fleet-credential" role="group" aria-labelledby={`${credentialId} ${titleId}`} aria-busy={pending !== null}>
          <span id={credentialId} className="fleet-actions-label">
            {t('enrolment.credential')}
          </span>
          <button type="button" className="btn" aria-describedby={titleId} disabled={pending !== null} onClick={() => void client.newEnrolmentCode(device.id)}>
            <Icon name="key" />
            {t('enrolment.newCode')}
          </button>
          <button type="button" className="btn" aria-describedby={titleId} disabled={pending !== null} onClick={() => void client.rotateCredential(device.id)}>
            <Icon name="refresh" />
            {t('enrolment.rotate')}
          </button>
          <button type="button" className="btn btn--danger-outline" aria-describedby={titleId} aria-haspopup="dialog" disabled={pending !== null} onClick={() => onRevoke(device)}>
            <Icon name="cancel" />
            {t('enrolment.revokeButton')}
          </button>
        </div>
      )}
      <p className={`fleet-result${action?.result && !action.result.ok ? ' fleet-result--bad' : ''}`} role="status">
        {pending ? (
          t('fleet.working')
        ) : action?.result ? (
          <Message message={action.result.params?.reason ? { ...action.result, params: { ...action.result.params, reason: reasonText(t, String(action.result.params.reason)) } } : action.result} />
        ) : null}
      </p>
    </li>
  );
}
