import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import type { OfferItem } from '../../client/state.ts';
import { localeOf } from '../../i18n/i18n.ts';
import { formatCountdown, remainingMs } from '../../lib/countdown.ts';
import { isEmergency, offerNeedsTranslation } from '../../lib/emergency.ts';
import { formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { useAutoScroll } from '../../lib/useAutoScroll.ts';
import { Countdown } from '../common/Countdown.tsx';
import { Icon } from '../common/Icon.tsx';
import { HandoffDetails } from '../common/HandoffDetails.tsx';
import { TranscriptList } from '../common/TranscriptList.tsx';
import { UrgencyBadge } from '../common/UrgencyBadge.tsx';

/**
 * One offer: the handoff package at a glance, the transcript so far, a countdown, Accept /
 * Decline. The card is at most one screen tall: its middle scrolls, so the countdown and the
 * two actions stay in view whatever the transcript's length. A safety escalation is flagged
 * (and rings the alarm); a visitor language the worker does not speak is flagged for translation.
 */
export function OfferCard({ offer, busy, first }: { offer: OfferItem; busy: boolean; first: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { worker, capabilities } = useConsoleState();
  const h = offer.handoff;
  const emergency = isEmergency(h);
  const translate = offerNeedsTranslation(offer, worker?.languages);
  const titleId = `offer-${offer.id}-title`;
  const scrollRef = useAutoScroll<HTMLDivElement>(h.transcript.length);
  const tr = offer.transfer;
  return (
    <article className={`offer-card offer-card--${h.urgency}${tr ? ' offer-card--transfer' : ''}${emergency ? ' offer-card--emergency' : ''}`} aria-labelledby={titleId}>
      <header className="offer-head">
        <div>
          <p className="offer-kicker">{tr ? t('offer.transferFrom', { name: tr.fromName }) : t('offer.kicker')}</p>
          <h3 id={titleId} className="offer-title">
            {h.device.name}
          </h3>
          <p className="offer-location">
            <Icon name="location" />
            {h.device.location || t('devices.noLocation')}
          </p>
        </div>
        <Countdown expiresAt={offer.expiresAt} startedAt={offer.receivedAt} />
      </header>
      {emergency && (
        <p className="offer-emergency" data-testid="offer-emergency">
          <Icon name="alert" />
          <span>
            <strong>{t('offer.emergencyTitle')}</strong> {t('offer.emergencyBody')}
          </span>
        </p>
      )}
      <div className="offer-meta">
        <UrgencyBadge urgency={h.urgency} />
        <span className="badge badge--lang">
          <Icon name="globe" />
          {t('offer.visitorLanguage', { language: t('languageTag', { name: t(`languages.${h.language}`), tag: h.language }) })}
        </span>
        {translate && (
          <span className="badge badge--translate" data-testid="offer-translation">
            {t(capabilities?.translation === 'none' ? 'offer.noSharedLanguageNoTranslation' : 'offer.noSharedLanguage')}
          </span>
        )}
        <span className="badge badge--plain">
          <Icon name="clock" />
          {t('offer.escalatedAt', { time: formatTime(h.createdAt, localeOf(i18n.language)) })}
        </span>
      </div>
      <div className="offer-body">
      {tr && (
        <section className="transfer-note" aria-labelledby={`${titleId}-note`}>
          <h4 id={`${titleId}-note`} className="transfer-note-title">
            <Icon name="person" />
            {t('offer.transferNote', { name: tr.fromName })}
          </h4>
          <p className="transfer-note-text">{tr.note}</p>
        </section>
      )}
      <HandoffDetails handoff={h} headingLevel={4} />
      <section className="offer-transcript">
        <h4 id={`${titleId}-transcript`} className="sub-heading">
          {t('offer.transcriptSoFar')}
        </h4>
        <div className="scroll-box" ref={scrollRef} tabIndex={0} role="region" aria-labelledby={`${titleId}-transcript`}>
          <TranscriptList entries={h.transcript} />
        </div>
      </section>
      </div>
      <footer className="offer-actions">
        <FooterCountdown expiresAt={offer.expiresAt} />
        <button type="button" className="btn btn--accept" disabled={busy} onClick={() => void client.acceptOffer(offer.id)} aria-keyshortcuts={first ? 'A' : undefined}>
          {t('offer.accept')}
        </button>
        <button type="button" className="btn btn--decline" disabled={busy} onClick={() => void client.declineOffer(offer.id)} aria-keyshortcuts={first ? 'D' : undefined}>
          {t('offer.decline')}
        </button>
      </footer>
    </article>
  );
}

/** The seconds left, repeated beside the actions (the header's countdown carries the accessible name). */
function FooterCountdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(250);
  return (
    <span className="offer-actions-time" aria-hidden="true">
      {formatCountdown(remainingMs(expiresAt, now))}
    </span>
  );
}
