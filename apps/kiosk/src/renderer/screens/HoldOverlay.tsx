import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startHoldTone } from '../call/holdTone.ts';

/**
 * The calm hold screen of a warm transfer with a private consult: over the whole call, in the
 * visitor's language, "Please hold — a colleague is being briefed so you do not have to repeat
 * anything", with a quiet periodic tone the visitor can turn off. It goes when the hold ends or
 * the call ends (unmounted), and the tone with it.
 */
export function HoldOverlay() {
  const { t } = useTranslation();
  const [tone, setTone] = useState(true);
  useEffect(() => {
    if (!tone) return;
    const playing = startHoldTone();
    return () => playing.stop();
  }, [tone]);
  return (
    <div className="hold-overlay" data-testid="hold-overlay">
      <div className="hold-box" role="status">
        <div className="hold-pulse" aria-hidden="true" />
        <h2 className="hold-title">{t('hold.title')}</h2>
        <p className="hold-text">{t('hold.text')}</p>
        <p className="hold-hint">{t('hold.hint')}</p>
      </div>
      <button type="button" className="big-button hold-sound" onClick={() => setTone(!tone)}>
        {t(tone ? 'hold.soundOff' : 'hold.soundOn')}
      </button>
    </div>
  );
}
