/**
 * Escalation benchmark (not a test): `npm run eval:escalation [-- --split dev|test] [--show N] [--data DIR] [--policy FILE] [--ood FILE] [--llm] [--conversations DIR] [--blind] [--no-scripted-replies]`.
 *
 * `--conversations DIR` plays another set of conversation files instead of the default held-out
 * folder (`escalation-dev2` for development, `escalation-eval2` for the second, blind held-out
 * set); with `--blind` (implied for `escalation-eval4` and every later `escalation-evalN` (eval10 and on too) and the second safety probe; `escalation-eval2` and `-eval3` became development sets on 2026-12-06) errors are listed without the visitor's
 * words or the evidence, so the set can be measured without being read.
 *
 * Part 1 (always; needs nothing outside the repository): the held-out multilingual, multi-turn
 * conversations in `apps/orchestrator/data/escalation-eval/` (written before the classifier
 * existed, never used for training or tuning; 38 per language in en ja es zh ko fr de pt). Each
 * conversation is played turn by turn through the embedded engine + policy (`runIntakeTurn`):
 * `A:` lines are used as given, otherwise the engine's reply is inserted; the conversation counts
 * as escalated at the first visitor turn whose decision escalates. Printed per language and per
 * trigger: recall on must-escalate, false escalation on must-not, reason accuracy (the expected
 * reason code, and for sensitive topics the topic, among the reasons of that first escalating
 * decision), false explicit-request rate; the false-escalation rate per must-not kind; a
 * calibration table (decision confidence vs share correct); the recall / false-escalation
 * trade-off of the classifier modes (`favour_recall`, `balanced`, `favour_precision`, and the
 * lexicon rules alone). With `--llm` and `OPENAI_API_KEY` (+ `OPENAI_BASE_URL` for a compatible
 * server) the same conversations also run with the LLM judge beside the embedded engine.
 *
 * Part 2 (out of distribution, optional): Banking77 test split (PolyAI, CC BY 4.0; `--ood FILE`,
 * default `../shared/data/banking77/test.csv`): a public dataset not used in training, with no
 * request-for-a-person intent. Printed: explicit-request rate (all false), any escalation on
 * routine banking intents, and sensitive-topic recall on disputed transactions.
 *
 * Part 3 (in-distribution, as before): CLINC150 + Bitext from `../shared/data`. The classifier
 * was trained on their dev halves (Bitext even hash, CLINC `train`), so these figures are
 * in-distribution even on the held-out halves reported below.
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
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Language } from '@telekiosk/shared';
import { createIntakeRunner, runIntakeTurn, type IntakeRunner } from '../apps/orchestrator/src/policy/runIntake.ts';
import { defaultPolicy, loadPolicy, type Policy } from '../apps/orchestrator/src/policy/policySchema.ts';
import type { PolicyDecision } from '../apps/orchestrator/src/policy/evaluate.ts';
import { parseCsv } from './lib/csv.ts';
import { judgeConversations } from './lib/eval-llm.ts';
import { Conversation, has, play, summary, type Outcome } from './lib/eval-conversations.ts';

export { parseCsv };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'test' },
    show: { type: 'string', default: '0' },
    data: { type: 'string', default: resolve(ROOT, '../shared/data') },
    policy: { type: 'string' },
    ood: { type: 'string' },
    llm: { type: 'boolean', default: false },
    conversations: { type: 'string' },
    blind: { type: 'boolean', default: false },
    'no-scripted-replies': { type: 'boolean', default: false },
  },
});
const split = args.split === 'dev' ? 'dev' : 'test';
const show = Number(args.show) || 0;
const BITEXT = resolve(args.data!, 'bitext-customer-support/customer_support_sample.csv');
const CLINC = resolve(args.data!, 'clinc150/data_full.json');
const OOD = args.ood ?? resolve(args.data!, 'banking77/test.csv');
/** Folder of conversation files (`*.jsonl`); `--conversations DIR` picks another set (e.g. `escalation-eval2`). */
const EVAL_DIR = args.conversations ? resolve(args.conversations) : join(ROOT, 'apps/orchestrator/data/escalation-eval');
/**
 * `--no-scripted-replies`: a conversation's `A:` line after a visitor line is not given to the policy
 * as that turn's reply (it still stands in the transcript), to measure what the 'about to repeat
 * itself' rule owes to the replies the set's writers scripted.
 */
const SCRIPTED_REPLIES = !args['no-scripted-replies'];
/** `--blind`: errors are listed by id and reason only, without the visitor's words, for a set kept unseen. */
const BLIND = args.blind || /escalation-(eval(?:[4-9]|[1-9][0-9]+)|probe-safety2)\b/.test(EVAL_DIR);

/** CLINC intents that are escalation triggers under the policy's own definitions. */
const TRIGGER_INTENTS = new Set(['report_fraud', 'account_blocked', 'report_lost_card', 'freeze_account']);
const EXPLICIT = new Set(['contact_human_agent', 'contact_customer_service']);
const SENSITIVE = new Set(['payment_issue', 'get_refund', 'cancel_order', 'delete_account', 'complaint']);

/** FNV-1a 32-bit hash, for a deterministic dev/test split of Bitext. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(text, 'utf8')) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h;
}
const r3 = (n: number) => Math.round(n * 1000) / 1000;
const rate = (k: number, n: number) => (n ? r3(k / n) : 0);
/** Occurrences of each key, most frequent first. */
function countBy<T>(list: readonly T[], key: (x: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

const policyPath = args.policy ?? process.env.ESCALATION_POLICY;
const basePolicy: Policy = policyPath ? loadPolicy(policyPath) : defaultPolicy();
const runner: IntakeRunner = createIntakeRunner({ policy: basePolicy });

// ---------------------------------------------------------------- Part 1: held-out conversations
const conversations: Conversation[] = readdirSync(EVAL_DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readFileSync(join(EVAL_DIR, f), 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    let json: unknown;
    try {
      json = JSON.parse(l);
    } catch (err) {
      throw new Error(`${f} line ${i + 1}: not JSON (${(err as Error).message})`);
    }
    const c = Conversation.safeParse(json);
    if (!c.success) {
      const issue = c.error.issues[0]!;
      throw new Error(`${f} line ${i + 1}: not a conversation: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return c.data;
  }));
if (conversations.length === 0) {
  console.error(`no conversations in ${EVAL_DIR} (*.jsonl): nothing measured`);
  process.exit(2);
}
const LANGS: Language[] = ['en', 'ja', 'es', 'zh', 'ko', 'fr', 'de', 'pt'];
const fmt = (x: ReturnType<typeof summary>) =>
  `recall ${x.recall.toFixed(3)} (${x.mustEscalate}) | false esc ${x.falseEscalation.toFixed(3)} (${x.mustNot}) | reason acc ${x.reasonAccuracy.toFixed(3)} | false explicit ${x.falseExplicitRequest.toFixed(3)}`;

function heldOut(label: string, policy: Policy, verbose: boolean) {
  const run = { ...runner, policy };
  const outs = conversations.map((c) => play(c, (turns, reply) => runIntakeTurn(run, { turns, language: c.lang, reply: SCRIPTED_REPLIES ? reply : undefined })));
  const overall = summary(outs);
  const byLanguage = Object.fromEntries(LANGS.map((l) => [l, summary(outs.filter((o) => o.c.lang === l))])) as Record<Language, ReturnType<typeof summary>>;
  if (verbose) {
    console.log(`== Held-out conversations, ${EVAL_DIR.split("/").pop()} (${conversations.length}; ${label}) ==`);
    console.log(`overall  ${fmt(overall)}`);
    for (const l of LANGS) console.log(`  ${l}     ${fmt(byLanguage[l])}`);
  }
  return { outs, overall, byLanguage };
}

function report(outs: Outcome[]) {
  const triggers = [...new Set(conversations.filter((c) => c.expect === 'escalate' && c.reason).map((c) => c.reason!))];
  const byTrigger = Object.fromEntries(triggers.map((t) => {
    const list = outs.filter((o) => o.c.reason === t);
    const hit = list.filter((o) => o.escalated);
    return [t, { n: list.length, recall: rate(hit.length, list.length), reasonAccuracy: rate(hit.filter((o) => o.reasonOk).length, hit.length) }];
  }));
  console.log('per trigger (must-escalate): ' + Object.entries(byTrigger).map(([t, v]) => `${t} recall ${v.recall} reason ${v.reasonAccuracy} (${v.n})`).join('; '));
  // A must-not conversation's kind is its `reason` (negation, routine, ...); the first set names it in the tag.
  const kindOf = (c: (typeof conversations)[number]) => c.reason ?? c.tag;
  const kinds = [...new Set(conversations.filter((c) => c.expect === 'no_escalate').map(kindOf))];
  const byMustNot = Object.fromEntries(kinds.map((t) => {
    const list = outs.filter((o) => o.c.expect === 'no_escalate' && kindOf(o.c) === t);
    return [t, { n: list.length, falseEscalation: rate(list.filter((o) => o.escalated).length, list.length) }];
  }));
  console.log('per must-not kind (false escalation): ' + Object.entries(byMustNot).map(([t, v]) => `${t} ${v.falseEscalation} (${v.n})`).join('; '));
  return { byTrigger, byMustNot };
}

const main = heldOut(`policy ${policyPath ?? 'default'}, classifier mode ${basePolicy.classifier?.mode ?? 'balanced'}`, basePolicy, true);
const { byTrigger, byMustNot } = report(main.outs);
const errors = main.outs.filter((o) => o.escalated !== (o.c.expect === 'escalate') || (o.escalated && o.c.reason && !o.reasonOk));
console.log(`errors (${errors.length}):`);
for (const o of errors) {
  // Blind sets: only the rule that fired (the evidence up to the first quote or parenthesis,
  // which is where the visitor's words and the classifier's features begin).
  const first = o.escalated ? o.decision.reasons[0]!.evidence : '';
  const evidence = !o.escalated ? '' : BLIND ? ` (rule: ${first.split(/["“(]/)[0]!.trim().replace(/:$/, '').slice(0, 90)})` : `: ${first.slice(0, 150)}`;
  const why = o.escalated ? `${o.decision.reasons.map((r) => r.code).join('+')} at visitor turn ${o.turn}${evidence}` : `not escalated${BLIND ? '' : ` (flags: ${o.decision.flags.join(' ') || 'none'})`}`;
  console.log(`  ${o.c.id} [${o.c.expect}${o.c.reason ? ` ${o.c.reason}${o.c.topic ? `:${o.c.topic}` : ''}` : ''}, ${o.c.tag}] ${why}`);
}

// Calibration: final decision confidence vs the share of conversations decided right.
const edges = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
const calibration = edges.slice(0, -1).map((lo, i) => {
  const hi = edges[i + 1]!;
  const inBin = main.outs.filter((o) => o.decision.confidence >= lo && o.decision.confidence < hi);
  const right = inBin.filter((o) => o.escalated === (o.c.expect === 'escalate'));
  return { bin: `${lo.toFixed(1)}-${Math.min(hi, 1).toFixed(1)}`, n: inBin.length, meanConfidence: inBin.length ? r3(inBin.reduce((a, o) => a + o.decision.confidence, 0) / inBin.length) : null, accuracy: inBin.length ? rate(right.length, inBin.length) : null };
});
console.log('calibration (decision confidence bin: n, mean confidence, share decided right):');
console.log('  ' + calibration.map((b) => `${b.bin}: n ${b.n}, conf ${b.meanConfidence ?? '-'}, right ${b.accuracy ?? '-'}`).join(' | '));

// Trade-off of the deployment modes (escalation-policy.json `classifier.mode`).
const modes: Record<string, Policy> = {
  lexicon_only: { ...basePolicy, classifier: { enabled: false, mode: 'balanced' } },
  favour_recall: { ...basePolicy, classifier: { enabled: true, mode: 'favour_recall' } },
  balanced: { ...basePolicy, classifier: { enabled: true, mode: 'balanced' } },
  favour_precision: { ...basePolicy, classifier: { enabled: true, mode: 'favour_precision' } },
  // The default relaxes the model's cut on unanswered turns; this row shows balanced without it.
  balanced_strict: { ...basePolicy, classifier: { enabled: true, mode: 'balanced', relaxWhenUnanswered: false } },
};
const tradeOff = Object.fromEntries(Object.entries(modes).map(([m, p]) => {
  const r = heldOut(m, p, false);
  return [m, { ...r.overall, worstLanguageRecall: Math.min(...LANGS.map((l) => r.byLanguage[l].recall)), worstLanguageFalseEscalation: Math.max(...LANGS.map((l) => r.byLanguage[l].falseEscalation)) }];
}));
console.log('mode trade-off (held-out):');
for (const [m, v] of Object.entries(tradeOff)) console.log(`  ${m.padEnd(16)} recall ${v.recall.toFixed(3)} false esc ${v.falseEscalation.toFixed(3)} false explicit ${v.falseExplicitRequest.toFixed(3)} | worst language: recall ${v.worstLanguageRecall.toFixed(3)}, false esc ${v.worstLanguageFalseEscalation.toFixed(3)}`);
const targets = {
  recallPerLanguage: { target: 0.95, met: LANGS.every((l) => main.byLanguage[l].recall >= 0.95) },
  falseEscalationPerLanguage: { target: 0.03, met: LANGS.every((l) => main.byLanguage[l].falseEscalation <= 0.03) },
  falseExplicitRequest: { target: 0.01, value: main.overall.falseExplicitRequest, met: main.overall.falseExplicitRequest <= 0.01 },
};
console.log(`targets (held-out): recall >= 0.95 in every language ${targets.recallPerLanguage.met ? 'met' : 'NOT met'}; false escalation <= 0.03 in every language ${targets.falseEscalationPerLanguage.met ? 'met' : 'NOT met'}; false explicit request ${main.overall.falseExplicitRequest} (<= 0.01 ${targets.falseExplicitRequest.met ? 'met' : 'NOT met'})`);

// The LLM judge beside the embedded engine, when asked for and configured.
let llm: unknown = null;
if (args.llm) llm = await judgeConversations(conversations, runner, LANGS);

// ---------------------------------------------------------------- Part 2: out of distribution
let ood: unknown = { skipped: `${OOD} not found` };
if (existsSync(OOD)) {
  const OodRow = z.tuple([z.string().trim().min(1), z.string().trim().min(1)]);
  const parsedRows = parseCsv(readFileSync(OOD, 'utf8')).slice(1).filter((r) => r.some((c) => c.trim()));
  const rows = parsedRows.map((r, i) => {
    const row = OodRow.safeParse(r.slice(0, 2));
    if (!row.success) throw new Error(`${OOD} row ${i + 2}: expected text,category (${row.error.issues[0]?.message})`);
    return { text: row.data[0], category: row.data[1] };
  });
  // A file with no rows is a failed download, not a result: never print figures for nothing.
  if (rows.length === 0) {
    console.error(`eval:escalation: ${OOD} has no rows (expected Banking77's test.csv: 3,080 rows of text,category)`);
    process.exit(1);
  }
  const DISPUTES = new Set(['transaction_charged_twice', 'extra_charge_on_statement', 'card_payment_not_recognised', 'direct_debit_payment_not_recognised', 'cash_withdrawal_not_recognised', 'wrong_amount_of_cash_received']);
  const TRIGGERISH = new Set([...DISPUTES, 'lost_or_stolen_card', 'compromised_card', 'pin_blocked', 'passcode_forgotten', 'terminate_account', 'lost_or_stolen_phone', 'request_refund', 'Refund_not_showing_up', 'card_swallowed', 'unable_to_verify_identity']);
  const decided = rows.map((r) => ({ ...r, d: runIntakeTurn(runner, { turns: [{ role: 'visitor', text: r.text }], language: 'en' }).decision }));
  const falseRequests = decided.filter((x) => has(x.d, 'explicit_request'));
  const routine = decided.filter((x) => !TRIGGERISH.has(x.category));
  const routineEsc = routine.filter((x) => x.d.reasons.some((r) => r.code !== 'out_of_scope'));
  const disputes = decided.filter((x) => DISPUTES.has(x.category));
  const disputeRecall = rate(disputes.filter((x) => has(x.d, 'sensitive_topic')).length, disputes.length);
  console.log(`\n== Out of distribution: Banking77 test split (CC BY 4.0, not used in training; ${OOD}) ==`);
  console.log(`explicit_request on ${decided.length} utterances, none asking for a person: ${rate(falseRequests.length, decided.length)}; top intents: ${countBy(falseRequests, (x) => x.category).slice(0, 5).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  console.log(`any escalation except out_of_scope on ${routine.length} routine banking questions: ${rate(routineEsc.length, routine.length)}; by reason ${JSON.stringify(Object.fromEntries(countBy(routineEsc.flatMap((x) => x.d.reasons.map((r) => r.code)), (c) => c)))}`);
  console.log(`sensitive_topic recall on ${disputes.length} disputed transactions (charged twice, not recognised, wrong amount): ${disputeRecall}`);
  if (show) for (const x of falseRequests.slice(0, show)) console.log(`  FALSE-REQUEST [${x.category}] ${x.text} :: ${x.d.reasons[0]!.evidence}`);
  ood = { dataset: 'banking77-test', utterances: decided.length, falseExplicitRequest: rate(falseRequests.length, decided.length), routineEscalation: rate(routineEsc.length, routine.length), disputeSensitiveRecall: disputeRecall };
} else {
  console.log(`\n(out-of-distribution check skipped: ${OOD} not found; pass --ood FILE with Banking77's test.csv, CC BY 4.0)`);
}

// ---------------------------------------------------------------- Part 3: CLINC150 + Bitext (in-distribution)
let inDistribution: unknown;
if (!existsSync(BITEXT) || !existsSync(CLINC)) {
  const missing = [BITEXT, CLINC].filter((p) => !existsSync(p));
  console.log(`\n(CLINC150/Bitext figures skipped: ${missing.join(', ')} missing; they are read from ../shared/data next to the repository)`);
  inDistribution = { error: 'dataset missing', missing };
} else {
  console.log('\n== CLINC150 + Bitext (IN-DISTRIBUTION: the classifier was trained on their dev halves) ==');
  inDistribution = clincBitext();
}

console.log(JSON.stringify({
  heldOut: { overall: main.overall, byLanguage: main.byLanguage, byTrigger, byMustNot, calibration, modes: tradeOff, targets },
  llmJudge: llm,
  outOfDistribution: ood,
  inDistribution,
}));

function clincBitext() {
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

  const idTargets = {
    explicitRecallHumanAgent: { target: 0.95, value: explicitHuman, met: explicitHuman >= 0.95 },
    falseEscalationRate: { target: 0.02, value: falseRate, met: falseRate <= 0.02 },
  };
  console.log(`targets: explicit recall on contact_human_agent ${explicitHuman} (>= 0.95 ${idTargets.explicitRecallHumanAgent.met ? 'met' : 'NOT met'}); false escalation ${falseRate} (<= 0.02 ${idTargets.falseEscalationRate.met ? 'met' : 'NOT met'})`);
  return {
    split, explicit_request: { ...explicit, recallContactHumanAgent: explicitHuman, recallContactCustomerService: recallOf(customerService, 'explicit_request') },
    sensitive_topic: { ...sensitive, recallByIntent: perSensitive }, complaint, negative_sentiment: { ...negative, negativeLabelRate: negativeLabel },
    out_of_scope: { recall: oosRecall, pairs: oosPairs.length, inScopePairRate: inScopeOos },
    falseEscalationRate: falseRate, falseEscalationRateAllInScope: falseRateAll, falseEscalationsByReason: byReason, targets: idTargets,
  };}
