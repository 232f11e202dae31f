/**
 * The declarative escalation policy: one JSON file per deployment (default:
 * `apps/orchestrator/data/escalation-policy.json`) that says which reasons hand a visitor to a
 * person, with which thresholds, priorities and departments, plus extra phrases a city can add
 * in any language without code changes. Validated with zod; errors name the exact field path.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Language, ReasonCode } from '@telekiosk/shared';
import { z } from 'zod';
import { compilePattern } from '../intake/lexicon.ts';
import {
  ExceptionCue,
  RestrictedCue,
  SAFETY_CATEGORIES,
  SENSITIVE_TOPICS,
  VulnerableCue,
  type SafetyCategory,
  type SensitiveTopic,
} from './taxonomy.ts';
import { segmentationOf } from './lexicon/index.ts';

/** Path of the bundled default policy (`apps/orchestrator/data/escalation-policy.json`). */
export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../../data/escalation-policy.json', import.meta.url));

/** Lowest (latest) priority value a reason may have; also the priority of a non-escalation. */
export const LOWEST_PRIORITY = 9;

const unit = () => z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const count = (min: number) => z.number().int('must be a whole number').min(min, `must be at least ${min}`);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A department id for routing, kebab-case (matches the knowledge base's `department` ids). */
const Department = z.string().regex(KEBAB, 'must be a kebab-case department id, e.g. "citizen-services"');

/**
 * Phrases per visitor language. Each phrase is plain words (matched case-, accent- and
 * width-insensitively on word boundaries; as substrings for ja/zh/ko) or uses the intake
 * lexicon pattern syntax (`a|b` alternatives, `word?` optional, `*` short gap, `^`/`$` anchors,
 * `re:` raw regex) documented in `src/intake/lexicon/types.ts`.
 */
const PhrasesByLanguage = z
  .partialRecord(Language, z.array(z.string().trim().min(1, 'must not be empty')))
  .superRefine((byLang, ctx) => {
    for (const [lang, phrases] of Object.entries(byLang)) {
      phrases?.forEach((phrase, i) => {
        try {
          compilePattern(phrase, segmentationOf(lang as Language));
        } catch (err) {
          ctx.addIssue({ code: 'custom', path: [lang, i], message: `invalid phrase: ${(err as Error).message}` });
        }
      });
    }
  });
/** Extra phrases keyed by language code (any subset of the eight). */
export type PhrasesByLanguage = z.infer<typeof PhrasesByLanguage>;

const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).superRefine((list, ctx) => {
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate entry "${String(v)}"` });
    });
  });

const SensitiveTopicRule = z.strictObject({
  /** Whether this topic triggers `sensitive_topic`. */
  enabled: z.boolean(),
  /** Department the handoff is routed to. */
  department: Department,
  /** Extra phrases for this topic, per language, added to the built-in lexicon. */
  extraPhrases: PhrasesByLanguage.optional(),
});

const SafetyRule = z.strictObject({
  /** Whether this category triggers `safety`. */
  enabled: z.boolean(),
  /** Department the handoff is routed to (e.g. `security`). */
  department: Department,
  /** Also alert facility staff (console alarm) when this category fires. */
  alertStaff: z.boolean(),
  /** Extra phrases for this category, per language. */
  extraPhrases: PhrasesByLanguage.optional(),
});

/** Reasons whose lexicon can be extended through {@link PolicyFile.extraPhrases}. */
export const PHRASE_REASONS = [
  'explicit_request',
  'negative_sentiment',
  'out_of_scope',
  'repeated_failure',
  'policy_exception',
  'restricted_action',
  'vulnerable_visitor',
] as const;
/** One of {@link PHRASE_REASONS}. */
export type PhraseReason = (typeof PHRASE_REASONS)[number];

const ExtraPhrases = z.partialRecord(
  Language,
  z.strictObject(
    Object.fromEntries(
      PHRASE_REASONS.map((r) => [r, z.array(z.string().trim().min(1, 'must not be empty')).optional()]),
    ) as Record<PhraseReason, z.ZodOptional<z.ZodArray<z.ZodString>>>,
  ),
).superRefine((byLang, ctx) => {
  for (const [lang, byReason] of Object.entries(byLang)) {
    for (const [reason, phrases] of Object.entries(byReason ?? {})) {
      (phrases as string[] | undefined)?.forEach((phrase, i) => {
        try {
          compilePattern(phrase, segmentationOf(lang as Language));
        } catch (err) {
          ctx.addIssue({ code: 'custom', path: [lang, reason, i], message: `invalid phrase: ${(err as Error).message}` });
        }
      });
    }
  }
});

const byTopic = <T extends z.ZodType>(rule: T) =>
  z.strictObject(Object.fromEntries(SENSITIVE_TOPICS.map((t) => [t, rule])) as Record<SensitiveTopic, T>);
const bySafety = <T extends z.ZodType>(rule: T) =>
  z.strictObject(Object.fromEntries(SAFETY_CATEGORIES.map((t) => [t, rule])) as Record<SafetyCategory, T>);

const Priorities = z
  .strictObject(
    Object.fromEntries(
      ReasonCode.options.map((c) => [c, count(0).max(LOWEST_PRIORITY, `must be between 0 and ${LOWEST_PRIORITY}`)]),
    ) as Record<ReasonCode, z.ZodNumber>,
  )
  .superRefine((p, ctx) => {
    if (p.safety !== 0) ctx.addIssue({ code: 'custom', path: ['safety'], message: 'must be 0 (safety is always served first)' });
    for (const code of ReasonCode.options) {
      if (code !== 'safety' && p[code] === 0) {
        ctx.addIssue({ code: 'custom', path: [code], message: 'must be at least 1 (priority 0 is reserved for safety)' });
      }
    }
  });

/** Operating points of the embedded classifier, from most to fewest escalations. */
export const CLASSIFIER_MODES = ['favour_recall', 'balanced', 'favour_precision'] as const;

/** Labels of the embedded classifier whose thresholds a policy may set (see `model/labels.ts`). */
const LABEL_KEYS = [
  'request_person', 'frustration', 'billing_dispute', 'complaint', 'cancellation', 'account_access', 'legal', 'medical',
  'financial', 'vulnerable', 'safety', 'policy_exception', 'restricted_action',
] as const;

/**
 * The embedded classifier beside the lexicon rules (see `hybrid.ts`). Optional in the file:
 * absent = enabled, `balanced`.
 */
const ClassifierSettings = z.strictObject({
  /** false = lexicon rules only (the behaviour before the classifier existed). */
  enabled: z.boolean(),
  /**
   * `favour_recall` escalates on weaker model evidence and vetoes lexicon hits only when the
   * model is nearly certain they are not meant (a negated or reported request); `favour_precision`
   * needs strong model evidence and vetoes more. `npm run eval:escalation` prints the recall / false
   * escalation trade-off of all three on the held-out conversations.
   */
  mode: z.enum(CLASSIFIER_MODES),
  /**
   * Per-label overrides of the mode's thresholds, probabilities 0..1: `fire` = the model alone
   * adds the reason at or above it; `veto` = a built-in lexicon hit of the label is dropped when
   * the model's probability is below it and the cue stands in a negation or reported speech
   * (`hybrid.ts`). For `safety` the veto needs no scope and defaults to the model's own, very low
   * `safetyVeto` (about 0.01) in `balanced` and `favour_precision`: `{"safety": {"veto": 0}}`
   * keeps every safety lexicon hit.
   */
  thresholds: z
    .partialRecord(z.enum(LABEL_KEYS), z.strictObject({ fire: unit().optional(), veto: unit().optional() }))
    .optional(),
  /**
   * Default true: on a turn the knowledge base cannot answer, the model adds a reason at the `fire`
   * cut of the next mode toward recall (`favour_precision` -> `balanced` -> `favour_recall`): the
   * assistant has nothing to offer there, so weaker evidence of a billing dispute, a legal matter
   * or a request for a person is enough to hand over. Per-label `thresholds` still win.
   */
  relaxWhenUnanswered: z.boolean().optional(),
});
/** Validated `classifier` section. */
export type ClassifierSettings = z.infer<typeof ClassifierSettings>;

/**
 * Schema of the escalation policy file (version 1). Unknown fields are rejected, so a typo in a
 * field name is reported instead of silently ignored.
 */
export const PolicyFile = z.strictObject({
  /** File format version; must be 1. */
  version: z.literal(1),
  /** Human-readable name of this policy, e.g. "Harbor City Office default". */
  name: z.string().trim().min(1, 'must not be empty'),
  /** Free-text notes for whoever edits the file (ignored by the code). */
  description: z.string().optional(),
  /** Reason codes that may escalate; a code not listed never fires (its signals still show in `flags`). */
  enabledReasons: uniqueList(ReasonCode),
  /** Language assumed when a turn gives none and the text is too short to identify. */
  defaultLanguage: Language,
  /** Department for handoffs whose reasons name no department (e.g. an explicit request). */
  defaultDepartment: Department,
  /** Numeric thresholds. Sources: see each field; tuned with `npm run eval:escalation`. */
  thresholds: z.strictObject({
    /**
     * 0..1: escalate `negative_sentiment` when the sentiment score (-1..1) of the latest visitor
     * turn is at or below minus this value. One strong cue (anger, distress, profanity: 0.6/0.6/0.5)
     * reaches the default 0.5; mild negative words weigh 0.3 each, so it takes two.
     */
    negativeSentiment: unit(),
    /**
     * 0..1: an intake answer from a knowledge-base article with a score below this counts as
     * unanswered (intent `unknown` always does). Default 0.65 = the intake engine's `DEFAULT_MIN_SCORE`.
     */
    lowConfidence: unit(),
    /**
     * Consecutive unanswered visitor turns before `out_of_scope` fires. 2 (default) lets the
     * assistant first offer a person ("shall I connect you?"); 1 escalates at the first miss.
     */
    unansweredTurns: count(1),
    /**
     * N: total failed visitor turns (unanswered, repeated, or "that did not help") in the session
     * before `repeated_failure` fires. A question asked twice, or "that did not help" right after
     * an answer, fires on its own.
     */
    repeatedFailures: count(1),
    /** Maximum time in intake, in milliseconds since the session started, before `intake_timeout`. */
    intakeTimeoutMs: count(1000),
    /** Maximum visitor turns in intake; the turn that reaches it fires `intake_timeout`. */
    maxVisitorTurns: count(1),
  }),
  /**
   * Language identification of Latin-script text (tinyld). Texts shorter than `minChars`
   * characters or `minWords` words keep the session language: tinyld guesses wrong on
   * "hello" (es) or "I am lost" (de).
   */
  languageDetection: z.strictObject({
    /** Minimum letters (Latin script) before the detected language overrides the session language. */
    minChars: count(0),
    /** Minimum words (Latin script) before the detected language overrides the session language. */
    minWords: count(1),
  }),
  /**
   * Routing priority per reason code, 0..9, lower = served sooner. `safety` must be 0 and no other
   * reason may be 0. A decision's priority is the minimum over its reasons.
   */
  priorities: Priorities,
  /** Sensitive topics: each enabled topic routes to its department. */
  sensitiveTopics: byTopic(SensitiveTopicRule),
  /** Safety categories (emergency, threat, injury): priority 0, usually `alertStaff: true`. */
  safety: bySafety(SafetyRule),
  /** Vulnerable-visitor cues that fire `vulnerable_visitor`, and where to route them (null = default department). */
  vulnerableVisitor: z.strictObject({ cues: uniqueList(VulnerableCue), department: Department.nullable() }),
  /** Requests needing discretionary approval that fire `policy_exception`. */
  policyException: z.strictObject({ cues: uniqueList(ExceptionCue), department: Department.nullable() }),
  /** Actions the AI must not take alone that fire `restricted_action`. */
  restrictedAction: z.strictObject({ cues: uniqueList(RestrictedCue), department: Department.nullable() }),
  /**
   * Extra phrases per language per reason, added to the built-in lexicons, e.g.
   * `{ "fr": { "explicit_request": ["un guichetier"] } }`. `negative_sentiment` phrases count as a
   * strong cue (weight 0.6); `out_of_scope` phrases name topics the AI must never answer;
   * `repeated_failure` phrases are extra ways of saying "that did not help".
   */
  extraPhrases: ExtraPhrases.optional(),
  /** The embedded classifier's switch, operating point and thresholds (default: enabled, `balanced`). */
  classifier: ClassifierSettings.optional(),
});

/** A validated policy file. */
export type Policy = z.infer<typeof PolicyFile>;

/** One validation problem: dotted field path (`thresholds.negativeSentiment`) and message. */
export interface PolicyIssue {
  path: string;
  message: string;
}

/** Thrown by {@link parsePolicy}/{@link loadPolicy}; the message lists `path: problem` for each issue. */
export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(
    message: string,
    /** The individual problems (empty for unreadable files or invalid JSON). */
    readonly issues: PolicyIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * zod issues as `{ path, message }` with dotted paths (`turns.0.role`); unknown keys are reported
 * on their own path (`thresholds.negativeSentimen: unknown field`), missing fields as "is required".
 */
export function formatIssues(error: z.ZodError): PolicyIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ path: [...path, k].join('.'), message: 'unknown field' }));
    }
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    const message = missing ? `is required (expected ${issue.expected})` : issue.message;
    return [{ path: path.join('.') || '(root)', message }];
  });
}

/**
 * Validates a policy given as parsed JSON or as JSON text.
 * @param source label for error messages (e.g. the file path); default `"policy"`.
 * @throws PolicyError naming each offending field, e.g. `thresholds.negativeSentiment: must be between 0 and 1`.
 */
export function parsePolicy(json: unknown, source = 'policy'): Policy {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (err) {
      throw new PolicyError(`Invalid ${source}: not valid JSON: ${(err as Error).message}`);
    }
  }
  const parsed = PolicyFile.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = formatIssues(parsed.error);
  throw new PolicyError(`Invalid ${source}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/**
 * Reads and validates a policy file.
 * @throws PolicyError if the file is unreadable, not JSON, or invalid (naming the field).
 */
export function loadPolicy(path: string = DEFAULT_POLICY_PATH): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PolicyError(`Cannot read policy ${path}: ${(err as Error).message}`);
  }
  return parsePolicy(text, `policy ${path}`);
}

let cachedDefault: Policy | null = null;
/** The bundled default policy ({@link DEFAULT_POLICY_PATH}), loaded once. */
export function defaultPolicy(): Policy {
  cachedDefault ??= loadPolicy(DEFAULT_POLICY_PATH);
  return cachedDefault;
}
