import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranscriptEntry } from '@telekiosk/shared';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { MessageInput, talkOf } from './MessageInput.tsx';
import { VideoView } from './VideoView.tsx';
import { KioskContentView } from './KioskContentView.tsx';
import { HoldOverlay } from './HoldOverlay.tsx';
import { videoStatus } from '../call/videoStatus.ts';

/** How many of the latest lines stay over the video (large enough to read from 2 m). */
const CAPTION_LINES = 3;

/**
 * Live call: the worker's face fills the main area (cropped to fit, not letterboxed); the
 * latest captions and messages in large type over the lower part of the picture; a small
 * self-view in the corner; pushed content beside the video (landscape) or below it (portrait).
 * While the worker's video is not playing, the stage says why in words ("Connecting video…",
 * or "Reconnecting video…" after the media was lost), never a dark or frozen picture alone.
 */
export function Call({ client, state }: { client: KioskClient; state: KioskState }) {
  const { t } = useTranslation();
  const recent = state.transcript.filter((e) => e.speaker !== 'assistant').slice(-CAPTION_LINES);
  return (
    <section className={`call ${state.content ? 'with-content' : ''}`}>
      <div className="call-top">
        <div className="stage">
          <VideoView stream={state.remoteStream} label={t('call.workerVideo')} className="remote-video" />
          <StageStatus state={state} />
          <div className="with">{t('call.with', { name: state.workerName ?? '' })}</div>
          {state.localStream && <VideoView stream={state.localStream} label={t('call.selfView')} muted className="self-view" />}
          <Captions entries={recent} label={t('call.messages')} />
        </div>
        {state.content && <KioskContentView content={state.content} pose={state.robot.pose} />}
      </div>
      {state.cameraUnavailable && <p className="problem" role="alert">{t('call.cameraUnavailable')}</p>}
      <MessageInput talk={talkOf(client, state)} onSend={(text) => client.sendMessage(text)} pending={state.pendingMessages} />
      {state.onHold && <HoldOverlay />}
    </section>
  );
}

/**
 * Over the video area, calm and large: "Reconnecting video…" (with the reassurance that the
 * staff member is still there) or "Connecting video…". It covers the picture, so a frozen last
 * frame is never shown without a word; the captions stay readable above it.
 */
function StageStatus({ state }: { state: KioskState }) {
  const { t } = useTranslation();
  const status = videoStatus(state);
  // The live region stays mounted (empty while the video plays) so each change is announced.
  return (
    <div className={`stage-status ${status ?? 'playing'}`} role="status" data-testid="video-status">
      {status && (
        <div className="stage-status-box">
          <div className="spinner" aria-hidden="true" />
          <p className="stage-status-title">{t(status === 'reconnecting' ? 'call.reconnecting' : 'call.connecting')}</p>
          {status === 'reconnecting' && <p className="stage-status-hint">{t('call.reconnectingHint')}</p>}
        </div>
      )}
    </div>
  );
}

/** The latest lines over the video, newest at the bottom; a log for screen readers. */
function Captions({ entries, label }: { entries: TranscriptEntry[]; label: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const last = entries.at(-1)?.id;
  useEffect(() => {
    // The newest line is the one to read: keep the box scrolled to the end.
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [last]);
  return (
    <div className="captions" ref={box} tabIndex={0} role="log" aria-label={label} aria-live="polite">
      {entries.map((e) => {
        const shown = e.translation && e.translation.language !== e.language ? e.translation : null;
        return (
          <p key={e.id} className={`caption ${e.speaker}`} lang={shown?.language ?? e.language}>
            <span className="speaker">{t(`speaker.${e.speaker}`)}</span>
            <span className="text">{shown?.text ?? e.text}</span>
            {e.translationStatus === 'untranslated' && <span className="untranslated">{t('chat.untranslated')}</span>}
          </p>
        );
      })}
    </div>
  );
}
