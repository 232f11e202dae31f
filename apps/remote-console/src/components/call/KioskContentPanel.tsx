import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskContent } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { isUiLanguage } from '../../i18n/i18n.ts';
import { httpsUrl, KIOSK_IMAGES } from '../../lib/kioskContent.ts';
import { WAYPOINT_NAMES } from '../../lib/venue.ts';
import { Icon } from '../common/Icon.tsx';
import { useWaypointLabel } from '../common/useWaypointLabel.ts';

const NO_WAYPOINT = '';

/**
 * "Show on kiosk": put the moving-in form, a link (as a QR code) or the lobby map with a
 * waypoint on the visitor's screen, see what is shown, and take it back. Titles are in the
 * visitor's language when the console has that catalog.
 */
export function KioskContentPanel() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { assignment, kioskShown, pending } = useConsoleState();
  const place = useWaypointLabel();
  const [link, setLink] = useState('');
  const [linkError, setLinkError] = useState(false);
  const [waypoint, setWaypoint] = useState<string>(WAYPOINT_NAMES[0] ?? NO_WAYPOINT);
  const ids = { heading: useId(), link: useId(), linkError: useId(), linkHint: useId(), waypoint: useId() };
  if (!assignment) return null;
  const visitorLang = assignment.session.language;
  // Titles are read by the visitor: their language when there is a catalog, else mine.
  const tv = isUiLanguage(visitorLang) ? i18n.getFixedT(visitorLang) : t;
  const shown = kioskShown?.content ?? null;

  const show = (content: KioskContent) => void client.showOnKiosk(content);
  const showLink = (e: FormEvent) => {
    e.preventDefault();
    const url = httpsUrl(link);
    if (!url) {
      setLinkError(true);
      document.getElementById(ids.link)?.focus();
      return;
    }
    setLinkError(false);
    show({ type: 'link', title: tv('kiosk.linkTitle'), url });
  };
  const showMap = () => show({ type: 'map', title: tv('kiosk.mapTitle'), waypoint: waypoint || null });

  return (
    <section className="panel tool-panel kiosk-panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="panel-title">
        {t('kiosk.heading')}
      </h2>
      <div className="tool-body">
        <p className={`kiosk-now${shown ? ' kiosk-now--on' : ''}`} role="status">
          <Icon name={shown ? 'online' : 'idle'} />
          {shown ? t('kiosk.nowShowing', { what: describe(t, shown, place) }) : t('kiosk.nothingShown')}
        </p>
        <div className="kiosk-row">
          {KIOSK_IMAGES.map((img) => (
            <button key={img.path} type="button" className="btn" disabled={pending.kiosk} onClick={() => show({ type: 'image', title: tv(img.key), path: img.path })}>
              {t(img.showKey)}
            </button>
          ))}
        </div>
        <form className="kiosk-row kiosk-link" onSubmit={showLink} noValidate>
          <div className="field kiosk-field">
            <label htmlFor={ids.link}>{t('kiosk.linkLabel')}</label>
            <input
              id={ids.link}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={link}
              aria-invalid={linkError || undefined}
              aria-describedby={linkError ? ids.linkError : ids.linkHint}
              onChange={(e) => {
                setLink(e.target.value);
                if (linkError) setLinkError(false);
              }}
            />
            {linkError ? (
              <p id={ids.linkError} className="form-error" role="alert">
                {t('kiosk.linkInvalid')}
              </p>
            ) : (
              <p id={ids.linkHint} className="form-hint">
                {t('kiosk.linkHint')}
              </p>
            )}
          </div>
          <button type="submit" className="btn" disabled={pending.kiosk}>
            {t('kiosk.showLink')}
          </button>
        </form>
        <div className="kiosk-row">
          <div className="field kiosk-field">
            <label htmlFor={ids.waypoint}>{t('kiosk.waypointLabel')}</label>
            <select id={ids.waypoint} value={waypoint} onChange={(e) => setWaypoint(e.target.value)}>
              <option value={NO_WAYPOINT}>{t('kiosk.noWaypoint')}</option>
              {WAYPOINT_NAMES.map((name) => (
                <option key={name} value={name}>
                  {place(name)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="btn" disabled={pending.kiosk} onClick={showMap}>
            {t('kiosk.showMap')}
          </button>
        </div>
        <div className="kiosk-row">
          <button type="button" className="btn btn--danger-outline" disabled={pending.kiosk || !shown} onClick={() => void client.showOnKiosk(null)}>
            {t('kiosk.clear')}
          </button>
        </div>
      </div>
    </section>
  );
}

type TFunc = ReturnType<typeof useTranslation>['t'];

/** What is on the kiosk, in my language. */
function describe(t: TFunc, c: KioskContent, place: (name: string) => string): string {
  switch (c.type) {
    case 'image': {
      const img = KIOSK_IMAGES.find((i) => i.path === c.path);
      return img ? t(img.key) : c.title;
    }
    case 'link':
      return t('kiosk.describe.link', { url: c.url });
    case 'qr':
      return t('kiosk.describe.link', { url: c.text });
    case 'map':
      return c.waypoint ? t('kiosk.describe.mapAt', { place: place(c.waypoint) }) : t('kiosk.describe.map');
  }
}
