import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerRole } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { audioTracks, cameraGroups } from '../../lib/tracks.ts';
import { useAutoScroll } from '../../lib/useAutoScroll.ts';
import { HandoffDetails } from '../common/HandoffDetails.tsx';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { MediaProblems } from '../common/MediaProblems.tsx';
import { TranscriptList } from '../common/TranscriptList.tsx';
import { VideoView } from '../common/VideoView.tsx';

/** One MediaStream per track, kept while the track stays (so video elements are not re-bound on every change). */
function useStreamsPerTrack(tracks: readonly MediaStreamTrack[]): Map<string, MediaStream> {
  const cache = useRef(new Map<string, MediaStream>());
  const ids = tracks.map((t) => t.id).join(',');
  return useMemo(() => {
    const next = new Map<string, MediaStream>();
    for (const t of tracks) next.set(t.id, cache.current.get(t.id) ?? new MediaStream([t]));
    cache.current = next;
    return next;
  }, [ids]);
}

/** Plays one audio track; says so when the browser blocks sound until a click. */
function TrackAudio({ stream, onBlocked }: { stream: MediaStream; onBlocked: () => void }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream;
    el.play().catch(onBlocked);
  }, [stream, onBlocked]);
  return <audio ref={ref} autoPlay />;
}

const CAMERA_LABEL: Record<PeerRole, string> = { kiosk: 'monitor.visitorCamera', worker: 'monitor.workerCamera', monitor: 'monitor.otherCamera', colleague: 'monitor.otherCamera' };

/**
 * A call the supervisor monitors: both cameras (visitor and worker) and their sound, the live
 * transcript, barge in (speak with the microphone and post messages to the visitor), stop.
 */
export function MonitorView() {
  const { t } = useTranslation();
  const client = useClient();
  const { monitor, monitorMedia, pending } = useConsoleState();
  const [text, setText] = useState('');
  const [soundBlocked, setSoundBlocked] = useState(false);
  const transcript = monitor?.call?.transcript ?? [];
  const logRef = useAutoScroll<HTMLDivElement>(transcript.length);
  const tracks = useMemo(() => monitorMedia?.remoteStream?.getTracks() ?? [], [monitorMedia?.remoteStream]);
  const streams = useStreamsPerTrack(tracks);
  const onBlocked = useMemo(() => () => setSoundBlocked(true), []);
  const rootRef = useRef<HTMLDivElement>(null);
  if (!monitor) return null;

  const device = monitor.call?.handoff.device.name ?? monitor.deviceName;
  const roles = monitorMedia?.roles ?? {};
  const cameras = cameraGroups(tracks, (id) => roles[id] ?? null);
  let unknown = 0;
  const ended = monitor.status === 'ended';

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    if (await client.sendSupervisorMessage(text)) setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };
  const enableSound = () => {
    for (const el of rootRef.current?.querySelectorAll('audio') ?? []) void el.play().catch(() => {});
    setSoundBlocked(false);
  };

  return (
    <main id="main" className="monitor">
      <div className="monitor-stage" ref={rootRef}>
        <div className="call-bar">
          <div>
            <p className="offer-kicker">{t('monitor.kicker')}</p>
            <h1 className="monitor-title">{t('monitor.heading', { device, worker: monitor.workerName })}</h1>
          </div>
          <p className={`monitor-mode${monitor.barged ? ' monitor-mode--live' : ''}`} role="status">
            <Icon name={monitor.barged ? 'mic' : 'person'} />
            {ended ? t('monitor.ended') : monitor.status === 'starting' ? t('monitor.starting') : monitor.barged ? t('monitor.barged') : t('monitor.listening')}
          </p>
        </div>
        {monitor.error && (
          <p className="banner banner--error" role="alert">
            <Icon name="alert" />
            <span>
              <Message message={monitor.error} />
            </span>
          </p>
        )}
        <MediaProblems problems={monitorMedia?.problems ?? {}} />
        {soundBlocked && (
          <button type="button" className="btn btn--primary" onClick={enableSound}>
            {t('monitor.enableSound')}
          </button>
        )}
        <div className="monitor-videos">
          {cameras.length === 0 && !ended && (
            <div className="monitor-video monitor-video--empty">
              <div className="spinner spinner--light" aria-hidden="true" />
              <p>{t('monitor.waitingVideo')}</p>
            </div>
          )}
          {cameras.map((c) => {
            const label = c.role ? t(CAMERA_LABEL[c.role]) : t('monitor.camera', { n: ++unknown });
            return (
              <figure key={c.key} className="monitor-video">
                <VideoView stream={streams.get(c.key) ?? null} label={label} muted className="video-monitor" />
                <figcaption>{label}</figcaption>
              </figure>
            );
          })}
          <div hidden>
            {audioTracks(tracks).map((a) => {
              const s = streams.get(a.id);
              return s ? <TrackAudio key={a.id} stream={s} onBlocked={onBlocked} /> : null;
            })}
          </div>
        </div>
        <div className="call-controls call-controls--start">
          {!ended && (
            <button type="button" className="btn btn--primary btn--large" disabled={monitor.barged || monitor.status !== 'watching' || pending.monitor} onClick={() => void client.bargeIn()}>
              <Icon name="mic" />
              {t('monitor.bargeIn')}
            </button>
          )}
          <button type="button" className="btn btn--large" onClick={() => void client.stopMonitor()}>
            {ended ? t('monitor.back') : t('monitor.stop')}
          </button>
        </div>
        {monitor.call && (
          <div className="panel summary-panel monitor-summary">
            <h2 id="monitor-summary-heading" className="panel-title">
              {t('call.summary')}
            </h2>
            <div className="panel-scroll" role="region" aria-labelledby="monitor-summary-heading" tabIndex={0}>
              <HandoffDetails handoff={monitor.call.handoff} />
            </div>
          </div>
        )}
      </div>
      <section className="panel transcript-panel monitor-side" aria-labelledby="monitor-transcript-heading">
        <h2 id="monitor-transcript-heading" className="panel-title">
          {t('monitor.transcript')}
        </h2>
        <div className="panel-scroll transcript-log" ref={logRef} role="log" aria-label={t('monitor.transcript')} tabIndex={0}>
          <TranscriptList entries={transcript} workerLabel={t('speaker.staff')} />
        </div>
        {monitor.barged && !ended ? (
          <form className="composer" onSubmit={send}>
            <label htmlFor="monitor-text">{t('call.messageLabel')}</label>
            <div className="composer-row">
              <textarea id="monitor-text" rows={2} maxLength={1000} value={text} aria-describedby="monitor-hint" onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
              <button type="submit" className="btn btn--primary" disabled={pending.message || !text.trim()}>
                {t('call.send')}
              </button>
            </div>
            <p id="monitor-hint" className="form-hint">
              {t('call.messageHint')}
            </p>
          </form>
        ) : (
          !ended && <p className="composer form-hint">{t('monitor.messageAfterBarge')}</p>
        )}
      </section>
    </main>
  );
}
