/**
 * Labels of the embedded escalation classifier (one-vs-rest: a turn may carry several) and how
 * each maps onto the policy's reason codes and taxonomy.
 */
import type { ReasonCode } from '@telekiosk/shared';
import type { SensitiveTopic } from '../taxonomy.ts';

/**
 * - `request_person`: the visitor asks for a person, a department or "not a machine" (not when
 *   negated, reported or declined).
 * - `frustration`: anger, exasperation, distress, "you keep saying the same thing".
 * - the seven sensitive topics of `taxonomy.ts`.
 * - `vulnerable`: a child alone, an elderly, lost, blind, deaf or disabled visitor who needs a person.
 * - `safety`: emergency, threat, injury (scored for evidence and recall; the deterministic safety
 *   rules still decide on their own and can never be vetoed).
 * - `policy_exception`, `restricted_action`: as in the policy file.
 */
export const MODEL_LABELS = [
  'request_person',
  'frustration',
  'billing_dispute',
  'complaint',
  'cancellation',
  'account_access',
  'legal',
  'medical',
  'financial',
  'vulnerable',
  'safety',
  'policy_exception',
  'restricted_action',
] as const;
/** One of {@link MODEL_LABELS}. */
export type ModelLabel = (typeof MODEL_LABELS)[number];

/** Reason code each label supports. */
export const LABEL_REASON: Readonly<Record<ModelLabel, ReasonCode>> = {
  request_person: 'explicit_request',
  frustration: 'negative_sentiment',
  billing_dispute: 'sensitive_topic',
  complaint: 'sensitive_topic',
  cancellation: 'sensitive_topic',
  account_access: 'sensitive_topic',
  legal: 'sensitive_topic',
  medical: 'sensitive_topic',
  financial: 'sensitive_topic',
  vulnerable: 'vulnerable_visitor',
  safety: 'safety',
  policy_exception: 'policy_exception',
  restricted_action: 'restricted_action',
};

/** The sensitive topic of a label, or null. */
export function topicOfLabel(label: ModelLabel): SensitiveTopic | null {
  return LABEL_REASON[label] === 'sensitive_topic' ? (label as SensitiveTopic) : null;
}

/** True if `value` is a model label. */
export function isModelLabel(value: string): value is ModelLabel {
  return (MODEL_LABELS as readonly string[]).includes(value);
}
