import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { DEFAULT_VENUE } from '@telekiosk/hardware/venue';
import type { KioskContent } from '@telekiosk/shared';

/** A QR code rendered locally (no network), as a data URL. */
function Qr({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(text, { margin: 1, width: 320, errorCorrectionLevel: 'M' }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img className="qr" src={src} alt={label} /> : null;
}

/** The lobby map with "you are here" and the destination highlighted. */
function VenueMap({ waypoint, pose, label }: { waypoint: string | null; pose: { x: number; y: number } | null; label: string }) {
  const { t } = useTranslation();
  const b = DEFAULT_VENUE.bounds;
  const w = b.maxX - b.minX;
  const h = b.maxY - b.minY;
  // Map frame: x right, y up; SVG: y down.
  const sx = (x: number) => x - b.minX;
  const sy = (y: number) => b.maxY - y;
  const target = DEFAULT_VENUE.waypoints.find((p) => p.name === waypoint);
  return (
    <svg className="venue-map" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <rect x={0} y={0} width={w} height={h} fill="#f7f9fc" stroke="#14213d" strokeWidth={0.08} />
      {DEFAULT_VENUE.obstacles.map((o, i) =>
        o.kind === 'box' ? (
          <rect key={i} x={sx(o.minX)} y={sy(o.maxY)} width={o.maxX - o.minX} height={o.maxY - o.minY} fill="#c9d3e3" />
        ) : (
          <circle key={i} cx={sx(o.x)} cy={sy(o.y)} r={o.radius} fill="#c9d3e3" />
        ),
      )}
      {DEFAULT_VENUE.waypoints
        .filter((p) => p.name.startsWith('counter'))
        .map((p) => (
          <text key={p.name} x={sx(p.x)} y={sy(p.y) - 0.9} fontSize={0.55} textAnchor="middle" fill="#14213d">
            {p.name.replace('counter-', '')}
          </text>
        ))}
      {target && (
        <g>
          <circle cx={sx(target.x)} cy={sy(target.y)} r={0.55} fill="#b4480b" />
          <text x={sx(target.x)} y={sy(target.y) + 1.3} fontSize={0.6} textAnchor="middle" fontWeight={700} fill="#b4480b">
            {t('content.destination')}
          </text>
        </g>
      )}
      {pose && (
        <g>
          <circle cx={sx(pose.x)} cy={sy(pose.y)} r={0.45} fill="#0b5cab" />
          <text x={sx(pose.x)} y={sy(pose.y) - 0.7} fontSize={0.6} textAnchor="middle" fontWeight={700} fill="#0b5cab">
            {t('content.youAreHere')}
          </text>
        </g>
      )}
    </svg>
  );
}

/** Content the worker pushed to this kiosk (a form, a map, a QR code, a link). */
export function KioskContentView({ content, pose }: { content: KioskContent; pose: { x: number; y: number } | null }) {
  const { t } = useTranslation();
  return (
    <aside className="pushed-content" aria-label={t('content.label')}>
      <h2>{content.title}</h2>
      {content.type === 'image' && <img className="pushed-image" src={content.path} alt={content.title} />}
      {content.type === 'qr' && <Qr text={content.text} label={t('content.qr', { title: content.title })} />}
      {content.type === 'link' && (
        <>
          <Qr text={content.url} label={t('content.qr', { title: content.title })} />
          <p className="link-text">{content.url}</p>
          <p className="hint">{t('content.scan')}</p>
        </>
      )}
      {content.type === 'map' && <VenueMap waypoint={content.waypoint} pose={pose} label={t('content.map', { title: content.title })} />}
    </aside>
  );
}
