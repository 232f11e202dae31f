import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { formatTime } from '../../lib/format.ts';
import { useAutoScroll } from '../../lib/useAutoScroll.ts';
import { AssistPanel } from './AssistPanel.tsx';
import { CannedReplies } from './CannedReplies.tsx';
import { ConsultBanner, ConsultChat } from './ConsultPanel.tsx';
import { isColleagueOnly } from '../../client/consultClient.ts';
import { EndSessionDialog } from './EndSessionDialog.tsx';
import { HandbackDialog } from './HandbackDialog.tsx';
import { HandoffDetails } from '../common/HandoffDetails.tsx';
import { Icon } from '../common/Icon.tsx';
import { KioskContentPanel } from './KioskContentPanel.tsx';
import { MediaProblems } from '../common/MediaProblems.tsx';
import { MessageComposer } from './MessageComposer.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { PushToTalk } from './PushToTalk.tsx';
import { RobotPanel } from './RobotPanel.tsx';
import { TranscriptList } from '../common/TranscriptList.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { UrgencyBadge } from '../common/UrgencyBadge.tsx';
import { VideoView } from '../common/VideoView.tsx';
import { callVideoStatus } from '../../lib/callVideo.ts';

type Dialog = 'end' | 'transfer' | 'handback' | null;

/**
 * The live call: visitor video large, self-view small, the call actions (transfer, hand back,
 * end), the handoff summary, robot control, push to kiosk and notes; beside it the suggested
 * replies and the transcript, which gets most of the column's height, with the message box.
 * While the visitor's video is not playing the video area says so: "Waiting for the visitor's
 * video…" before the first picture, "Reconnecting video…" after a media restart.
 */
export function CallView() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const state = useConsoleState();
  const { assignment, call, callVideoSeen, capabilities, transfer, otherStaff, consult } = state;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [draft, setDraft] = useState('');
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const transcript = assignment?.transcript ?? [];
  const logRef = useAutoScroll<HTMLDivElement>(transcript.length);
  if (!assignment) return null;
  const { handoff, session } = assignment;
  const video = callVideoStatus(call, session.id, callVideoSeen);
  const hasLocalVideo = !!call?.localStream?.getVideoTracks().length;
  const waiting = transfer?.status === 'waiting';
  // After a warm transfer with a consult the colleague owns the call: I only talk privately or leave.
  const colleagueOnly = isColleagueOnly(state);
  const close = () => setDialog(null);

  const insertReply = (text: string) => {
    setDraft(text);
    requestAnimationFrame(() => {
      const el = composerRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(text.length, text.length);
    });
  };

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
            {capabilities && (
              <span className={`badge ${capabilities.translation === 'none' ? 'badge--translation-off' : 'badge--plain'}`} data-testid="translation-capability">
                {t(`call.translation.${capabilities.translation}`)}
              </span>
            )}
          </div>
        </div>
        <ConsultBanner />
        <MediaProblems problems={call?.problems ?? {}} />
        <div className="video-stage">
          <VideoView stream={call?.remoteStream ?? null} label={t('call.visitorCamera')} className="video-remote" />
          {/* A live region (mounted for the whole call) so the worker hears when the video drops and comes back. */}
          <div className={`video-placeholder video-placeholder--${video}`} role="status" data-testid="call-video-status">
            {video !== 'playing' && (
              <>
                <div className="spinner spinner--light" aria-hidden="true" />
                <p className="video-placeholder-title">{t(video === 'reconnecting' ? 'call.reconnectingVideo' : 'call.waitingVideo')}</p>
                {video === 'reconnecting' && <p className="video-placeholder-hint">{t('call.reconnectingVideoHint')}</p>}
              </>
            )}
          </div>
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
        {transfer && (
          <div className={`banner ${transfer.status === 'failed' ? 'banner--error' : 'banner--info'}`} role={transfer.status === 'failed' ? 'alert' : 'status'}>
            <Icon name={transfer.status === 'failed' ? 'alert' : 'clock'} />
            <p>
              {transfer.status === 'failed' ? (
                <>
                  <strong>{t('transfer.failed', { name: transfer.toName })}</strong> {transfer.reason && t(`transfer.failedReason.${transfer.reason}`)}
                </>
              ) : (
                t('transfer.waiting', { name: transfer.toName })
              )}
            </p>
            {transfer.status === 'failed' && (
              <button type="button" className="btn btn--quiet" onClick={() => client.dismissTransfer()}>
                {t('common.dismiss')}
              </button>
            )}
          </div>
        )}
        {!colleagueOnly && (
        <div className="call-controls">
          <button type="button" className="btn btn--large" onClick={() => setDialog('transfer')} aria-haspopup="dialog" disabled={waiting}>
            {t('call.transfer')}
          </button>
          <button type="button" className="btn btn--large" onClick={() => setDialog('handback')} aria-haspopup="dialog" disabled={waiting}>
            {t('call.handback')}
          </button>
          <button type="button" className="btn btn--danger btn--large" onClick={() => setDialog('end')} aria-haspopup="dialog">
            {t('call.end')}
          </button>
        </div>
        )}
        {/* The handoff under the video: the side column keeps its height for the transcript. */}
        <section className="panel summary-panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading" className="panel-title">
            {t('call.summary')}
          </h2>
          <div className="panel-body">
            <HandoffDetails handoff={handoff} full />
          </div>
        </section>
        {!colleagueOnly && (
          <>
            <RobotPanel />
            <div className="call-tools">
              <KioskContentPanel />
              <NotesPanel />
            </div>
          </>
        )}
      </section>
      <aside className="call-side" data-drive-keys="off">
        <ConsultChat />
        {!colleagueOnly && <AssistPanel />}
        <section className="panel transcript-panel" aria-labelledby="transcript-heading">
          <h2 id="transcript-heading" className="panel-title">
            {t('call.transcriptHeading')}
          </h2>
          <div className="panel-scroll transcript-log" ref={logRef} role="log" aria-label={t('call.transcript')} tabIndex={0}>
            <TranscriptList entries={transcript} otherStaff={otherStaff?.sessionId === session.id ? otherStaff.ids : undefined} />
          </div>
          {colleagueOnly ? (
            <p className="muted consult-readonly">{t('consult.readOnly', { name: consult?.toName ?? '' })}</p>
          ) : (
            <>
              <MessageComposer text={draft} setText={setDraft} inputRef={composerRef} tools={<CannedReplies onInsert={insertReply} />} />
              <div className="voice-row">
                <PushToTalk />
              </div>
            </>
          )}
        </section>
      </aside>
      <EndSessionDialog open={dialog === 'end'} onClose={close} />
      <TransferDialog open={dialog === 'transfer'} onClose={close} />
      <HandbackDialog open={dialog === 'handback'} onClose={close} />
    </main>
  );
}
