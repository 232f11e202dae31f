import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonCode, type ReviewTurn, type TurnLabel } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from '../common/Icon.tsx';

const ASSISTANT_LABELS: readonly TurnLabel[] = ['correct', 'wrong_answer', 'knowledge_gap'];

/**
 * The label buttons of one turn (`aria-pressed` on the current label): a visitor turn "Should
 * escalate" (with the reason a correct decision names) or "Should not escalate"; an assistant
 * turn "Correct", "Wrong answer" or "Knowledge gap".
 */
export function TurnLabels({ turn }: { turn: ReviewTurn }) {
  const { t } = useTranslation();
  const client = useClient();
  const { labelling } = useConsoleState().review;
  const [reason, setReason] = useState<ReasonCode | ''>(turn.labelReason ?? turn.escalatedFor[0] ?? '');
  const reasonId = useId();
  const groupLabel = t('review.turn.labelsOf', { speaker: t(`speaker.${turn.speaker}`), seq: turn.seq });
  const busy = labelling !== null;
  const button = (label: TurnLabel, extra?: () => void) => (
    <button
      key={label}
      type="button"
      className={`toggle toggle--compact${label === 'should_escalate' || label === 'wrong_answer' || label === 'knowledge_gap' ? ' toggle--warn' : ''}`}
      aria-pressed={turn.label === label}
      disabled={busy}
      aria-busy={labelling === turn.entryId || undefined}
      onClick={() => (extra ? extra() : void client.review.label(turn.entryId, label))}
    >
      {turn.label === label && <Icon name="check" />}
      <span>{t(`review.label.${label}`)}</span>
    </button>
  );

  if (turn.speaker === 'assistant')
    return (
      <div className="toggle-group review-labels" role="group" aria-label={groupLabel}>
        {ASSISTANT_LABELS.map((l) => button(l))}
      </div>
    );
  return (
    <div className="toggle-group review-labels" role="group" aria-label={groupLabel}>
      {button('should_escalate', () => void client.review.label(turn.entryId, 'should_escalate', reason || undefined))}
      {button('should_not_escalate')}
      <span className="review-reason">
        <label htmlFor={reasonId}>{t('review.turn.reason')}</label>
        <select
          id={reasonId}
          value={reason}
          disabled={busy}
          onChange={(e) => {
            const r = e.target.value as ReasonCode | '';
            setReason(r);
            // Changing the reason of a "should escalate" label saves it again.
            if (turn.label === 'should_escalate') void client.review.label(turn.entryId, 'should_escalate', r || undefined);
          }}
        >
          <option value="">{t('review.turn.noReason')}</option>
          {ReasonCode.options.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
