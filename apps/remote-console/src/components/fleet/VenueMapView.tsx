import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '@telekiosk/shared';
import { localeOf } from '../../i18n/i18n.ts';
import { formatMetres, headingDegrees } from '../../lib/format.ts';
import { VENUE } from '../../lib/venue.ts';
import { Icon } from '../common/Icon.tsx';
import { useWaypointLabel } from '../common/useWaypointLabel.ts';

/** Margin around the mapped area, m. */
const PAD = 0.6;
const { minX, minY, maxX, maxY } = VENUE.bounds;
const W = maxX - minX + 2 * PAD;
const H = maxY - minY + 2 * PAD;
/** Map frame (x east, y north, m) to SVG user units (y down). */
const sx = (x: number) => x - minX + PAD;
const sy = (y: number) => maxY - y + PAD;
/** Waypoint labels below the marker: odd counters (even ones go above, so neighbours do not collide) and the dock. */
const labelBelow = (name: string) => name === 'dock' || /^counter-\d*[13579]$/.test(name);

/**
 * The lobby floor plan (venue.ts: walls, obstacles, named waypoints) with each device drawn at
 * its reported pose, the arrow pointing along its heading. Each device marker is an image
 * named like "Lobby robot 1 at x 2.0 m, y 3.5 m"; devices without a pose are listed below.
 */
export function VenueMapView({ devices, alerting = [] }: { devices: DeviceStatus[]; alerting?: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const safety = devices.filter((d) => alerting.includes(d.device.id));
  const locale = localeOf(i18n.language);
  const place = useWaypointLabel();
  const placed = devices.filter((d) => d.pose);
  const unplaced = devices.filter((d) => !d.pose && d.robotLink !== 'none');
  return (
    <section className="fleet-card venue" id="fleet-map" aria-labelledby="map-heading">
      <div className="section-head">
        <h2 id="map-heading" tabIndex={-1}>{t('map.heading')}</h2>
        <span className="muted map-size">{t('map.size', { w: maxX - minX, h: maxY - minY })}</span>
      </div>
      {safety.length > 0 && (
        <ul className="map-safety" data-testid="map-safety">
          {safety.map((d) => (
            <li key={d.device.id}>
              <Icon name="alert" />
              <span>
                <strong>{t('map.safetyAt', { name: d.device.name })}</strong> {d.device.location || t('devices.noLocation')}
                {d.pose && ` · ${t('map.position', { x: formatMetres(d.pose.x, locale), y: formatMetres(d.pose.y, locale) })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <svg className="venue-map" viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby="map-heading" preserveAspectRatio="xMidYMid meet">
        <g aria-hidden="true">
          <rect x={sx(minX)} y={sy(maxY)} width={maxX - minX} height={maxY - minY} className="map-floor" />
          {/* 2 m grid */}
          {Array.from({ length: Math.floor((maxX - minX) / 2) - 1 }, (_, i) => minX + 2 * (i + 1)).map((x) => (
            <line key={`gx${x}`} x1={sx(x)} y1={sy(minY)} x2={sx(x)} y2={sy(maxY)} className="map-grid" />
          ))}
          {Array.from({ length: Math.floor((maxY - minY) / 2) - 1 }, (_, i) => minY + 2 * (i + 1)).map((y) => (
            <line key={`gy${y}`} x1={sx(minX)} y1={sy(y)} x2={sx(maxX)} y2={sy(y)} className="map-grid" />
          ))}
          {VENUE.obstacles.map((o) =>
            o.kind === 'box' ? (
              <rect key={o.name} x={sx(o.minX)} y={sy(o.maxY)} width={o.maxX - o.minX} height={o.maxY - o.minY} className="map-obstacle" />
            ) : (
              <circle key={o.name} cx={sx(o.x)} cy={sy(o.y)} r={o.radius} className="map-obstacle" />
            ),
          )}
          {/* Doors last, so they are drawn over the wall they sit in. */}
          {[...VENUE.walls].sort((a, b) => Number(/doors/.test(a.name)) - Number(/doors/.test(b.name))).map((w, i) => (
            <line key={`${w.name}-${i}`} x1={sx(w.x1)} y1={sy(w.y1)} x2={sx(w.x2)} y2={sy(w.y2)} className={/doors/.test(w.name) ? 'map-door' : 'map-wall'} />
          ))}
          <text x={sx(7)} y={sy(5)} className="map-note">
            {t('map.counter')}
          </text>
        </g>
        <g className="map-waypoints">
          {VENUE.waypoints.map((w) => (
            <g key={w.name} transform={`translate(${sx(w.x)} ${sy(w.y)})`}>
              <rect x={-0.16} y={-0.16} width={0.32} height={0.32} transform="rotate(45)" className="map-waypoint" aria-hidden="true" />
              <text y={labelBelow(w.name) ? 0.66 : -0.32} className="map-label" textAnchor={w.name === 'dock' ? 'start' : w.name === 'entrance' ? 'end' : 'middle'} dx={w.name === 'dock' ? -0.1 : 0}>
                {place(w.name)}
              </text>
            </g>
          ))}
        </g>
        <g className="map-devices">
          {placed.map((d) => {
            const pose = d.pose!;
            const tone = alerting.includes(d.device.id) ? 'safety' : !d.online ? 'offline' : d.estop ? 'estop' : !d.inService ? 'out' : 'ok';
            const name = t('map.deviceAt', { name: d.device.name, x: formatMetres(pose.x, locale), y: formatMetres(pose.y, locale) });
            return (
              <g key={d.device.id} role="img" aria-label={name} className={`map-device map-device--${tone}`} transform={`translate(${sx(pose.x)} ${sy(pose.y)})`}>
                <title>{`${name}, ${t('pose.heading', { heading: headingDegrees(pose.theta) })}`}</title>
                {tone === 'safety' && <circle r={0.9} className="map-device-halo" />}
                <g transform={`rotate(${(-pose.theta * 180) / Math.PI})`}>
                  <circle r={0.34} className="map-device-body" />
                  <path d="M 0.62 0 L 0.1 -0.26 L 0.1 0.26 Z" className="map-device-arrow" />
                </g>
                <text y={-0.55} className="map-device-label" textAnchor="middle" aria-hidden="true">
                  {d.device.name}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <p className="map-legend">
        <span>
          <svg width="14" height="14" viewBox="-1 -1 2 2" aria-hidden="true">
            <rect x={-0.5} y={-0.5} width={1} height={1} transform="rotate(45)" className="map-waypoint" />
          </svg>
          {t('map.legendWaypoint')}
        </span>
        <span>
          <svg width="16" height="16" viewBox="-1 -1 2 2" aria-hidden="true">
            <circle r={0.8} className="map-device-body map-device--ok" fill="#146c43" />
          </svg>
          {t('map.legendDevice')}
        </span>
      </p>
      {unplaced.length > 0 && (
        <p className="muted map-unplaced">
          <Icon name="alert" />
          {t('map.noPosition', { names: unplaced.map((d) => d.device.name).join(', ') })}
        </p>
      )}
    </section>
  );
}
