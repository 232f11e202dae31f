import { useTranslation } from 'react-i18next';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { Phrased } from '../text/Phrased.tsx';
import { ErrorNote } from './ErrorNote.tsx';

/** Consent and AI disclosure before anything starts; the visitor chooses the assistant or a person. */
export function Consent({ client, state }: { client: KioskClient; state: KioskState }) {
  const { t } = useTranslation();
  return (
    <section className="panel consent" aria-labelledby="consent-title">
      <h1 id="consent-title"><Phrased text={t('consent.title')} /></h1>
      <div className="consent-notices">
        <p className="notice">{t('consent.ai')}</p>
        <p className="notice">{t('consent.camera')}</p>
      </div>
      <div className="choice-row">
        <button className="big-button primary" disabled={state.busy} onClick={() => void client.acceptConsent('assistant')}>{t('consent.assistant')}</button>
        <button className="big-button person" disabled={state.busy} onClick={() => void client.acceptConsent('person')}>{t('consent.person')}</button>
      </div>
      {/* A refused start (very busy, an error) shares the last row with Back, so everything fits in large text. */}
      <div className="consent-foot">
        <ErrorNote errorKey={state.errorKey} />
        <button className="link-button" onClick={() => client.back()}>{t('consent.back')}</button>
      </div>
    </section>
  );
}
