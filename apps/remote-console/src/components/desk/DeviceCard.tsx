import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '@telekiosk/shared';
import { localeOf } from '../../i18n/i18n.ts';
import { formatTime } from '../../lib/format.ts';
import { Icon, type IconName } from '../common/Icon.tsx';

/** Battery below this percent is flagged as low. */
const LOW_BATTERY = 20;

const LINK_ICON: Record<DeviceStatus['robotLink'], IconName> = { up: 'linkUp', down: 'linkDown', none: 'linkNone' };

/** One device's health: connection, battery, robot link and session, each as icon + text. */
export function DeviceCard({ status }: { status: DeviceStatus }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const { device, online, batteryPercent, charging, robotLink, sessionState, lastSeenAt } = status;
  const low = batteryPercent !== null && batteryPercent < LOW_BATTERY && !charging;
  const titleId = `device-${device.id}-name`;
  return (
    <li className={`device ${online ? 'device--online' : 'device--offline'}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="device-name">
        {device.name}
      </h3>
      <p className="device-location">
        <Icon name="location" />
        {device.location || t('devices.noLocation')}
      </p>
      <dl className="device-facts">
        <div className={`fact fact--${online ? 'ok' : 'bad'}`}>
          <dt>{t('devices.connection')}</dt>
          <dd>
            <Icon name={online ? 'online' : 'offline'} />
            {online ? t('devices.online') : t('devices.offline')}
            {!online && lastSeenAt && <span className="fact-note">{t('devices.lastSeen', { time: formatTime(lastSeenAt, locale) })}</span>}
          </dd>
        </div>
        <div className={`fact fact--${batteryPercent === null ? 'none' : low ? 'bad' : 'ok'}`}>
          <dt>{t('devices.battery')}</dt>
          <dd>
            <Icon name={charging ? 'charging' : 'battery'} />
            {batteryPercent === null ? t('devices.noBattery') : t('devices.batteryPercent', { percent: Math.round(batteryPercent) })}
            {charging && <span className="fact-note">{t('devices.charging')}</span>}
            {low && <span className="fact-note fact-note--bad">{t('devices.batteryLow')}</span>}
          </dd>
        </div>
        <div className={`fact fact--${robotLink === 'up' ? 'ok' : robotLink === 'down' ? 'bad' : 'none'}`}>
          <dt>{t('devices.robotLink')}</dt>
          <dd>
            <Icon name={LINK_ICON[robotLink]} />
            {t(`robotLink.${robotLink}`)}
          </dd>
        </div>
        <div className={`fact fact--${sessionState === 'queued' ? 'warn' : 'none'}`}>
          <dt>{t('devices.session')}</dt>
          <dd>
            <Icon name={sessionState ? 'session' : 'idle'} />
            {sessionState ? t(`sessionState.${sessionState}`) : t('devices.idle')}
          </dd>
        </div>
      </dl>
    </li>
  );
}
