import { describe, expect, it } from 'vitest';
import { MODE_THRESHOLDS, thresholdsFor } from './hybrid.ts';
import { EscalationClassifier } from './model/classifier.ts';

/** A classifier whose header carries `operatingPoints` (weights irrelevant here). */
function withPoints(points: Record<string, Record<string, number | null>> | undefined): EscalationClassifier {
  const clf = EscalationClassifier.load();
  return Object.assign(Object.create(Object.getPrototypeOf(clf)) as EscalationClassifier, clf, { meta: { ...clf.meta, operatingPoints: points } });
}

describe('thresholds per label', () => {
  const balanced = { enabled: true, mode: 'balanced' as const };

  it('without operating points the mode preset applies', () => {
    expect(thresholdsFor(balanced, 'legal', withPoints(undefined))).toEqual(MODE_THRESHOLDS.balanced.rare);
    expect(thresholdsFor(balanced, 'request_person')).toEqual(MODE_THRESHOLDS.balanced.common);
  });

  it('a cross-validated operating point raises a label cut but never lowers it below the preset', () => {
    const clf = withPoints({ balanced: { legal: 0.75, medical: 0.3, financial: null } });
    expect(thresholdsFor(balanced, 'legal', clf).fire).toBe(0.75);
    expect(thresholdsFor(balanced, 'medical', clf).fire).toBe(MODE_THRESHOLDS.balanced.rare.fire);
    expect(thresholdsFor(balanced, 'financial', clf).fire).toBeNull();
    expect(thresholdsFor(balanced, 'legal', clf).veto).toBe(MODE_THRESHOLDS.balanced.rare.veto);
  });

  it("the policy file's override wins, and safety is never vetoed", () => {
    const clf = withPoints({ balanced: { legal: 0.75, safety: 0.9 } });
    expect(thresholdsFor({ ...balanced, thresholds: { legal: { fire: 0.6 } } }, 'legal', clf).fire).toBe(0.6);
    expect(thresholdsFor(balanced, 'safety', clf)).toEqual({ fire: 0.9, veto: null });
  });

  it('the committed model carries operating points for every mode and label', () => {
    const points = EscalationClassifier.load().meta.operatingPoints!;
    for (const mode of ['favour_recall', 'balanced', 'favour_precision'] as const) expect(Object.keys(points[mode]).length).toBe(13);
  });
});
