/**
 * Training of the escalation classifier: one-vs-rest logistic regression on hashed features,
 * AdaGrad SGD with L2, a seeded shuffle (mulberry32) so the same data and options always give
 * the same weights, then int8 quantisation per label. Pure (no I/O); the CLI is
 * `scripts/train-escalation.ts`.
 */
import { featurize, type SparseVector } from './features.ts';
import { MODEL_LABELS, type ModelLabel } from './labels.ts';

/** One training example. */
export interface TrainingExample {
  text: string;
  /** Labels present (empty = no trigger). */
  labels: readonly ModelLabel[];
  /** Sample weight (default 1). */
  weight?: number;
  /** `k:` cue features (see `cueFeatures`), default none. */
  cues?: readonly string[];
  /**
   * The labels this example was judged for; its loss counts for those only (default: every
   * label). A turn of a development conversation that must escalate for one reason is a positive
   * for that label and says nothing about the others ("this is the third time, get me a manager"
   * is labelled `request_person` and may well be frustration too).
   */
  judgedFor?: readonly ModelLabel[];
}

/** Options of {@link trainClassifier}. */
export interface TrainOptions {
  /** Rows of the hashed feature table (power of two). */
  buckets: number;
  /** Passes over the data. */
  epochs: number;
  /** AdaGrad base learning rate. */
  learningRate: number;
  /** L2 penalty per update on the touched weights. */
  l2: number;
  /** Seed of the shuffle. */
  seed: number;
  /** Cap of the positive-class weight per label (positives are rarer than negatives). */
  maxPositiveWeight: number;
  /**
   * A label that outranks all others in the decision (`safety`, priority 0 in `taxonomy.ts`): an
   * example carrying it is neither a positive nor a negative for the other labels (their loss is
   * masked), so "he's shouting and throwing chairs at people" teaches `safety` without teaching
   * `frustration` that shouting is no anger. Undefined = no masking.
   */
  dominantLabel?: ModelLabel;
}

/** Result of {@link trainClassifier}, already quantised. */
export interface TrainedModel {
  buckets: number;
  bias: number[];
  scale: number[];
  /** int8, feature-major: `row * labels + label`. */
  weights: Int8Array;
}

/** mulberry32: a small, fast, seedable PRNG returning 0..1. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic Fisher-Yates shuffle of 0..n-1. */
function permutation(n: number, rand: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Trains and quantises. Deterministic for the same examples (same order) and options. */
export function trainClassifier(examples: readonly TrainingExample[], opts: TrainOptions): TrainedModel {
  const L = MODEL_LABELS.length;
  const { buckets } = opts;
  const vectors: SparseVector[] = examples.map((e) => featurize(e.text, buckets, e.cues ?? []));
  const targets = examples.map((e) => MODEL_LABELS.map((l) => (e.labels.includes(l) ? 1 : 0)));
  const weightOf = examples.map((e) => e.weight ?? 1);
  // 1 = the example's loss counts for the label; 0 = masked (see TrainOptions.dominantLabel).
  const dominant = opts.dominantLabel ? MODEL_LABELS.indexOf(opts.dominantLabel) : -1;
  const inLoss = examples.map((e, i) =>
    MODEL_LABELS.map((label, l) => ((dominant >= 0 && l !== dominant && targets[i]![dominant]) || (e.judgedFor && !e.judgedFor.includes(label)) ? 0 : 1)),
  );
  const posWeight = MODEL_LABELS.map((_, l) => {
    let pos = 0;
    let neg = 0;
    examples.forEach((_, i) => {
      if (!inLoss[i]![l]) return;
      if (targets[i]![l]) pos += weightOf[i]!;
      else neg += weightOf[i]!;
    });
    return pos > 0 ? Math.min(opts.maxPositiveWeight, Math.sqrt(neg / pos)) : 1;
  });
  const w = new Float64Array(buckets * L);
  const g2 = new Float64Array(buckets * L).fill(1e-6);
  // The intercept is fixed at the (weighted) prior log-odds and not learned: a learned intercept
  // drifts up while every feature weight drifts down, which makes long texts score near 0 and
  // one-word texts near 1 on unit-length vectors.
  const b = new Float64Array(L);
  MODEL_LABELS.forEach((_, l) => {
    let pos = 0;
    let all = 0;
    examples.forEach((_, i) => {
      if (!inLoss[i]![l]) return;
      const sw = weightOf[i]! * (targets[i]![l] ? posWeight[l]! : 1);
      all += sw;
      if (targets[i]![l]) pos += sw;
    });
    b[l] = pos > 0 && pos < all ? Math.log(pos / (all - pos)) : 0;
  });
  const rand = mulberry32(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = permutation(examples.length, rand);
    for (const i of order) {
      const { indices, values } = vectors[i]!;
      for (let l = 0; l < L; l++) {
        if (!inLoss[i]![l]) continue;
        let z = b[l]!;
        for (let k = 0; k < indices.length; k++) z += w[indices[k]! * L + l]! * values[k]!;
        const y = targets[i]![l]!;
        const p = 1 / (1 + Math.exp(-z));
        const sw = weightOf[i]! * (y ? posWeight[l]! : 1);
        const g = (p - y) * sw;
        for (let k = 0; k < indices.length; k++) {
          const at = indices[k]! * L + l;
          const gi = g * values[k]! + opts.l2 * w[at]!;
          g2[at]! += gi * gi;
          w[at]! -= (opts.learningRate / Math.sqrt(g2[at]!)) * gi;
        }
      }
    }
  }
  const scale: number[] = [];
  const q = new Int8Array(buckets * L);
  for (let l = 0; l < L; l++) {
    let max = 0;
    for (let r = 0; r < buckets; r++) max = Math.max(max, Math.abs(w[r * L + l]!));
    const s = max > 0 ? max / 127 : 1;
    scale.push(Number(s.toPrecision(9)));
    for (let r = 0; r < buckets; r++) q[r * L + l] = Math.round(w[r * L + l]! / scale[l]!);
  }
  return { buckets, bias: [...b].map((x) => Number(x.toPrecision(9))), scale, weights: q };
}

/**
 * Replaces the column of `label` in `into` (int8 weights, intercept, scale) with that of `from`,
 * in place: in a one-vs-rest model every label's column is fitted on its own, so a label can be
 * trained on a subset of the examples (`safety` on the rows judged for danger, see
 * `scripts/train-escalation.ts`) and spliced into the model trained on everything.
 * @throws Error when the two models have different bucket counts.
 */
export function spliceLabel(into: TrainedModel, from: TrainedModel, label: ModelLabel): void {
  const L = MODEL_LABELS.length;
  const l = MODEL_LABELS.indexOf(label);
  if (into.buckets !== from.buckets) throw new Error(`spliceLabel: different bucket counts (${into.buckets} and ${from.buckets})`);
  for (let r = 0; r < into.buckets; r++) into.weights[r * L + l] = from.weights[r * L + l]!;
  into.bias[l] = from.bias[l]!;
  into.scale[l] = from.scale[l]!;
}
