import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { holdsLease, type RobotLatency, type RobotOutcome } from '../../client/state.ts';
import { localeOf } from '../../i18n/i18n.ts';
import { DriveRepeater } from '../../lib/drive.ts';
import { formatMetres, headingDegrees } from '../../lib/format.ts';
import { useDriveKeys } from '../../lib/useDriveKeys.ts';
import { WAYPOINT_NAMES } from '../../lib/venue.ts';
import { DrivePad } from './DrivePad.tsx';
import { Icon } from '../common/Icon.tsx';
import { reasonText } from '../common/reasonText.ts';
import { useWaypointLabel } from '../common/useWaypointLabel.ts';

const ARROW = { up: '↑', down: '↓', left: '←', right: '→' } as const;

/** How often the latency readout pings the robot while the panel is shown (ms). */
const PING_MS = 2_000;

type TFunc = ReturnType<typeof useTranslation>['t'];

/** The status line of the last command (navigate, cancel, dock, stop, drive). */
function outcomeText(t: TFunc, o: RobotOutcome, place: (name: string) => string): string {
  if (o.ok) return o.command === 'navigate' ? t('robot.result.navigate', { place: place(o.waypoint ?? '') }) : t(`robot.result.${o.command}`);
  const command = o.command === 'navigate' ? t('robot.command.navigate', { place: place(o.waypoint ?? '') }) : t(`robot.command.${o.command}`);
  return t('robot.result.failed', { command, reason: reasonText(t, o.reason) });
}

function latencyText(t: TFunc, l: RobotLatency | null, locale: string): { browser: string; robot: string } {
  if (!l) return { browser: t('robot.measuring'), robot: t('robot.measuring') };
  const ms = (v: number | null) => (v === null ? t('robot.noValue') : t('robot.ms', { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v) }));
  return { browser: ms(l.browserMs), robot: l.ok ? ms(l.rosRttMs) : reasonText(t, l.reason) };
}

/** Plain problems that stop the robot from moving, from device status and the latest answers. */
function blockers(device: DeviceStatus | undefined, last: RobotOutcome | null, latency: RobotLatency | null): ('estop' | 'robot_link_down')[] {
  const recent = [last?.ok ? undefined : last?.reason, latency?.ok ? undefined : latency?.reason];
  const out: ('estop' | 'robot_link_down')[] = [];
  if (device?.estop || recent.includes('estop')) out.push('estop');
  if (device?.robotLink === 'down' || recent.includes('robot_link_down')) out.push('robot_link_down');
  return out;
}

/**
 * Robot control in the call view: direction pad and keyboard driving, "Go to" waypoints, cancel
 * and dock, the control latency readout, and (supervisors) revoking control. The controls are
 * shown only while this user holds the session's control lease.
 */
export function RobotPanel() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const client = useClient();
  const state = useConsoleState();
  const { assignment, worker, devices, robot, lease } = state;
  const held = holdsLease(state);
  const device = devices.find((d) => d.device.id === assignment?.session.deviceId);
  const hasRobot = device?.robotLink !== 'none';
  const controls = held && hasRobot;
  const place = useWaypointLabel();
  const [waypoint, setWaypoint] = useState<string>(WAYPOINT_NAMES[0] ?? 'entrance');
  const ids = { heading: useId(), select: useId(), blocked: useId(), help: useId() };

  const repeater = useMemo(() => new DriveRepeater((command, cause) => void client.robotCommand(command, { keepFailure: cause === 'release' })), [client]);
  useEffect(() => {
    if (!controls) repeater.releaseAll();
    return () => repeater.releaseAll();
  }, [repeater, controls]);
  useDriveKeys(repeater, controls);

  // Latency readout: ping every 2 s while the controls are shown and the tab is visible.
  useEffect(() => {
    if (!controls) return;
    const tick = () => {
      if (!document.hidden) void client.pingRobot();
    };
    tick();
    const id = setInterval(tick, PING_MS);
    return () => clearInterval(id);
  }, [client, controls]);

  if (!assignment || !worker) return null;
  const blocked = blockers(device, robot.last, robot.latency);
  const latency = latencyText(t, robot.latency, locale);
  const canRevoke = worker.role === 'supervisor' && !!lease?.holder;

  return (
    <section className="panel robot-panel" aria-labelledby={ids.heading}>
      <div className="robot-head">
        <h2 id={ids.heading} className="robot-title">
          <Icon name="robot" />
          {t('robot.heading')}
        </h2>
        {device && (
          <p className="robot-chips">
            <span className={`chip chip--${device.robotLink === 'up' ? 'ok' : device.robotLink === 'down' ? 'bad' : 'none'}`}>
              {t('devices.robotLink')}: {t(`robotLink.${device.robotLink}`)}
            </span>
            {device.estop !== null && (
              <span className={`chip chip--${device.estop ? 'bad' : 'ok'}`}>
                {t('fleet.estop')}: {device.estop ? t('fleet.estopEngaged') : t('fleet.estopReleased')}
              </span>
            )}
          </p>
        )}
        {controls && blocked.length > 0 && (
          <p id={ids.blocked} className="robot-alert" role="alert">
            <Icon name="estop" />
            <span>{blocked.map((b) => t(`robot.blocked.${b}`)).join(' ')}</span>
          </p>
        )}
        {canRevoke && (
          <button type="button" className="btn btn--danger-outline" onClick={() => void client.revokeControl()} disabled={robot.busy}>
            {t('robot.revoke')}
          </button>
        )}
      </div>

      {!held ? (
        <p className="robot-note robot-note--bad" role="status">
          <Icon name="alert" />
          {t('robot.noLease')}
        </p>
      ) : !hasRobot ? (
        <p className="robot-note">{t('robotReason.no_robot')}</p>
      ) : (
        <div className="robot-body">
          <DrivePad repeater={repeater} describedBy={blocked.length > 0 ? `${ids.blocked} ${ids.help}` : ids.help} />

          <div className="robot-nav">
            <div className="goto-row">
              <label htmlFor={ids.select}>{t('robot.goTo')}</label>
              <select id={ids.select} value={waypoint} onChange={(e) => setWaypoint(e.target.value)}>
                {WAYPOINT_NAMES.map((name) => (
                  <option key={name} value={name}>
                    {place(name)}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn--primary" disabled={robot.busy} onClick={() => void client.robotCommand({ type: 'navigate', waypoint })}>
                <Icon name="flag" />
                {t('robot.go')}
              </button>
            </div>
            <div className="nav-actions">
              <button type="button" className="btn" disabled={robot.busy} onClick={() => void client.robotCommand({ type: 'cancel' })}>
                <Icon name="cancel" />
                {t('robot.cancelNav')}
              </button>
              <button type="button" className="btn" disabled={robot.busy} onClick={() => void client.robotCommand({ type: 'dock' })}>
                <Icon name="dock" />
                {t('robot.dock')}
              </button>
            </div>
            <p className={`robot-outcome${robot.last && !robot.last.ok ? ' robot-outcome--bad' : ''}`} role="status">
              {robot.last ? outcomeText(t, robot.last, place) : t('robot.ready')}
            </p>
          </div>

          <div className="robot-side">
            <dl className="robot-stats">
              <div>
                <dt>{t('robot.latency')}</dt>
                <dd data-testid="robot-latency">{latency.browser}</dd>
              </div>
              <div>
                <dt>{t('robot.rosLatency')}</dt>
                <dd>{latency.robot}</dd>
              </div>
              <div>
                <dt>{t('robot.navigation')}</dt>
                <dd data-testid="robot-navigation">
                  {device?.navigation
                    ? t(`robot.navStatus.${device.navigation.status}`, {
                        place: device.navigation.waypoint,
                        distance: device.navigation.distanceRemaining !== null ? formatMetres(device.navigation.distanceRemaining, locale) : '…',
                      })
                    : t('robot.noValue')}
                </dd>
              </div>
              <div>
                <dt>{t('robot.position')}</dt>
                <dd>{device?.pose ? t('pose.xy', { x: formatMetres(device.pose.x, locale), y: formatMetres(device.pose.y, locale) }) : t('robot.noValue')}</dd>
              </div>
              <div>
                <dt>{t('robot.headingLabel')}</dt>
                <dd>{device?.pose ? t('pose.degrees', { heading: headingDegrees(device.pose.theta) }) : t('robot.noValue')}</dd>
              </div>
            </dl>
            <p id={ids.help} className="help-line robot-help">
              <span className="robot-help-title">{t('robot.keysTitle')}</span>
              <span className="robot-help-row">
                {(['up', 'down', 'left', 'right'] as const).map((k) => (
                  <kbd key={k}>
                    <span aria-hidden="true">{ARROW[k]}</span>
                    <span className="sr-only">{t(`robot.keyName.${k}`)}</span>
                  </kbd>
                ))}{' '}
                {t('robot.keysOr')} <kbd>W</kbd>
                <kbd>A</kbd>
                <kbd>S</kbd>
                <kbd>D</kbd> {t('robot.keysDrive')}
              </span>
              <span className="robot-help-row">
                <kbd>{t('robot.keySpace')}</kbd> {t('robot.keysOr')} <kbd>Esc</kbd> {t('robot.keysStop')}
              </span>
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
