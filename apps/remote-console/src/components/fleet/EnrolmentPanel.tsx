import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { enrolmentUrl } from '../../lib/enrolment.ts';
import { formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { Icon } from '../common/Icon.tsx';

/** A QR code made in the browser (the code never goes to a third party), as a data URL. */
function Qr({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSrc(null);
    QRCode.toDataURL(text, { margin: 2, width: 256, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  return <div className="enrolment-qr">{src && <img src={src} width={256} height={256} alt={label} data-testid="enrolment-qr" />}</div>;
}

/**
 * The one-time enrolment code just made (new kiosk or new code): the code in large type, when it
 * expires, the enrolment URL and its QR code. The kiosk opens the URL (or scans it) or takes the
 * typed code on its enrolment screen. Focus moves here when a new code arrives.
 */
export function EnrolmentPanel() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const client = useClient();
  const { shown } = useConsoleState().enrolment;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const now = useNow(5_000);
  // A code that arrives while the screen is open takes the focus (not one already there when
  // the screen opens: switching tabs must not jump into the panel).
  const seen = useRef(shown);
  useEffect(() => {
    if (shown && shown !== seen.current) headingRef.current?.focus();
    seen.current = shown;
  }, [shown]);
  if (!shown) return null;
  const url = enrolmentUrl(window.location.origin, shown.code);
  const expired = Date.parse(shown.expiresAt) <= now;
  return (
    <section className="fleet-card enrolment-panel" aria-labelledby="enrolment-heading" data-testid="enrolment-panel">
      <div className="section-head section-head--wrap">
        <h2 id="enrolment-heading" ref={headingRef} tabIndex={-1}>
          <Icon name="key" />
          {t(shown.created ? 'enrolment.panel.headingCreated' : 'enrolment.panel.heading', { name: shown.deviceName })}
        </h2>
        <button type="button" className="btn enrolment-done" onClick={() => client.dismissEnrolment()}>
          {t('enrolment.panel.done')}
        </button>
      </div>
      <div className="enrolment-body">
        <Qr text={url} label={t('enrolment.panel.qrLabel', { name: shown.deviceName })} />
        <div className="enrolment-text">
          <p>{t('enrolment.panel.howTo')}</p>
          <dl className="enrolment-facts">
            <div>
              <dt>{t('enrolment.panel.code')}</dt>
              <dd className="enrolment-code" data-testid="enrolment-code">
                {shown.code}
              </dd>
            </div>
            <div>
              <dt>{t('enrolment.panel.expires')}</dt>
              <dd className={expired ? 'enrolment-expired' : undefined}>
                {expired ? t('enrolment.panel.expired') : formatTime(shown.expiresAt, locale)}
              </dd>
            </div>
            <div>
              <dt>{t('enrolment.panel.url')}</dt>
              {/* Text, not a link: opened here, this browser would use up the code as if it were the kiosk. */}
              <dd className="enrolment-url" data-testid="enrolment-url">
                {url}
              </dd>
            </div>
          </dl>
          <p className="form-hint">{t('enrolment.panel.once')}</p>
        </div>
      </div>
    </section>
  );
}
