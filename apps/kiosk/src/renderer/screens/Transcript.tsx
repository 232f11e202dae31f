import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranscriptEntry } from '@telekiosk/shared';

/** The conversation, newest at the bottom; announced to screen readers as a log. */
export function Transcript({ entries, label }: { entries: TranscriptEntry[]; label: string }) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Scroll only the log itself (scrollIntoView would also scroll the page under the header).
    const log = end.current?.parentElement;
    if (log) log.scrollTop = log.scrollHeight;
  }, [entries.length]);
  return (
    <div className="transcript" role="log" aria-label={label} aria-live="polite" tabIndex={0}>
      {entries.map((e) => {
        const shown = e.translation && e.translation.language !== e.language ? e.translation : null;
        return (
          <div key={e.id} className={`bubble ${e.speaker}`} lang={shown?.language ?? e.language}>
            <span className="speaker">{t(`speaker.${e.speaker}`)}</span>
            <span className="text">{shown?.text ?? e.text}</span>
            {e.translationStatus === 'untranslated' && <span className="untranslated">{t('chat.untranslated')}</span>}
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}
