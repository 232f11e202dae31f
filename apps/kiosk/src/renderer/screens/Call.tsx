import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranscriptEntry } from '@telekiosk/shared';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { MessageInput, talkOf } from './MessageInput.tsx';
import { VideoView } from './VideoView.tsx';
import { KioskContentView } from './KioskContentView.tsx';

/** How many of the latest lines stay over the video (large enough to read from 2 m). */
const CAPTION_LINES = 3;

/**
 * Live call: the worker's face fills the main area (cropped to fit, not letterboxed); the
 * latest captions and messages in large type over the lower part of the picture; a small
 * self-view in the corner; pushed content beside the video (landscape) or below it (portrait).
 */
export function Call({ client, state }: { client: KioskClient; state: KioskState }) {
  const { t } = useTranslation();
  const recent = state.transcript.filter((e) => e.speaker !== 'assistant').slice(-CAPTION_LINES);
  return (
    <section className={`call ${state.content ? 'with-content' : ''}`}>
      <div className="call-top">
        <div className="stage">
          <VideoView stream={state.remoteStream} label={t('call.workerVideo')} className="remote-video" />
          {!state.remoteStream && <p className="stage-hint">{t('call.connecting')}</p>}
          <div className="with">{t('call.with', { name: state.workerName ?? '' })}</div>
          {state.localStream && <VideoView stream={state.localStream} label={t('call.selfView')} muted className="self-view" />}
          <Captions entries={recent} label={t('call.messages')} />
        </div>
        {state.content && <KioskContentView content={state.content} pose={state.robot.pose} />}
      </div>
      {state.cameraUnavailable && <p className="problem" role="alert">{t('call.cameraUnavailable')}</p>}
      <MessageInput talk={talkOf(client, state)} onSend={(text) => client.sendMessage(text)} />
    </section>
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
