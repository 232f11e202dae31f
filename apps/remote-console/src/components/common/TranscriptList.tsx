import { useTranslation } from 'react-i18next';
import type { TranscriptEntry } from '@telekiosk/shared';
import { localeOf } from '../../i18n/i18n.ts';
import { formatTime } from '../../lib/format.ts';
import { LanguageBadge } from './LanguageBadge.tsx';

/**
 * Transcript lines, oldest first: speaker, time, language tag, the original text, and the
 * translation when there is one. Untranslated lines say so plainly.
 */
export function TranscriptList({
  entries,
  workerLabel,
  otherStaff,
}: {
  entries: readonly TranscriptEntry[];
  /** Who every "worker" line is (default "You"): "Staff member" in history and monitoring. */
  workerLabel?: string;
  /** Ids of "worker" lines written by someone else (shown as "Staff member"). */
  otherStaff?: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  if (entries.length === 0) return <p className="muted transcript-empty">{t('transcript.empty')}</p>;
  return (
    <ol className="transcript">
      {entries.map((e) => (
        <li key={e.id} className={`line line--${e.speaker}`}>
          <div className="line-head">
            <span className="line-speaker">{e.speaker !== 'worker' ? t(`speaker.${e.speaker}`) : (workerLabel ?? (otherStaff?.includes(e.id) ? t('speaker.staff') : t('speaker.worker')))}</span>
            <time dateTime={e.createdAt}>{formatTime(e.createdAt, locale)}</time>
            <LanguageBadge language={e.language} className="line-lang" />
            {e.translationStatus === 'untranslated' && <span className="badge badge--untranslated">{t('transcript.untranslated')}</span>}
          </div>
          <p className="line-text" lang={e.language}>
            {e.text}
          </p>
          {e.translationStatus === 'translated' && e.translation && (
            <p className="line-translation" lang={e.translation.language}>
              <span className="line-translation-label">{t('transcript.translation', { provider: e.translation.provider })}</span> {e.translation.text}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
