import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../client/ClientContext.tsx';
import { localeOf } from '../i18n/i18n.ts';
import { formatTime } from '../lib/format.ts';
import { useAutoScroll } from '../lib/useAutoScroll.ts';
import { EndSessionDialog } from './EndSessionDialog.tsx';
import { HandoffDetails } from './HandoffDetails.tsx';
import { Icon } from './Icon.tsx';
import { MediaProblems } from './MediaProblems.tsx';
import { MessageComposer } from './MessageComposer.tsx';
import { RobotPanel } from './RobotPanel.tsx';
import { TranscriptList } from './TranscriptList.tsx';
import { UrgencyBadge } from './UrgencyBadge.tsx';
import { VideoView } from './VideoView.tsx';

/** The live call: visitor video large, self-view small, handoff summary, transcript, message box, end. */
export function CallView() {
  const { t, i18n } = useTranslation();
  const { assignment, call } = useConsoleState();
  const [ending, setEnding] = useState(false);
  const transcript = assignment?.transcript ?? [];
  const logRef = useAutoScroll<HTMLDivElement>(transcript.length);
  if (!assignment) return null;
  const { handoff, session } = assignment;
  const hasRemoteVideo = !!call?.remoteStream?.getVideoTracks().length;
  const hasLocalVideo = !!call?.localStream?.getVideoTracks().length;

  return (
    <main id="main" className="call">
      <section className="call-stage" aria-labelledby="call-heading">
        <div className="call-bar">
          <div>
            <p className="offer-kicker">{t('call.kicker')}</p>
            <h2 id="call-heading">{handoff.device.name}</h2>
            <p className="offer-location">
              <Icon name="location" />
              {handoff.device.location || t('devices.noLocation')}
            </p>
          </div>
          <div className="call-badges">
            <UrgencyBadge urgency={handoff.urgency} />
            <span className="badge badge--lang">
              <Icon name="globe" />
              {t('offer.visitorLanguage', { language: t('languageTag', { name: t(`languages.${session.language}`), tag: session.language }) })}
            </span>
            {session.escalatedAt && (
              <span className="badge badge--plain">
                <Icon name="clock" />
                {t('offer.escalatedAt', { time: formatTime(session.escalatedAt, localeOf(i18n.language)) })}
              </span>
            )}
          </div>
        </div>
        <MediaProblems problems={call?.problems ?? {}} />
        <div className="video-stage">
          <VideoView stream={call?.remoteStream ?? null} label={t('call.visitorCamera')} className="video-remote" />
          {!hasRemoteVideo && (
            <div className="video-placeholder" aria-hidden="true">
              <div className="spinner spinner--light" />
              <p>{t('call.waitingVideo')}</p>
            </div>
          )}
          <div className="self-view">
            <VideoView stream={call?.localStream ?? null} label={t('call.selfView')} muted className="video-self" />
            {!hasLocalVideo && (
              <div className="self-placeholder">
                <Icon name="cameraOff" />
                <span>{t('call.cameraOff')}</span>
              </div>
            )}
          </div>
        </div>
        <RobotPanel />
        <div className="call-controls">
          <button type="button" className="btn btn--danger btn--large" onClick={() => setEnding(true)} aria-haspopup="dialog">
            {t('call.end')}
          </button>
        </div>
      </section>
      <aside className="call-side" data-drive-keys="off">
        <section className="panel summary-panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading" className="panel-title">
            {t('call.summary')}
          </h2>
          <div className="panel-scroll" tabIndex={0} role="region" aria-labelledby="summary-heading">
            <HandoffDetails handoff={handoff} full />
          </div>
        </section>
        <section className="panel transcript-panel" aria-labelledby="transcript-heading">
          <h2 id="transcript-heading" className="panel-title">
            {t('call.transcriptHeading')}
          </h2>
          <div className="panel-scroll transcript-log" ref={logRef} role="log" aria-label={t('call.transcript')} tabIndex={0}>
            <TranscriptList entries={transcript} />
          </div>
          <MessageComposer />
        </section>
      </aside>
      <EndSessionDialog open={ending} onClose={() => setEnding(false)} />
    </main>
  );
}
