import { useTranslation } from 'react-i18next';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { Phrased } from '../text/Phrased.tsx';
import { MessageInput, talkOf } from './MessageInput.tsx';
import { Transcript } from './Transcript.tsx';

/**
 * The calm emergency screen of a safety escalation: help has been alerted (then: someone is
 * coming, once staff acknowledge), what to do now, the site's emergency number. No wait
 * estimate and no callback offer. The visitor can keep typing to staff.
 */
export function Emergency({ client, state, acknowledged, emergencyNumber }: { client: KioskClient; state: KioskState; acknowledged: boolean; emergencyNumber: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="waiting emergency" data-acknowledged={acknowledged}>
      <div className="emergency-card" role="status" aria-live="assertive" aria-labelledby="emergency-title" tabIndex={0}>
        <div className="emergency-icon" aria-hidden="true">{acknowledged ? '➜' : '✚'}</div>
        <h1 id="emergency-title" data-testid="emergency-title"><Phrased text={t(acknowledged ? 'emergency.acknowledged' : 'emergency.title')} /></h1>
        <p className="big">{t('emergency.where')}</p>
        <p className="emergency-call" data-testid="emergency-number">
          {emergencyNumber ? t('emergency.call', { number: emergencyNumber }) : t('emergency.callGeneric')}
        </p>
        <h2><Phrased text={t('emergency.stepsTitle')} /></h2>
        <ul className="steps">
          <li>{t('emergency.stay')}</li>
          <li>{t('emergency.hurt')}</li>
          <li>{t('emergency.tell')}</li>
        </ul>
      </div>
      <div className="waiting-talk">
        <Transcript entries={state.transcript} label={t('chat.transcript')} />
        <MessageInput talk={talkOf(client, state)} onSend={(text) => client.sendMessage(text)} disabled={state.busy} pending={state.pendingMessages} />
      </div>
    </section>
  );
}
