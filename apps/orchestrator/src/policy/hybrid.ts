/**
 * The hybrid part of the escalation decision: how the embedded classifier's probabilities
 * (`model/`) combine with the lexicon cues per deployment mode. Pure given a classifier.
 *
 * Per label, a mode gives two thresholds:
 * - `fire`: the model alone adds the label's reason when its probability reaches it (evidence:
 *   the score and the features behind it);
 * - `veto` (`request_person`, `frustration` only): a built-in lexicon hit is dropped when the
 *   utterance has a negation or reported-speech scope (see `model/features.ts`) and the model's
 *   probability stays below `veto`: this is how "I don't need a person", "the clerk told me to ask
 *   you" or "I'm not angry" stop escalating. Without such a scope the lexicon hit stands (the
 *   model is not trusted to overrule a plain "get me a manager"). Policy-file phrases are never vetoed.
 * Rare labels (sensitive topics, vulnerable visitor, exception, restricted action) had few
 * training examples per language: their lexicon hits always count and the model only adds.
 * Safety is never decided by the model (deterministic rules only).
 */
import type { Language } from '@telekiosk/shared';
import type { CueHit } from './cues.ts';
import { defaultClassifier, type EscalationClassifier, type ModelScores } from './model/classifier.ts';
import { hasScope } from './model/features.ts';
import { MODEL_LABELS, type ModelLabel } from './model/labels.ts';
import type { ClassifierSettings, Policy } from './policySchema.ts';

/** Thresholds of one label. `veto` null = lexicon hits of this label are never vetoed. */
export interface LabelThresholds {
  fire: number | null;
  veto: number | null;
}

type Mode = ClassifierSettings['mode'];
const VETOABLE = new Set<ModelLabel>(['request_person', 'frustration']);

/**
 * Built-in operating points (probabilities). Chosen on the CLINC150/Bitext dev portions and the
 * training set's own `--dev` split, never on the held-out conversations.
 */
export const MODE_THRESHOLDS: Readonly<Record<Mode, { common: LabelThresholds; rare: LabelThresholds }>> = {
  favour_recall: { common: { fire: 0.7, veto: 0.05 }, rare: { fire: 0.8, veto: null } },
  balanced: { common: { fire: 0.85, veto: 0.15 }, rare: { fire: 0.95, veto: null } },
  favour_precision: { common: { fire: 0.95, veto: 0.3 }, rare: { fire: null, veto: null } },
};

/** The effective settings of `policy` (defaults: enabled, balanced). */
export function classifierSettings(policy: Policy): ClassifierSettings {
  return policy.classifier ?? { enabled: true, mode: 'balanced' };
}

/** Thresholds of `label` under `settings` (mode preset, then the file's overrides). */
export function thresholdsFor(settings: ClassifierSettings, label: ModelLabel): LabelThresholds {
  const preset = MODE_THRESHOLDS[settings.mode][VETOABLE.has(label) ? 'common' : 'rare'];
  const override = (settings.thresholds as Partial<Record<ModelLabel, { fire?: number; veto?: number }>> | undefined)?.[label];
  if (label === 'safety') return { fire: null, veto: null };
  return {
    fire: override?.fire ?? preset.fire,
    veto: VETOABLE.has(label) ? (override?.veto ?? preset.veto) : null,
  };
}

/** The classifier's view of one turn, for `evaluateTurn`. */
export interface TurnModel {
  scores: ModelScores;
  /** Top features behind a label, for evidence. */
  explain(label: ModelLabel): string[];
  /** True if the model alone reaches `fire` for `label`. */
  fires(label: ModelLabel): boolean;
  /** True if a built-in lexicon hit of `label` must be dropped (scope present and model below `veto`). */
  vetoes(label: ModelLabel): boolean;
  /** The scope that allows a veto: `negation`, `reported speech`, or null. */
  scope: string | null;
  /** `classifier <label> 0.93 (~talk~, human)` */
  cite(label: ModelLabel): string;
}

/**
 * Scores the turn when the policy enables the classifier (`classifier` given, else the bundled
 * one); null when disabled or no text.
 */
export function modelTurn(
  policy: Policy,
  text: string,
  opts: { language: Language; hits: readonly CueHit[]; classifier?: EscalationClassifier | null },
): TurnModel | null {
  const settings = classifierSettings(policy);
  if (!settings.enabled || opts.classifier === null || !text.trim()) return null;
  const clf = opts.classifier ?? defaultClassifier();
  const builtIn = opts.hits.filter((h) => h.origin !== 'policy');
  const scores = clf.score(text, { language: opts.language, hits: builtIn });
  const th = Object.fromEntries(MODEL_LABELS.map((l) => [l, thresholdsFor(settings, l)])) as Record<ModelLabel, LabelThresholds>;
  const explain = (label: ModelLabel) => clf.explain(text, label, 3, { language: opts.language, hits: builtIn });
  const scope = hasScope(text);
  const scoped = scope.negated || scope.reported;
  return {
    scores,
    explain,
    fires: (label) => th[label].fire !== null && scores[label] >= th[label].fire,
    vetoes: (label) => scoped && th[label].veto !== null && scores[label] < th[label].veto,
    scope: scope.negated ? 'negation' : scope.reported ? 'reported speech' : null,
    cite: (label) => {
      const why = explain(label);
      return `classifier ${label} ${scores[label].toFixed(2)}${why.length ? ` (${why.join(', ')})` : ''}`;
    },
  };
}
