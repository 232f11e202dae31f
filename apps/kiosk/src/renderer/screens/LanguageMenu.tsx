import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@telekiosk/shared';
import { KIOSK_LANGUAGES } from '../i18n.ts';

/**
 * Mid-session language change: a modal list of the 8 languages, each named in itself. Escape or
 * Close leaves the language as it was; focus returns to the opener (the browser's default when
 * the dialog unmounts is the body, so the opener is remembered).
 */
export function LanguageMenu({ current, onChoose, onClose }: { current: Language; onChoose: (l: Language) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => opener?.focus?.();
  }, []);
  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="lang-menu-title">
        <h2 id="lang-menu-title">{t('language.change')}</h2>
        <div className="lang-grid">
          {KIOSK_LANGUAGES.map((l, i) => (
            <button key={l} ref={i === 0 ? first : undefined} lang={l} className={`big-button lang${l === current ? ' current' : ''}`} aria-pressed={l === current} onClick={() => onChoose(l)}>
              {t('languageName', { lng: l })}
            </button>
          ))}
        </div>
        <button className="link-button" onClick={onClose}>{t('language.close')}</button>
      </div>
    </div>
  );
}
