/**
 * The embedded escalation classifier: a multilingual one-vs-rest logistic regression over hashed
 * character/word features ({@link featurize}), trained by `npm run train:escalation` and committed
 * as `apps/orchestrator/data/escalation-model/` (`model.json` + `weights.bin`, int8). Loads in a
 * few milliseconds, scores a turn in well under a millisecond, no network, no native code.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LANGUAGES, type Language } from '@telekiosk/shared';
import { findCues, type CueHit } from '../cues.ts';
import { foldChinese } from '../../intake/chinese.ts';
import { cueFeatures, FEATURE_VERSION, featureStrings, featurize, fnv1a } from './features.ts';
import { MODEL_LABELS, type ModelLabel } from './labels.ts';

/** Folder of the bundled model (`apps/orchestrator/data/escalation-model`). */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../../data/escalation-model', import.meta.url));

/** Schema of `model.json` (the header; weights are in the binary file it names). */
export const ModelMeta = z.strictObject({
  /** Always `telekiosk-escalation-linear`. */
  format: z.literal('telekiosk-escalation-linear'),
  /** Must equal {@link FEATURE_VERSION} of the running code. */
  featureVersion: z.number().int(),
  /** Rows of the hashed feature table, a power of two. */
  buckets: z.number().int().min(2).refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
  /** Label order of the weight columns; must be {@link MODEL_LABELS}. */
  labels: z.array(z.string()),
  /** Intercept per label (logit units). */
  bias: z.array(z.number()),
  /** Dequantisation factor per label: weight = int8 value x scale (logit units). */
  scale: z.array(z.number().positive()),
  /** File name of the int8 weights beside `model.json`, feature-major (`row * labels + label`). */
  weightsFile: z.string().min(1),
  /** SHA-256 (hex) of the weights file, checked at load. */
  weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** How the weights were made (informational): seed, epochs, data counts, data hash. */
  training: z.record(z.string(), z.unknown()),
  /**
   * Per mode and label, the probability at which the model alone adds the label: the lowest cut
   * whose out-of-fold precision on the team examples (5-fold cross-validation at training time)
   * reaches the mode's target (favour_recall 0.8, balanced 0.9, favour_precision 0.95); null =
   * never reached. Absent in older models (then the presets of `hybrid.ts` apply).
   */
  operatingPoints: z
    .record(z.enum(['favour_recall', 'balanced', 'favour_precision']), z.record(z.string(), z.number().min(0).max(1).nullable()))
    .optional(),
  /**
   * Probability of `safety` below which a built-in safety lexicon hit is dropped as a lookalike
   * ("first-aid course", "knife disposal", "this queue is killing me") in the `balanced` and
   * `favour_precision` modes: the highest cut on a grid such that every team example labelled
   * `safety` that has a safety lexicon hit, but at most 1 in 500 of them, scored at least twice
   * the cut out of fold (5-fold cross-validation at training time). Null or absent = safety hits
   * are never vetoed.
   */
  safetyVeto: z.number().min(0).max(0.5).nullable().optional(),
});
/** Parsed `model.json`. */
export type ModelMeta = z.infer<typeof ModelMeta>;

/** Probability (0..1) per label for one utterance. */
export type ModelScores = Record<ModelLabel, number>;

/** Options of {@link EscalationClassifier.score}. */
export interface ScoreOptions {
  /**
   * The visitor's language (typo tolerance of the cue lexicons runs in it); default `en`. For
   * `zh` the text is read in Simplified (`intake/chinese.ts`) and `hits` are found anew on it.
   */
  language?: Language;
  /**
   * Cue hits already found for this text (e.g. by `evaluateTurn`); policy-file phrases are
   * ignored (the model was trained on the built-in lexicons only). Default: computed here.
   */
  hits?: readonly CueHit[];
}

/** The `k:` cue features of `text` as the model sees them (built-in lexicons, all languages). */
export function modelCues(text: string, opts: ScoreOptions = {}): string[] {
  const language = opts.language ?? 'en';
  const hits = opts.hits ?? findCues(text, null, [...new Set<Language>([language, ...LANGUAGES])], [language]);
  return cueFeatures(hits.filter((h) => h.origin !== 'policy' && !(h.kind === 'sentiment' && h.category === 'positive')));
}

/** Thrown when the model files are missing, corrupt or of another feature version. */
export class ModelError extends Error {
  override name = 'ModelError';
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The loaded classifier. Immutable; safe to share. */
export class EscalationClassifier {
  private readonly nLabels: number;

  /**
   * @param meta validated header. @param weights int8 table of `buckets x labels` values.
   * @throws ModelError if the sizes, labels or feature version do not match this code.
   */
  constructor(
    readonly meta: ModelMeta,
    private readonly weights: Int8Array,
  ) {
    this.nLabels = MODEL_LABELS.length;
    if (meta.featureVersion !== FEATURE_VERSION) throw new ModelError(`model featureVersion ${meta.featureVersion} != code ${FEATURE_VERSION}: retrain with npm run train:escalation`);
    if (meta.labels.join() !== MODEL_LABELS.join()) throw new ModelError(`model labels [${meta.labels.join(', ')}] differ from the code's [${MODEL_LABELS.join(', ')}]`);
    if (meta.bias.length !== this.nLabels || meta.scale.length !== this.nLabels) throw new ModelError('bias/scale: one value per label expected');
    if (weights.length !== meta.buckets * this.nLabels) throw new ModelError(`weights: ${weights.length} values, expected ${meta.buckets * this.nLabels}`);
  }

  /**
   * Reads `model.json` and its weights file from `dir` (default {@link DEFAULT_MODEL_DIR}).
   * @throws ModelError naming the file or field at fault.
   */
  static load(dir: string = DEFAULT_MODEL_DIR): EscalationClassifier {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    } catch (err) {
      throw new ModelError(`cannot read ${join(dir, 'model.json')}: ${(err as Error).message}`);
    }
    const parsed = ModelMeta.safeParse(raw);
    if (!parsed.success) {
      throw new ModelError(`invalid model.json: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, parsed.data.weightsFile));
    } catch (err) {
      throw new ModelError(`cannot read weights ${parsed.data.weightsFile}: ${(err as Error).message}`);
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== parsed.data.weightsSha256) throw new ModelError(`weights ${parsed.data.weightsFile}: sha256 ${sha} does not match model.json weightsSha256`);
    return new EscalationClassifier(parsed.data, new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** Logit per label (before the sigmoid). */
  logits(text: string, opts: ScoreOptions = {}): Float64Array {
    const folded = foldChinese(text, opts.language);
    const { indices, values } = featurize(folded, this.meta.buckets, modelCues(folded, folded === text ? opts : { language: opts.language }));
    const L = this.nLabels;
    const acc = new Float64Array(L);
    for (let k = 0; k < indices.length; k++) {
      const row = indices[k]! * L;
      const v = values[k]!;
      for (let l = 0; l < L; l++) acc[l]! += this.weights[row + l]! * v;
    }
    for (let l = 0; l < L; l++) acc[l] = acc[l]! * this.meta.scale[l]! + this.meta.bias[l]!;
    return acc;
  }

  /** Probability per label for `text` (independent sigmoids; they need not sum to 1). */
  score(text: string, opts: ScoreOptions = {}): ModelScores {
    const z = this.logits(text, opts);
    const out = {} as ModelScores;
    MODEL_LABELS.forEach((label, l) => {
      out[label] = Math.round(sigmoid(z[l]!) * 10000) / 10000;
    });
    return out;
  }

  /**
   * The `k` features of `text` that push `label` up the most, as readable strings (`"talk to"`,
   * `"~schwerde~"` for a character n-gram, `"not: person"` for a negated word), for evidence.
   */
  explain(text: string, label: ModelLabel, k = 3, opts: ScoreOptions = {}): string[] {
    const l = MODEL_LABELS.indexOf(label);
    const L = this.nLabels;
    const mask = this.meta.buckets - 1;
    const folded = foldChinese(text, opts.language);
    const feats = featureStrings(folded, modelCues(folded, folded === text ? opts : { language: opts.language })).map((f) => ({ f, w: this.weights[(fnv1a(f) & mask) * L + l]! }));
    return feats
      .filter((x) => x.w > 0)
      .sort((a, b) => b.w - a.w || a.f.localeCompare(b.f))
      .slice(0, k)
      .map(({ f }) => readable(f));
  }
}

function readable(feature: string): string {
  const kind = feature.slice(0, 2);
  const body = feature.slice(2);
  switch (kind) {
    case 'c:':
      return `~${body.trim()}~`;
    case 'n:':
      return `negated: ${body}`;
    case 'r:':
      return `reported: ${body}`;
    case 'x:':
      return body;
    case 'k:':
      return `lexicon ${body}`;
    case 'm:':
      return `concept ${body}`;
    case 'mn':
      return `negated concept ${body.slice(1)}`;
    case 'mr':
      return `reported concept ${body.slice(1)}`;
    default:
      return body;
  }
}

let cached: EscalationClassifier | null = null;
/** The bundled classifier, loaded once per process. @throws ModelError if its files are broken. */
export function defaultClassifier(): EscalationClassifier {
  cached ??= EscalationClassifier.load();
  return cached;
}
