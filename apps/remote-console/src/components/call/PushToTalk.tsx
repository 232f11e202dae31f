import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { baseMimeType, MIN_UTTERANCE_MS, pickRecorderType } from '../../lib/audio.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';

type Phase = 'idle' | 'starting' | 'recording';

/**
 * Push-to-talk for the worker (when the orchestrator has speech recognition): hold the button
 * (pointer, or Space / Enter) to record with MediaRecorder, release to send the audio as
 * `worker:utterance`. Without speech input it says so plainly and there is no button.
 */
export function PushToTalk() {
  const { t } = useTranslation();
  const client = useClient();
  const { capabilities, call, utterance, pending } = useConsoleState();
  const [phase, setPhase] = useState<Phase>('idle');
  const recorder = useRef<MediaRecorder | null>(null);
  const ownStream = useRef<MediaStream | null>(null);
  const startedAt = useRef(0);
  /** The press ended before the recorder started: stop as soon as it does. */
  const released = useRef(false);

  const releaseStream = () => {
    for (const tr of ownStream.current?.getTracks() ?? []) tr.stop();
    ownStream.current = null;
  };
  useEffect(() => () => {
    if (recorder.current?.state === 'recording') recorder.current.stop();
    releaseStream();
  }, []);

  if (!capabilities?.speechInput) {
    return (
      <p className="form-hint ptt-off" id="ptt-hint">
        <Icon name="mic" />
        {t('ptt.notConfigured')}
      </p>
    );
  }

  const begin = async () => {
    if (phase !== 'idle' || pending.utterance) return;
    released.current = false;
    setPhase('starting');
    try {
      if (typeof MediaRecorder === 'undefined') throw new Error('MediaRecorder is not supported by this browser');
      // Reuse the call's microphone when there is one; otherwise open it just for this utterance.
      const callAudio = call?.localStream?.getAudioTracks().filter((tr) => tr.readyState === 'live') ?? [];
      let stream: MediaStream;
      if (callAudio.length > 0) stream = new MediaStream(callAudio);
      else {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('microphone access is not available on this page');
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        ownStream.current = stream;
      }
      const type = pickRecorderType((x) => MediaRecorder.isTypeSupported(x));
      const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      };
      rec.onstop = () => {
        releaseStream();
        recorder.current = null;
        setPhase('idle');
        const duration = performance.now() - startedAt.current;
        if (duration < MIN_UTTERANCE_MS || chunks.length === 0) {
          client.utteranceProblem('ptt.tooShort');
          return;
        }
        const mime = baseMimeType(rec.mimeType || type);
        void new Blob(chunks, { type: mime }).arrayBuffer().then((buf) => client.sendUtterance(new Uint8Array(buf), mime));
      };
      recorder.current = rec;
      startedAt.current = performance.now();
      rec.start();
      setPhase('recording');
      if (released.current) rec.stop();
    } catch (err) {
      releaseStream();
      setPhase('idle');
      client.utteranceProblem('ptt.micFailed', err instanceof Error ? err.message : String(err));
    }
  };

  const end = () => {
    released.current = true;
    if (recorder.current?.state === 'recording') recorder.current.stop();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    if (!e.repeat) void begin();
  };
  const onKeyUp = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    end();
  };

  const status =
    phase === 'recording'
      ? t('ptt.recording')
      : utterance.status === 'sending'
        ? t('ptt.sending')
        : utterance.status === 'sent'
          ? t('ptt.sent')
          : null;

  return (
    <div className="ptt">
      <button
        type="button"
        className={`btn ptt-btn${phase === 'recording' ? ' is-recording' : ''}`}
        aria-pressed={phase === 'recording'}
        aria-describedby="ptt-help"
        disabled={pending.utterance}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          void begin();
        }}
        onPointerUp={end}
        onPointerCancel={end}
        onLostPointerCapture={end}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onBlur={end}
        onContextMenu={(e) => e.preventDefault()}
      >
        <Icon name="mic" />
        {t('ptt.hold')}
      </button>
      <p id="ptt-help" className="form-hint">
        {t('ptt.help')}
      </p>
      <p className={`ptt-status${utterance.status === 'failed' ? ' ptt-status--bad' : ''}`} role="status">
        {utterance.status === 'failed' && utterance.error ? <Message message={utterance.error} /> : status}
      </p>
    </div>
  );
}
