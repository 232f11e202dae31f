import { useTranslation } from 'react-i18next';
import type { KbTranslationState, Language } from '@telekiosk/shared';
import { EDITOR_LANGUAGES } from '../../lib/knowledge.ts';

/** One language's translation state as a badge: the tag and a check (current) or the word (missing, stale); read out in full. */
export function TranslationBadge({ language, state }: { language: Language; state: KbTranslationState }) {
  const { t } = useTranslation();
  const full = t('knowledge.translationOf', { language: t(`languages.${language}`), state: t(`knowledge.translation.${state}`) });
  return (
    <span className={`tr-badge tr-badge--${state}`} title={full}>
      <span aria-hidden="true">
        <span className="tr-tag">{language}</span> {state === 'current' ? '✓' : t(`knowledge.translationShort.${state}`)}
      </span>
      <span className="sr-only">{full}</span>
    </span>
  );
}

/** Translation states of every conversation language (the source language first), as a list. */
export function TranslationBadges({ states, label }: { states: Record<Language, KbTranslationState>; label: string }) {
  return (
    <ul className="tr-badges" aria-label={label}>
      {EDITOR_LANGUAGES.map((l) => (
        <li key={l}>
          <TranslationBadge language={l} state={states[l] ?? 'missing'} />
        </li>
      ))}
    </ul>
  );
}
