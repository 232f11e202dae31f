/**
 * Escalation benchmark (not a test): `npm run eval:escalation [-- --split dev|test] [--show N] [--data DIR] [--policy FILE]`.
 *
 * Runs the embedded intake engine + escalation policy (`runIntakeTurn`, default policy unless
 * `--policy`/`ESCALATION_POLICY`) over two public datasets read from `../shared/data` relative to
 * the repository root (nothing is copied into the repository):
 * - Bitext customer support (`bitext-customer-support/customer_support_sample.csv`, columns
 *   instruction,intent,category,tags,...; RFC 4180 CSV with quoted multi-line fields);
 * - CLINC150 (`clinc150/data_full.json`, `[utterance, intent]` pairs).
 *
 * Protocol (all utterances are English; session language `en`):
 * - Splits. Tuning used only the dev portions: Bitext rows whose FNV-1a hash of the instruction
 *   is even, CLINC `train`+`val` and `oos_train`+`oos_val`. Reported figures (`--split test`, the
 *   default) use the held-out portions: Bitext rows with an odd hash, CLINC `test` and `oos_test`.
 * - Single-utterance triggers (one visitor turn, no history):
 *   - explicit_request: positives Bitext `contact_human_agent` + `contact_customer_service`;
 *     negatives every other Bitext intent and the CLINC in-scope utterances.
 *   - sensitive_topic: positives Bitext `payment_issue`, `get_refund`, `cancel_order`,
 *     `delete_account`, `complaint`; negatives every other Bitext intent (strict: intents such as
 *     `recover_password` or `track_refund` count as false positives although a city office would
 *     arguably route them to staff too; the top false-positive intents are printed).
 *   - complaint: positives Bitext `complaint`, detected if `negative_sentiment` fires or the
 *     sensitive topic `complaint` does; negatives every other Bitext intent.
 *   - negative_sentiment: positives Bitext rows tagged `W` (offensive wording); negatives Bitext
 *     rows not tagged `W` outside `complaint`, plus CLINC in-scope utterances.
 * - out_of_scope is a conversation rule (the default policy escalates after 2 unanswered turns in a
 *   row: the first miss gets an offer of a person). Protocol: pairs of consecutive CLINC `oos`
 *   utterances played as visitor / assistant reply / visitor; recall = share of pairs escalated
 *   with `out_of_scope`. CLINC's "in-scope" intents (banking, travel, smart home) are also outside
 *   a city office's knowledge base, so out_of_scope on them is correct here, not a false
 *   escalation: their out_of_scope rate is printed for information only, and no out_of_scope
 *   precision can be measured with these datasets (city questions are covered by unit tests).
 * - False escalations: CLINC in-scope utterances as single turns, escalated for any reason
 *   other than out_of_scope. "Ordinary" excludes a fixed list of CLINC intents that are
 *   themselves escalation triggers under the policy's definitions (fraud, blocked accounts, lost
 *   or stolen cards, account freezes: financial / account-access / safety topics; see
 *   `TRIGGER_INTENTS`); the rate over all in-scope utterances is printed too.
 * - Safety, vulnerable visitor, policy exception, restricted action, intake timeout and visitor
 *   choice have no labelled data here; they are covered by unit tests in all eight languages.
 * Targets: explicit-request recall >= 0.95 on `contact_human_agent`; <= 2% of ordinary in-scope
 * questions escalated. The last line of output is one JSON object with every figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createIntakeRunner, runIntakeTurn, type IntakeRunner } from '../apps/orchestrator/src/policy/runIntake.ts';
import { loadPolicy } from '../apps/orchestrator/src/policy/policySchema.ts';
import type { PolicyDecision } from '../apps/orchestrator/src/policy/evaluate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'test' },
    show: { type: 'string', default: '0' },
    data: { type: 'string', default: resolve(ROOT, '../shared/data') },
    policy: { type: 'string' },
  },
});
const split = args.split === 'dev' ? 'dev' : 'test';
const show = Number(args.show) || 0;
const BITEXT = resolve(args.data!, 'bitext-customer-support/customer_support_sample.csv');
const CLINC = resolve(args.data!, 'clinc150/data_full.json');

/** CLINC intents that are escalation triggers under the policy's own definitions. */
const TRIGGER_INTENTS = new Set(['report_fraud', 'account_blocked', 'report_lost_card', 'freeze_account']);
const EXPLICIT = new Set(['contact_human_agent', 'contact_customer_service']);
const SENSITIVE = new Set(['payment_issue', 'get_refund', 'cancel_order', 'delete_account', 'complaint']);

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0]);
}

/** FNV-1a 32-bit hash, for a deterministic dev/test split of Bitext. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(text, 'utf8')) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h;
}

if (!existsSync(BITEXT) || !existsSync(CLINC)) {
  const missing = [BITEXT, CLINC].filter((p) => !existsSync(p));
  console.log(`Dataset missing: ${missing.join(', ')}. This benchmark reads ../shared/data next to the repository (see ../shared/data/README.md); nothing to evaluate.`);
  console.log(JSON.stringify({ error: 'dataset missing', missing }));
  process.exit(0);
}

const policyPath = args.policy ?? process.env.ESCALATION_POLICY;
const runner: IntakeRunner = createIntakeRunner(policyPath ? { policy: loadPolicy(policyPath) } : {});
const classify = (texts: string[]): PolicyDecision => {
  const turns: { role: 'visitor' | 'assistant'; text: string }[] = [];
  let decision: PolicyDecision | null = null;
  for (const text of texts) {
    turns.push({ role: 'visitor', text });
    const out = runIntakeTurn(runner, { turns: [...turns], language: 'en' });
    decision = out.decision;
    if (out.intake) turns.push({ role: 'assistant', text: out.intake.reply });
  }
  return decision!;
};
const has = (d: PolicyDecision, code: string) => d.reasons.some((r) => r.code === code);

interface Item { text: string; intent: string; tags: string; d: PolicyDecision }
const header = parseCsv(readFileSync(BITEXT, 'utf8'));
const col = (name: string) => header[0]!.indexOf(name);
const [iText, iIntent, iTags] = [col('instruction'), col('intent'), col('tags')];
const bitext: Item[] = header
  .slice(1)
  .filter((r) => (fnv1a(r[iText]!) % 2 === 0) === (split === 'dev'))
  .map((r) => ({ text: r[iText]!, intent: r[iIntent]!, tags: r[iTags] ?? '', d: classify([r[iText]!]) }));
const clinc = JSON.parse(readFileSync(CLINC, 'utf8')) as Record<string, [string, string][]>;
const inScopeRaw = split === 'dev' ? [...clinc.train!, ...clinc.val!] : clinc.test!;
const inScope: Item[] = inScopeRaw.map(([text, intent]) => ({ text, intent, tags: '', d: classify([text]) }));
const oosRaw = split === 'dev' ? [...clinc.oos_train!, ...clinc.oos_val!] : clinc.oos_test!;
const pairs = (list: string[]) => list.flatMap((t, i) => (i % 2 === 0 && list[i + 1] ? [[t, list[i + 1]!]] : []));
const oosPairs = pairs(oosRaw.map(([t]) => t)).map((p) => ({ p, d: classify(p) }));
const inScopePairs = pairs(inScopeRaw.filter((_, i) => i % 5 === 0).map(([t]) => t)).map((p) => ({ p, d: classify(p) }));

const r3 = (n: number) => Math.round(n * 1000) / 1000;
/** Occurrences of each key, most frequent first. */
function countBy<T>(list: readonly T[], key: (x: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
function prf(pos: Item[], neg: Item[], hit: (i: Item) => boolean, label: string) {
  const tp = pos.filter(hit);
  const fp = neg.filter(hit);
  const precision = tp.length + fp.length ? tp.length / (tp.length + fp.length) : 0;
  const recall = pos.length ? tp.length / pos.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const fpIntents = countBy(fp, (i) => i.intent).slice(0, 6);
  console.log(`${label}: precision ${r3(precision)} recall ${r3(recall)} F1 ${r3(f1)} (tp ${tp.length}/${pos.length}, fp ${fp.length}/${neg.length}); top false-positive intents: ${fpIntents.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  if (show) {
    for (const i of pos.filter((x) => !hit(x)).slice(0, show)) console.log(`  MISS [${i.intent}] ${i.text}`);
    for (const i of fp.slice(0, show)) console.log(`  FP   [${i.intent}] ${i.text} :: ${i.d.reasons.map((r) => r.evidence).join(' | ')}`);
  }
  return { precision: r3(precision), recall: r3(recall), f1: r3(f1), positives: pos.length, negatives: neg.length };
}

const ordinary = inScope.filter((i) => !TRIGGER_INTENTS.has(i.intent));
const bitextBy = (pred: (i: Item) => boolean) => bitext.filter(pred);
console.log(`Escalation benchmark, split "${split}" (${split === 'dev' ? 'dev: Bitext even hash, CLINC train+val, oos_train+oos_val — used for tuning' : 'held-out: Bitext odd hash, CLINC test, oos_test'}); policy ${policyPath ?? 'default'}.`);
console.log(`Items: Bitext ${bitext.length}, CLINC in-scope ${inScope.length}, CLINC oos pairs ${oosPairs.length}.`);

const explicit = prf(bitextBy((i) => EXPLICIT.has(i.intent)), [...bitextBy((i) => !EXPLICIT.has(i.intent)), ...inScope], (i) => has(i.d, 'explicit_request'), 'explicit_request');
const humanAgent = bitextBy((i) => i.intent === 'contact_human_agent');
const customerService = bitextBy((i) => i.intent === 'contact_customer_service');
const recallOf = (list: Item[], code: string) => r3(list.filter((i) => has(i.d, code)).length / Math.max(1, list.length));
const explicitHuman = recallOf(humanAgent, 'explicit_request');
console.log(`  recall on contact_human_agent ${explicitHuman} (${humanAgent.length}); on contact_customer_service ${recallOf(customerService, 'explicit_request')} (${customerService.length})`);
const sensitive = prf(bitextBy((i) => SENSITIVE.has(i.intent)), bitextBy((i) => !SENSITIVE.has(i.intent)), (i) => has(i.d, 'sensitive_topic'), 'sensitive_topic');
const perSensitive = Object.fromEntries([...SENSITIVE].map((s) => [s, recallOf(bitextBy((i) => i.intent === s), 'sensitive_topic')]));
console.log(`  recall per intent: ${Object.entries(perSensitive).map(([k, v]) => `${k} ${v}`).join(', ')}`);
const complaintHit = (i: Item) => has(i.d, 'negative_sentiment') || i.d.flags.includes('sensitive:complaint');
const complaint = prf(bitextBy((i) => i.intent === 'complaint'), bitextBy((i) => i.intent !== 'complaint'), complaintHit, 'complaint (negative_sentiment or sensitive topic complaint)');
const offensive = bitextBy((i) => i.tags.includes('W'));
const negative = prf(offensive, [...bitextBy((i) => !i.tags.includes('W') && i.intent !== 'complaint'), ...inScope], (i) => has(i.d, 'negative_sentiment'), 'negative_sentiment (Bitext offensive-tagged rows)');
const negativeLabel = r3(offensive.filter((i) => i.d.sentiment === 'negative').length / Math.max(1, offensive.length));
console.log(`  offensive rows labelled sentiment "negative": ${negativeLabel} (mild swearing alone, e.g. "damn", scores -0.3: negative but below the 0.5 escalation threshold)`);

const oosRecall = r3(oosPairs.filter((x) => has(x.d, 'out_of_scope')).length / Math.max(1, oosPairs.length));
const inScopeOos = r3(inScopePairs.filter((x) => has(x.d, 'out_of_scope')).length / Math.max(1, inScopePairs.length));
console.log(`out_of_scope: recall ${oosRecall} on ${oosPairs.length} CLINC oos pairs (two unanswered turns); for information, ${inScopeOos} of ${inScopePairs.length} CLINC in-scope pairs (also outside a city office's KB)`);

const falseEsc = (list: Item[]) => list.filter((i) => i.d.reasons.some((r) => r.code !== 'out_of_scope'));
const fe = falseEsc(ordinary);
const feAll = falseEsc(inScope);
const falseRate = r3(fe.length / Math.max(1, ordinary.length));
const falseRateAll = r3(feAll.length / Math.max(1, inScope.length));
const byReason = Object.fromEntries(countBy(fe.flatMap((i) => i.d.reasons.map((r) => r.code)), (c) => c));
console.log(`false escalations: ${fe.length}/${ordinary.length} ordinary CLINC in-scope questions = ${falseRate} (all in-scope incl. trigger intents: ${feAll.length}/${inScope.length} = ${falseRateAll}); by reason ${JSON.stringify(byReason)}`);
if (show) for (const i of fe.slice(0, show * 3)) console.log(`  FALSE [${i.intent}] ${i.text} :: ${i.d.reasons.map((r) => r.evidence).join(' | ')}`);

const targets = {
  explicitRecallHumanAgent: { target: 0.95, value: explicitHuman, met: explicitHuman >= 0.95 },
  falseEscalationRate: { target: 0.02, value: falseRate, met: falseRate <= 0.02 },
};
console.log(`targets: explicit recall on contact_human_agent ${explicitHuman} (>= 0.95 ${targets.explicitRecallHumanAgent.met ? 'met' : 'NOT met'}); false escalation ${falseRate} (<= 0.02 ${targets.falseEscalationRate.met ? 'met' : 'NOT met'})`);
console.log(JSON.stringify({
  split, explicit_request: { ...explicit, recallContactHumanAgent: explicitHuman, recallContactCustomerService: recallOf(customerService, 'explicit_request') },
  sensitive_topic: { ...sensitive, recallByIntent: perSensitive }, complaint, negative_sentiment: { ...negative, negativeLabelRate: negativeLabel },
  out_of_scope: { recall: oosRecall, pairs: oosPairs.length, inScopePairRate: inScopeOos },
  falseEscalationRate: falseRate, falseEscalationRateAllInScope: falseRateAll, falseEscalationsByReason: byReason, targets,
}));
