/**
 * Category names shared by the policy file schema ({@link ./policySchema.ts}) and the cue
 * lexicons ({@link ./lexicon/types.ts}). Every category listed here has phrases in all eight
 * visitor languages (en ja es zh ko fr de pt).
 */
import { z } from 'zod';

/**
 * Sensitive topics (PRODUCT.md "When the AI hands off"): the AI may give general information
 * but a person handles the case. Each routes to a department configured in the policy file.
 * - `billing_dispute`: a wrong bill, a charge the visitor disputes, a refund of money paid.
 * - `complaint`: the visitor wants to file a complaint or a formal claim against the office.
 * - `cancellation`: cancelling a contract, order, registration, membership or account
 *   (not a routine appointment or reservation, which the kiosk handles).
 * - `account_access`: locked out, cannot log in, forgot password, hacked or stolen account.
 * - `legal`: lawyers, lawsuits, court, police reports, legal advice.
 * - `medical`: illness, medication, doctors, mental health.
 * - `financial`: debt, arrears, inability to pay, fraud, financial hardship.
 */
export const SENSITIVE_TOPICS = [
  'billing_dispute',
  'complaint',
  'cancellation',
  'account_access',
  'legal',
  'medical',
  'financial',
] as const;
export const SensitiveTopic = z.enum(SENSITIVE_TOPICS);
export type SensitiveTopic = z.infer<typeof SensitiveTopic>;

/**
 * Safety categories: always the top priority (0) and, by default, alert facility staff.
 * - `emergency`: fire, "call an ambulance", someone collapsed, "help!".
 * - `threat`: threats of violence or self-harm, weapons, someone following the visitor.
 * - `injury`: the visitor or someone nearby is hurt, bleeding, fell, cannot breathe.
 */
export const SAFETY_CATEGORIES = ['emergency', 'threat', 'injury'] as const;
export const SafetyCategory = z.enum(SAFETY_CATEGORIES);
export type SafetyCategory = z.infer<typeof SafetyCategory>;

/**
 * Cues that the visitor may need more help than a screen can give.
 * - `vision`: "I can't see well", cannot read the screen, blind.
 * - `hearing`: deaf, hard of hearing, cannot hear the kiosk.
 * - `mobility`: wheelchair, cannot walk or stand long.
 * - `lost`: "I'm lost", confused, does not know where to go.
 * - `child`: a child alone, "my child", a lost child, a baby.
 * - `elderly`: elderly visitor, "I'm 85", "my old mother".
 * - `disability`: a disability, dementia, a carer or guide dog.
 * - `literacy`: cannot read or write, does not understand the language.
 */
export const VULNERABLE_CUES = ['vision', 'hearing', 'mobility', 'lost', 'child', 'elderly', 'disability', 'literacy'] as const;
export const VulnerableCue = z.enum(VULNERABLE_CUES);
export type VulnerableCue = z.infer<typeof VulnerableCue>;

/**
 * Requests that need discretionary approval (`policy_exception`).
 * - `fee_waiver`: "waive the fee", "can I not pay the fee".
 * - `deadline_extension`: "extend the deadline", "I missed the deadline".
 * - `rule_exception`: "make an exception", "special permission", "bend the rules".
 * - `discount`: "a discount", "reduce the fee", "pay less".
 */
export const EXCEPTION_CUES = ['fee_waiver', 'deadline_extension', 'rule_exception', 'discount'] as const;
export const ExceptionCue = z.enum(EXCEPTION_CUES);
export type ExceptionCue = z.infer<typeof ExceptionCue>;

/**
 * Actions the AI must not take alone (`restricted_action`).
 * - `refund`: give money back.
 * - `record_change`: change or correct an official record (name, address, date of birth).
 * - `data_deletion`: delete or erase personal data.
 * - `identity_verification`: act for someone else, check an identity, power of attorney. Not in the
 *   default policy since 2026-12-06: asking whether a family member may apply for you is a routine
 *   question in every set the team wrote; a deployment that wants it lists it in `restrictedAction.cues`.
 * - `payment`: take a payment or card details at the kiosk.
 */
export const RESTRICTED_CUES = ['refund', 'record_change', 'data_deletion', 'identity_verification', 'payment'] as const;
export const RestrictedCue = z.enum(RESTRICTED_CUES);
export type RestrictedCue = z.infer<typeof RestrictedCue>;

/**
 * Sentiment cue kinds. `negative` is mild (disappointed, bad); `anger`, `distress` and
 * `profanity` are strong; `positive` offsets (thanks, great).
 */
export const SENTIMENT_CUES = ['negative', 'anger', 'distress', 'profanity', 'positive'] as const;
export type SentimentCue = (typeof SENTIMENT_CUES)[number];
