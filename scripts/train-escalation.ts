/**
 * `npm run train:escalation [-- --data DIR] [--out DIR] [--dev] [--allow-missing-public]`
 *
 * Rebuilds the embedded escalation classifier (`apps/orchestrator/data/escalation-model/`:
 * `model.json` + `weights.bin`) from:
 * - the team-written examples committed in `apps/orchestrator/data/escalation-model/train/*.tsv`
 *   (8 languages; `labels<TAB>tag<TAB>text`, `#` comments);
 * - combinations of those examples (a negated request or a reported-speech clause + a routine
 *   question -> no trigger; a routine question + a request for a person -> request), drawn with
 *   the same seed;
 * - the dev portions of two public English corpora read from `../shared/data` (never copied into
 *   the repository): CLINC150 `train` (first 25 utterances per intent, plus `oos_train`),
 *   CC BY 3.0; Bitext customer support rows whose FNV-1a hash is even, CDLA-Sharing-1.0. The odd
 *   Bitext rows and CLINC `test` stay held out for `npm run eval:escalation`.
 * Deterministic: same files + options = byte-identical weights (seeded shuffle, no threads).
 * Before the final fit, a 5-fold cross-validation of the team examples (`<lang>.tsv` and
 * `<lang>.<set>.tsv` files) gives the per-label operating points stored in `model.json`.
 * `--dev` only prints that cross-validation (per-label precision/recall at several cuts, the
 * whole policy per language and mode; with CV_MISSES=1 also every team row the balanced policy
 * gets wrong) and writes nothing.
 * Without ../shared/data the script stops (exit 2) unless `--allow-missing-public` (the weights
 * then differ from the committed ones, which were trained with the public corpora).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FEATURE_VERSION } from '../apps/orchestrator/src/policy/model/features.ts';
import { EscalationClassifier, modelCues, type ModelMeta } from '../apps/orchestrator/src/policy/model/classifier.ts';
import { MODEL_LABELS, isModelLabel, type ModelLabel } from '../apps/orchestrator/src/policy/model/labels.ts';
import { evaluateTurn } from '../apps/orchestrator/src/policy/evaluate.ts';
import { findCues } from '../apps/orchestrator/src/policy/cues.ts';
import { foldChinese } from '../apps/orchestrator/src/intake/chinese.ts';
import { MISSING_CHILD_GROUP } from '../apps/orchestrator/src/policy/scope.ts';
import { defaultPolicy, type Policy } from '../apps/orchestrator/src/policy/policySchema.ts';
import { MODE_THRESHOLDS } from '../apps/orchestrator/src/policy/hybrid.ts';
import { mulberry32, spliceLabel, trainClassifier, type TrainingExample, type TrainOptions } from '../apps/orchestrator/src/policy/model/train.ts';
import { parseCsv } from './lib/csv.ts';
import { readConversationRows, TRAIN_CONVERSATION_SETS } from './lib/train-conversations.ts';
import { LANGUAGES, type Language } from '@telekiosk/shared';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MODEL_DIR = join(ROOT, 'apps/orchestrator/data/escalation-model');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(ROOT, '../shared/data') },
    out: { type: 'string', default: MODEL_DIR },
    dev: { type: 'boolean', default: false },
    'allow-missing-public': { type: 'boolean', default: false },
    /** Sample weight of the development-conversation turns ({@link CONVERSATION_WEIGHT}), for experiments. */
    'conversation-weight': { type: 'string' },
    /** Overrides of {@link OPTIONS} for experiments, as JSON (e.g. '{"epochs":20}'); not for the committed model. */
    options: { type: 'string' },
  },
});

/** Hyper-parameters of the committed model (chosen on the `--dev` split and the CLINC/Bitext dev portions). */
export const OPTIONS: TrainOptions = { buckets: 1 << 17, epochs: 20, learningRate: 0.5, l2: 3e-4, seed: 20260101, maxPositiveWeight: 4, dominantLabel: 'safety' };
const COMBOS_PER_KIND = 40;
/** Sample weight of a development-conversation turn (team examples 1, combinations and public rows 0.5). */
const CONVERSATION_WEIGHT = args['conversation-weight'] ? Number(args['conversation-weight']) : 0.5;
if (args.options) Object.assign(OPTIONS, JSON.parse(args.options));

/**
 * One example; `safetyJudged: false` for rows of a file marked `# safety: not judged`,
 * `othersJudged: false` for rows of a file marked `# safety only` (see {@link SAFETY_NOT_JUDGED}).
 */
interface Row { lang: string; labels: ModelLabel[]; tag: string; text: string; safetyJudged?: boolean; othersJudged?: boolean; judgedFor?: ModelLabel[] }

/**
 * A training file whose comment lines include `# safety: not judged` was written for other labels
 * and nobody judged its rows for danger; one marked `# safety only` was written for the safety
 * label and nobody judged its rows for the other labels. The model is then two fits spliced
 * together: every label but `safety` from a fit on the rows judged for the other labels, and the
 * `safety` column (weights, intercept, scale, operating points, veto) from a fit on the rows
 * judged for safety, each with the combinations drawn from its own rows. In a one-vs-rest model
 * each column is fitted on its own, so adding data for one side never moves the other (measured:
 * training set 11 moved the first safety probe by 2-3 conversations when it was trained into
 * every label; training set 12 moved the billing-dispute cut 0.75 -> 0.85).
 */
const SAFETY_NOT_JUDGED = /^#\s*safety:\s*not judged/i;
/** See {@link SAFETY_NOT_JUDGED}. */
const SAFETY_ONLY = /^#\s*safety only\b/i;

/** `frame` lines (routine questions with a `{}` slot) and `noun` lines (office things), per language. */
const frames: { lang: string; text: string }[] = [];
const nouns: { lang: string; text: string }[] = [];

/** Team-written rows, sorted by file name then line order; every frame x noun is a routine question. */
function readTeamRows(): Row[] {
  const dir = join(MODEL_DIR, 'train');
  const rows: Row[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort()) {
    // `<lang>.tsv` and further sets of the same language as `<lang>.<set>.tsv`.
    const lang = file.split('.')[0]!;
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    const safetyJudged = !lines.some((l) => SAFETY_NOT_JUDGED.test(l));
    const othersJudged = !lines.some((l) => SAFETY_ONLY.test(l));
    if (!safetyJudged && !othersJudged) throw new Error(`${file}: marked both "safety: not judged" and "safety only"`);
    lines.forEach((line, n) => {
      if (!line.trim() || line.startsWith('#')) return;
      const [labelField, tag, text] = line.split('\t');
      if (!labelField || !tag || !text) throw new Error(`${file}:${n + 1}: expected labels<TAB>tag<TAB>text`);
      if (tag === 'frame' || tag === 'noun') {
        if (!safetyJudged || !othersJudged) throw new Error(`${file}:${n + 1}: frame and noun lines belong in files judged for every label`);
        (tag === 'frame' ? frames : nouns).push({ lang, text: text.trim() });
        return;
      }
      const labels = labelField === 'none' ? [] : labelField.split('+');
      for (const l of labels) if (!isModelLabel(l)) throw new Error(`${file}:${n + 1}: unknown label "${l}"`);
      if (!safetyJudged && labels.includes('safety')) throw new Error(`${file}:${n + 1}: a row labelled safety in a file marked "safety: not judged"`);
      if (!othersJudged && labels.some((l) => l !== 'safety')) throw new Error(`${file}:${n + 1}: a label other than safety in a file marked "safety only"`);
      rows.push({ lang, labels: labels as ModelLabel[], tag, text: text.trim(), safetyJudged, othersJudged });
    });
  }
  for (const f of frames) for (const n of nouns) if (n.lang === f.lang) rows.push({ lang: f.lang, labels: [], tag: 'routine-frame', text: f.text.replace('{}', n.text) });
  return rows;
}

const CJK = new Set(['ja', 'zh']);
/** Joins two clauses the way the language writes them. */
function join2(lang: string, a: string, b: string): string {
  if (CJK.has(lang)) return `${a.replace(/[。．.]$/, '')}。${b}`;
  return `${a.replace(/[.?!]$/, '')}, ${b.charAt(0).toLowerCase()}${b.slice(1)}`;
}

/** Seeded combinations per language (see the file doc). */
function combinations(rows: Row[], seed: number): Row[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const out: Row[] = [];
  for (const lang of [...new Set(rows.map((r) => r.lang))].sort()) {
    const of = (pred: (r: Row) => boolean) => rows.filter((r) => r.lang === lang && pred(r));
    const routine = of((r) => r.tag === 'routine');
    const negated = of((r) => r.tag === 'negation' && r.labels.length === 0);
    const reported = of((r) => r.tag === 'reported' && r.labels.length === 0); // a request passed on for someone present ("my mother wants a person") is still a request
    const requests = of((r) => r.tag === 'direct' && r.labels.includes('request_person'));
    const thanks = of((r) => r.tag === 'thanks');
    if (!routine.length) continue;
    for (let i = 0; i < COMBOS_PER_KIND; i++) {
      if (negated.length) out.push({ lang, labels: [], tag: 'combo-negation', text: join2(lang, pick(negated).text, pick(routine).text) });
      if (reported.length) out.push({ lang, labels: [], tag: 'combo-reported', text: join2(lang, pick(reported).text, pick(routine).text) });
      if (requests.length) out.push({ lang, labels: ['request_person'], tag: 'combo-request', text: join2(lang, pick(routine).text, pick(requests).text) });
      if (thanks.length) out.push({ lang, labels: [], tag: 'combo-thanks', text: join2(lang, pick(thanks).text, pick(routine).text) });
    }
  }
  return out;
}

/** FNV-1a over UTF-8 bytes (same split as scripts/eval-escalation.ts). */
function fnvBytes(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(text, 'utf8')) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h;
}

const BITEXT_LABELS: Record<string, ModelLabel[]> = {
  contact_human_agent: ['request_person'],
  complaint: ['complaint'],
  payment_issue: ['billing_dispute'],
  get_refund: ['billing_dispute'],
  cancel_order: ['cancellation'],
  delete_account: ['cancellation'],
  recover_password: ['account_access'],
};
const CLINC_LABELS: Record<string, ModelLabel[]> = { report_fraud: ['financial'], account_blocked: ['account_access'] };

/** Public English rows (dev portions only); null when ../shared/data is missing. */
function readPublicRows(dataDir: string): { rows: Row[]; sources: Record<string, number> } | null {
  const bitextPath = join(dataDir, 'bitext-customer-support/customer_support_sample.csv');
  const clincPath = join(dataDir, 'clinc150/data_full.json');
  if (!existsSync(bitextPath) || !existsSync(clincPath)) return null;
  const rows: Row[] = [];
  const csv = parseCsv(readFileSync(bitextPath, 'utf8'));
  const col = (name: string) => csv[0]!.indexOf(name);
  const [iText, iIntent, iTags] = [col('instruction'), col('intent'), col('tags')];
  let bitext = 0;
  for (const r of csv.slice(1)) {
    // contact_customer_service mixes "how do I reach you" (contact details) with requests for a
    // person: too ambiguous for either label, left out.
    if (fnvBytes(r[iText]!) % 2 !== 0 || r[iIntent] === 'contact_customer_service') continue;
    const labels = [...(BITEXT_LABELS[r[iIntent]!] ?? [])];
    if ((r[iTags] ?? '').includes('W') && !labels.includes('frustration')) labels.push('frustration');
    rows.push({ lang: 'en', labels, tag: `bitext:${r[iIntent]}`, text: r[iText]! });
    bitext++;
  }
  const clinc = JSON.parse(readFileSync(clincPath, 'utf8')) as Record<string, [string, string][]>;
  const perIntent = new Map<string, number>();
  let clincN = 0;
  for (const [text, intent] of clinc.train!) {
    const n = perIntent.get(intent) ?? 0;
    if (n >= 25) continue;
    perIntent.set(intent, n + 1);
    rows.push({ lang: 'en', labels: [...(CLINC_LABELS[intent] ?? [])], tag: `clinc:${intent}`, text });
    clincN++;
  }
  for (const [text] of clinc.oos_train!) {
    rows.push({ lang: 'en', labels: [], tag: 'clinc:oos', text });
    clincN++;
  }
  return { rows, sources: { bitextDevRows: bitext, clincTrainRows: clincN } };
}

const team = readTeamRows();
const conv = readConversationRows(join(MODEL_DIR, '..'));
console.log(`development conversations: ${conv.rows.length} visitor turns from ${TRAIN_CONVERSATION_SETS.length} sets (${conv.dropped} dropped: the same text as a line of a measured set)`);
const pub = readPublicRows(args.data!);
if (!pub && !args['allow-missing-public']) {
  console.error(`Public corpora missing under ${args.data} (clinc150/data_full.json, bitext-customer-support/customer_support_sample.csv).`);
  console.error('The committed weights were trained with them; pass --allow-missing-public to train on the committed team examples only.');
  process.exit(2);
}
const langOf = (l: string) => (LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'en';
const toExamples = (list: (Row & { weight: number })[]): TrainingExample[] =>
  list.map((r) => {
    // Chinese rows are read in Simplified, as EscalationClassifier.score folds zh text (intake/chinese.ts).
    const text = foldChinese(r.text, langOf(r.lang));
    return { text, labels: r.labels, weight: r.weight, cues: modelCues(text, { language: langOf(r.lang) }), ...(r.judgedFor ? { judgedFor: r.judgedFor } : {}) };
  });
/**
 * The training rows: team examples (weight 1), their combinations and the public rows (0.5), and
 * the development conversations' turns (weight 1; always trained, never scored in the
 * cross-validation, so the operating points stay those of the team examples). `conversations:
 * false` for the fit of the `safety` column: the conversations teach every label but safety (with
 * them the safety veto's cut fell from 0.02 to 0.01 through one outlier and the two safety probes
 * gained 7 false alarms, 2026-12-08), so the safety column stays the team examples' own.
 */
function trainingRows(teamRows: Row[], conversations = true): (Row & { weight: number })[] {
  return [
    ...teamRows.map((r) => ({ ...r, weight: 1 })),
    ...(conversations ? conv.rows : []).map((r) => ({ ...r, weight: CONVERSATION_WEIGHT })),
    ...combinations(teamRows, OPTIONS.seed).map((r) => ({ ...r, weight: 0.5 })),
    ...(pub?.rows ?? []).map((r) => ({ ...r, weight: 0.5 })),
  ];
}

const POLICY_MODES = ['lexicon_only', 'favour_recall', 'balanced', 'favour_precision'] as const;
const basePolicy = defaultPolicy();

/**
 * Share of out-of-fold true emergencies (with a safety lexicon hit) that may score under twice the
 * safety veto: 1 in 500. With training set 13 one of 669 scored 0.004 out of fold, which under the
 * strict rule (none) switched the veto off and doubled false safety alerts on the lookalikes of
 * the second safety probe (0.175 -> 0.325).
 */
const SAFETY_VETO_MAX_SHARE = 0.002;
/** Candidate cuts of the safety veto (probabilities), highest last. */
const SAFETY_VETO_GRID = [0.005, 0.01, 0.02, 0.03, 0.05] as const;

/** Out-of-fold precision a mode's operating point must reach (see `ModelMeta.operatingPoints`). */
const MODE_PRECISION = { favour_recall: 0.8, balanced: 0.9, favour_precision: 0.95 } as const;
/** Candidate cuts, low to high. */
const CUT_GRID = Array.from({ length: 14 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100);

/** One team row scored out of fold: the model's probabilities, and (with `--dev`) the policy's decision per mode. */
type Scored = { row: Row; scores: Record<ModelLabel, number>; policyEscalates: Record<string, boolean> };
if (args.dev) {
  crossValidate(true);
  process.exit(0);
}
const cvStart = Date.now();
const judged = team.filter((r) => r.safetyJudged !== false);
const others = team.filter((r) => r.othersJudged !== false);
// Every label but safety from the rows judged for them; safety from the rows judged for it (see SAFETY_NOT_JUDGED).
const cvScored = crossValidate(false, others);
const cvJudged = crossValidate(false, judged, false);
const points = operatingPoints(cvScored);
const safetyPoints = operatingPoints(cvJudged);
for (const mode of Object.keys(points) as (keyof typeof points)[]) points[mode].safety = safetyPoints[mode].safety ?? null;
const safetyVeto = safetyVetoCut(cvJudged);
console.log(`operating points from 5-fold cross-validation (${((Date.now() - cvStart) / 1000).toFixed(1)} s): ${JSON.stringify(points)}`);
console.log(`safety veto: ${safetyVeto.cut} (${safetyVeto.why})`);

const rows = trainingRows(team);
const examples = toExamples(rows);

const t0 = Date.now();
const model = trainClassifier(toExamples(trainingRows(others)), OPTIONS);
const safetyModel = trainClassifier(toExamples(trainingRows(judged, false)), OPTIONS);
spliceLabel(model, safetyModel, 'safety');
console.log(`labels other than safety fitted on ${others.length} of ${team.length} team rows and ${conv.rows.length} conversation turns, safety on the ${judged.length} team rows judged for it`);
console.log(`trained on ${examples.length} examples in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// Counts per language and label (for DATA.md).
const counts: Record<string, Record<string, number>> = {};
for (const r of rows) {
  const source = r.tag.startsWith('bitext:') ? 'bitext' : r.tag.startsWith('clinc:') ? 'clinc150' : r.tag.startsWith('combo-') ? 'combinations' : r.tag.startsWith('conv:') ? 'conversations' : 'team';
  const key = `${r.lang}/${source}`;
  counts[key] ??= {};
  for (const l of r.labels.length ? r.labels : ['none']) counts[key]![l] = (counts[key]![l] ?? 0) + 1;
}
const dataHash = createHash('sha256').update(JSON.stringify(rows.map((r) => [r.labels, r.text, r.weight]))).digest('hex');
const weightsBytes = Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength);
const meta: ModelMeta = {
  format: 'telekiosk-escalation-linear',
  featureVersion: FEATURE_VERSION,
  buckets: model.buckets,
  labels: [...MODEL_LABELS],
  bias: model.bias,
  scale: model.scale,
  weightsFile: 'weights.bin',
  weightsSha256: createHash('sha256').update(weightsBytes).digest('hex'),
  operatingPoints: points,
  safetyVeto: safetyVeto.cut,
  training: {
    command: 'npm run train:escalation',
    options: OPTIONS,
    combinationsPerKind: COMBOS_PER_KIND,
    conversations: { sets: [...TRAIN_CONVERSATION_SETS], turns: conv.rows.length, droppedAsMeasured: conv.dropped, weight: CONVERSATION_WEIGHT, safety: 'not trained on' },
    publicCorpora: pub ? pub.sources : 'missing (trained with --allow-missing-public)',
    examples: examples.length,
    dataSha256: dataHash,
    counts,
  },
};

mkdirSync(args.out!, { recursive: true });
writeFileSync(join(args.out!, 'weights.bin'), weightsBytes);
writeFileSync(join(args.out!, 'model.json'), `${JSON.stringify(meta, null, 1)}\n`);
// The smoke set: fixed texts (kept in smoke.json) and the new model's scores, checked by
// src/policy/model/classifier.test.ts so CI notices weights that do not match the code.
const smokePath = join(args.out!, 'smoke.json');
const smokeTexts = existsSync(join(MODEL_DIR, 'smoke.json'))
  ? (JSON.parse(readFileSync(join(MODEL_DIR, 'smoke.json'), 'utf8')) as { cases: { text: string }[] }).cases.map((c) => c.text)
  : ['I want to talk to a real person', "I don't need a person, just the opening hours"];
const trained = new EscalationClassifier(meta, model.weights);
writeFileSync(smokePath, `${JSON.stringify({ weightsSha256: meta.weightsSha256, cases: smokeTexts.map((text) => ({ text, scores: trained.score(text) })) }, null, 1)}\n`);
console.log(`wrote ${join(args.out!, 'model.json')} and weights.bin (${weightsBytes.length} bytes, sha256 ${meta.weightsSha256.slice(0, 12)}…)`);
console.log('counts (language/source: label count):');
for (const [k, v] of Object.entries(counts).sort()) console.log(`  ${k}: ${Object.entries(v).map(([l, n]) => `${l} ${n}`).join(', ')}`);

/**
 * `--dev`: k-fold cross-validation over the team examples (fold = line index mod K, frame
 * expansions always train). Each fold trains on the other folds (their combinations and the
 * public rows) and scores the held-out fold; per label it prints precision and recall at
 * several thresholds, and per language the share of trigger rows that reach any label and of
 * `none` rows that do (false escalation), at each mode's thresholds. This is what the mode
 * thresholds in `hybrid.ts` are chosen on; the held-out conversations are never used.
 */
function crossValidate(print: boolean, of: Row[] = team, conversations = true): Scored[] {
  const K = 5;
  const scored: Scored[] = [];
  const eligible = of.map((r, i) => ({ r, i })).filter(({ r }) => r.tag !== 'routine-frame');
  for (let k = 0; k < K; k++) {
    const test = eligible.filter(({ i }) => i % K === k).map(({ r }) => r);
    const testSet = new Set(test);
    const trainRows = trainingRows(of.filter((r) => !testSet.has(r)), conversations);
    const t = Date.now();
    const m = trainClassifier(toExamples(trainRows), OPTIONS);
    const clf = new EscalationClassifier({ format: 'telekiosk-escalation-linear', featureVersion: FEATURE_VERSION, buckets: m.buckets, labels: [...MODEL_LABELS], bias: m.bias, scale: m.scale, weightsFile: '', weightsSha256: '', training: {} } as unknown as ModelMeta, m.weights);
    for (const row of test) {
      const policyEscalates: Record<string, boolean> = {};
      for (const mode of print ? POLICY_MODES : []) {
        const policy: Policy = mode === 'lexicon_only' ? { ...basePolicy, classifier: { enabled: false, mode: 'balanced' } } : { ...basePolicy, classifier: { enabled: true, mode } };
        policyEscalates[mode] = evaluateTurn(policy, { turns: [{ role: 'visitor', text: row.text }], language: langOf(row.lang), classifier: mode === 'lexicon_only' ? null : clf }).escalate;
      }
      scored.push({ row, scores: clf.score(row.text, { language: langOf(row.lang) }) as Record<ModelLabel, number>, policyEscalates });
    }
    if (print) console.log(`fold ${k + 1}/${K}: trained on ${trainRows.length} rows in ${((Date.now() - t) / 1000).toFixed(1)} s, scored ${test.length}`);
  }
  if (!print) return scored;
  const cuts = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
  console.log(`\nout-of-fold per label (${scored.length} team rows): precision / recall at thresholds ${cuts.join(' ')}`);
  for (const label of MODEL_LABELS) {
    const pos = scored.filter((s) => s.row.labels.includes(label)).length;
    const cells = cuts.map((c) => {
      const fired = scored.filter((s) => s.scores[label] >= c);
      const tp = fired.filter((s) => s.row.labels.includes(label)).length;
      return `${fired.length ? (tp / fired.length).toFixed(2) : ' -  '}/${pos ? (tp / pos).toFixed(2) : ' -  '}`;
    });
    console.log(`  ${label.padEnd(18)} n ${String(pos).padStart(4)}  ${cells.join('  ')}`);
  }
  /** `recall/false escalation` of `escalates` over `rows` (trigger rows = those with a label passing `isTrigger`). */
  const rates = (rows: Scored[], escalates: (s: Scored) => boolean, isTrigger: (l: ModelLabel) => boolean = () => true, digits = 2) => {
    const trig = rows.filter((s) => s.row.labels.some(isTrigger));
    const none = rows.filter((s) => s.row.labels.length === 0);
    return `${(trig.filter(escalates).length / Math.max(1, trig.length)).toFixed(digits)}/${(none.filter(escalates).length / Math.max(1, none.length)).toFixed(digits)}`;
  };
  const perLanguage = (escalates: (s: Scored) => boolean, isTrigger?: (l: ModelLabel) => boolean) =>
    (LANGUAGES as readonly string[]).map((lang) => `${lang} ${rates(scored.filter((s) => s.row.lang === lang), escalates, isTrigger)}`).join(' | ');
  for (const [mode, th] of Object.entries(MODE_THRESHOLDS)) {
    const fireOf = (l: ModelLabel) => (l === 'request_person' || l === 'frustration' ? th.common.fire : th.rare.fire);
    const fires = (s: Scored) => MODEL_LABELS.some((l) => l !== 'safety' && fireOf(l) !== null && s.scores[l] >= fireOf(l)!);
    console.log(`model alone, ${mode} (recall of trigger rows / false escalation of none rows): ${perLanguage(fires, (l) => l !== 'safety')}`);
  }
  // The whole policy decision on one-turn conversations (lexicon rules + this fold's classifier, mode presets).
  for (const mode of POLICY_MODES) {
    const escalates = (s: Scored) => s.policyEscalates[mode]!;
    console.log(`policy, ${mode.padEnd(16)} all ${rates(scored, escalates, undefined, 3)} | ${perLanguage(escalates)}`);
  }
  if (process.env.CV_MISSES) {
    for (const s of scored) if (s.policyEscalates.balanced !== s.row.labels.length > 0) console.log(`  MISS ${s.row.lang} [${s.row.labels.join('+') || 'none'}] ${s.row.tag}: ${s.row.text}`);
  }
  return scored;
}

/**
 * The model's `safetyVeto` (see `ModelMeta.safetyVeto`): the highest cut on
 * {@link SAFETY_VETO_GRID} such that every team example labelled `safety` with a built-in safety
 * lexicon hit, but at most {@link SAFETY_VETO_MAX_SHARE} of them, scored at least twice the cut out of fold (a margin of 2 for the final model and
 * for emergencies worded unlike any example); null when not even the lowest cut qualifies. `why`
 * says how many true emergencies and lookalikes (no label, safety hit) sit under the cut.
 */
function safetyVetoCut(scored: Scored[]): { cut: number | null; why: string } {
  // Only hits the veto can drop: a missing child's (MISSING_CHILD_GROUP) is never vetoed.
  const withHit = scored.filter((s) => findCues(s.row.text, null, [langOf(s.row.lang)]).some((h) => h.kind === 'safety' && !h.pattern?.includes(MISSING_CHILD_GROUP)));
  const emergencies = withHit.filter((s) => s.row.labels.includes('safety')).map((s) => s.scores.safety);
  const lookalikes = withHit.filter((s) => s.row.labels.length === 0).map((s) => s.scores.safety);
  // Without a single true emergency to measure against, no veto (never a guessed cut).
  if (!emergencies.length) return { cut: null, why: 'no team example labelled safety has a safety lexicon hit: safety hits are never vetoed' };
  // At most SAFETY_VETO_MAX_SHARE of them (at least none) may score under twice the cut: one
  // outlier among hundreds should not switch the veto off for every lookalike.
  const sorted = [...emergencies].sort((a, b) => a - b);
  const allowed = Math.floor(sorted.length * SAFETY_VETO_MAX_SHARE);
  const floor = sorted[allowed]!;
  const cut = [...SAFETY_VETO_GRID].reverse().find((c) => 2 * c <= floor) ?? null;
  const under = (xs: number[]) => (cut === null ? 0 : xs.filter((x) => x < cut).length);
  const under2 = cut === null ? 0 : sorted.filter((x) => x < 2 * cut).length;
  return { cut, why: `lowest out-of-fold scores of ${emergencies.length} true emergencies with a lexicon hit ${sorted.slice(0, 3).map((x) => x.toFixed(3)).join(', ')}; ${allowed} may fall under twice the cut (${under2} do); under the cut: ${under(emergencies)} of them, ${under(lookalikes)} of ${lookalikes.length} lookalikes` };
}

/**
 * Per mode and label, the lowest cut on {@link CUT_GRID} reaching the mode's out-of-fold precision
 * (at least 5 hits), else null. For labels other than `safety`, rows labelled `safety` are left
 * out: safety is the top-priority reason (`taxonomy.ts`), so another label firing on "my wife is
 * pregnant and bleeding" changes neither the decision nor its reason, and counting it as a false
 * positive of `medical` pushed that cut from 0.45 to 0.75 when training set 10 (safety told by
 * symptoms) arrived.
 */
function operatingPoints(scored: Scored[]): Record<keyof typeof MODE_PRECISION, Record<string, number | null>> {
  const out = {} as Record<keyof typeof MODE_PRECISION, Record<string, number | null>>;
  const notSafety = scored.filter((s) => !s.row.labels.includes('safety'));
  for (const [mode, target] of Object.entries(MODE_PRECISION) as [keyof typeof MODE_PRECISION, number][]) {
    out[mode] = {};
    for (const label of MODEL_LABELS) {
      const rows = label === 'safety' ? scored : notSafety;
      const cut = CUT_GRID.find((c) => {
        const fired = rows.filter((s) => s.scores[label] >= c);
        return fired.length >= 5 && fired.filter((s) => s.row.labels.includes(label)).length / fired.length >= target;
      });
      out[mode][label] = cut ?? null;
    }
  }
  return out;
}
