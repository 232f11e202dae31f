import { useTranslation } from 'react-i18next';
import type { ReviewWhy } from '@telekiosk/shared';

/** Why a conversation is in the review queue, one localized badge per reason (a worker's verdict stands out). */
export function WhyBadges({ why }: { why: readonly ReviewWhy[] }) {
  const { t } = useTranslation();
  return (
    <>
      {why.map((w) => (
        <span key={w} className={`badge ${w.startsWith('verdict_') || w === 'low_csat' ? 'badge--warn-soft' : 'badge--plain'}`}>
          {t(`review.why.${w}`)}
        </span>
      ))}
    </>
  );
}
