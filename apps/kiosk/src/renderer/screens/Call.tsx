import { useTranslation } from 'react-i18next';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { MessageInput } from './MessageInput.tsx';
import { Transcript } from './Transcript.tsx';
import { VideoView } from './VideoView.tsx';
import { KioskContentView } from './KioskContentView.tsx';

/** Live call: the worker's face large, a small self-view, and the messages. */
export function Call({ client, state }: { client: KioskClient; state: KioskState }) {
  const { t } = useTranslation();
  const recent = state.transcript.filter((e) => e.speaker !== 'assistant').slice(-6);
  return (
    <section className={`call ${state.content ? 'with-content' : ''}`}>
      <div className="call-top">
      <div className="stage">
        <VideoView stream={state.remoteStream} label={t('call.workerVideo')} className="remote-video" />
        {!state.remoteStream && <p className="stage-hint">{t('call.connecting')}</p>}
        <div className="with">{t('call.with', { name: state.workerName ?? '' })}</div>
        {state.localStream && <VideoView stream={state.localStream} label={t('call.selfView')} muted className="self-view" />}
      </div>
      {state.content && <KioskContentView content={state.content} pose={state.robot.pose} />}
      </div>
      {state.cameraUnavailable && <p className="problem" role="alert">{t('call.cameraUnavailable')}</p>}
      <Transcript entries={recent} label={t('call.messages')} />
      <MessageInput talk={state.capabilities.speechInput ? { recording: state.recording, start: () => void client.startTalking(), stop: () => client.stopTalking() } : undefined} onSend={(text) => client.sendMessage(text)} />
    </section>
  );
}
