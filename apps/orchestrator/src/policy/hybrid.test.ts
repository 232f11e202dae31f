import { describe, expect, it } from 'vitest';
import { answeredFragment, MODE_THRESHOLDS, modelTurn, RELAX_SHARE, RELAXED_MODE, sentenceMax, thresholdsFor } from './hybrid.ts';
import { defaultClassifier } from './model/classifier.ts';
import { EscalationClassifier } from './model/classifier.ts';
import { MODEL_LABELS, type ModelLabel } from './model/labels.ts';
import { evaluateTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';

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

  it("the policy file's override wins; safety is vetoed only below the model's safetyVeto, never in favour_recall", () => {
    const clf = withPoints({ balanced: { legal: 0.75, safety: 0.9 }, favour_recall: { safety: 0.3 } });
    const veto = clf.meta.safetyVeto!;
    expect(veto).toBeGreaterThan(0);
    expect(veto).toBeLessThanOrEqual(0.05);
    expect(thresholdsFor({ ...balanced, thresholds: { legal: { fire: 0.6 } } }, 'legal', clf).fire).toBe(0.6);
    // Safety takes the cut of the next mode toward recall (favour_recall's point, floored by its preset).
    expect(thresholdsFor(balanced, 'safety', clf)).toEqual({ fire: Math.max(0.3, MODE_THRESHOLDS.favour_recall.rare.fire!), veto });
    expect(thresholdsFor({ ...balanced, thresholds: { safety: { fire: 0.9 } } }, 'safety', clf).fire).toBe(0.9);
    expect(thresholdsFor({ enabled: true, mode: 'favour_recall' }, 'safety', clf).veto).toBeNull();
    expect(thresholdsFor({ ...balanced, thresholds: { safety: { veto: 0 } } }, 'safety', clf).veto).toBe(0);
    // A model without the field (older model.json) never vetoes a safety hit.
    const old = Object.assign(Object.create(Object.getPrototypeOf(clf)) as EscalationClassifier, clf, { meta: { ...clf.meta, safetyVeto: undefined } });
    expect(thresholdsFor(balanced, 'safety', old).veto).toBeNull();
  });

  it('the committed model carries operating points for every mode and label', () => {
    const points = EscalationClassifier.load().meta.operatingPoints!;
    for (const mode of ['favour_recall', 'balanced', 'favour_precision'] as const) expect(Object.keys(points[mode]).length).toBe(13);
  });
});

describe('two-turn window for sensitive topics', () => {
  /** A stand-in classifier: `scoreOf` gives the probabilities that differ from 0.01. */
  function fake(scoreOf: (text: string) => Partial<Record<ModelLabel, number>>): EscalationClassifier {
    const low = Object.fromEntries(MODEL_LABELS.map((l) => [l, 0.01])) as Record<ModelLabel, number>;
    return { meta: { operatingPoints: undefined }, score: (t: string) => ({ ...low, ...scoreOf(t) }), explain: () => ['~bill~'] } as unknown as EscalationClassifier;
  }
  const both = (t: string) => t.includes('letter') && t.includes('paid');
  const clf = fake((t) => (both(t) ? { billing_dispute: 0.9, request_person: 0.9 } : { billing_dispute: 0.2 }));
  const policy = defaultPolicy();

  it('a topic told over two visitor turns fires on the window and says so', () => {
    const m = modelTurn(policy, 'It says I owe 300 but I paid in March', { language: 'en', hits: [], classifier: clf, previous: 'I got a letter about my water bill' })!;
    expect(m.scores.billing_dispute).toBe(0.2);
    expect(m.fires('billing_dispute')).toBe(true);
    expect(m.strength('billing_dispute')).toBe(0.9);
    expect(m.cite('billing_dispute')).toBe('classifier billing_dispute 0.90 over the last two visitor turns (~bill~)');
  });

  it('only sensitive topics use the window, and only with a previous turn', () => {
    const m = modelTurn(policy, 'It says I owe 300 but I paid in March', { language: 'en', hits: [], classifier: clf, previous: 'I got a letter about my water bill' })!;
    expect(m.fires('request_person')).toBe(false);
    const alone = modelTurn(policy, 'It says I owe 300 but I paid in March', { language: 'en', hits: [], classifier: clf })!;
    expect(alone.fires('billing_dispute')).toBe(false);
    expect(alone.strength('billing_dispute')).toBe(0.2);
  });

  it('evaluateTurn escalates on the window with the topic, department and evidence', () => {
    const turns = [
      { role: 'visitor' as const, text: 'I got a letter about my water bill' },
      { role: 'assistant' as const, text: 'Water bills are paid at counter 4.' },
      { role: 'visitor' as const, text: 'It says I owe 300 but I paid in March' },
    ];
    expect(evaluateTurn(policy, { turns: turns.slice(0, 1), language: 'en', classifier: clf }).escalate).toBe(false);
    const d = evaluateTurn(policy, { turns, language: 'en', classifier: clf });
    expect(d.reasons.map((r) => r.code)).toEqual(['sensitive_topic']);
    expect(d.flags).toContain('sensitive:billing_dispute');
    expect(d.reasons[0]!.evidence).toContain('over the last two visitor turns');
    expect(d.confidence).toBe(0.9);
  });
});

describe('a turn the knowledge base cannot answer relaxes the model cut (relaxWhenUnanswered)', () => {
  const low = Object.fromEntries(MODEL_LABELS.map((l) => [l, 0.01])) as Record<ModelLabel, number>;
  const plain = EscalationClassifier.load();
  // A stand-in with the committed model's operating points and a legal score between the two cuts.
  const balancedCut = thresholdsFor({ enabled: true, mode: 'balanced' }, 'legal', plain).fire!;
  const recallCut = thresholdsFor({ enabled: true, mode: 'favour_recall' }, 'legal', plain).fire!;
  const between = balancedCut - (RELAX_SHARE * (balancedCut - recallCut)) / 2;
  const clf = { meta: plain.meta, score: () => ({ ...low, legal: between }), explain: () => [] } as unknown as EscalationClassifier;
  const text = 'They want to take me to court over the flat';

  it('fires only on the unanswered turn, and says why', () => {
    expect(recallCut).toBeLessThan(balancedCut);
    expect(modelTurn(defaultPolicy(), text, { language: 'en', hits: [], classifier: clf })!.fires('legal')).toBe(false);
    const m = modelTurn(defaultPolicy(), text, { language: 'en', hits: [], classifier: clf, unanswered: true })!;
    expect(m.fires('legal')).toBe(true);
    expect(m.cite('legal')).toContain('favour_recall cut as the turn is unanswered');
  });

  it('the policy file can turn it off, and favour_recall has nothing to relax to', () => {
    const off = { ...defaultPolicy(), classifier: { enabled: true, mode: 'balanced' as const, relaxWhenUnanswered: false } };
    expect(modelTurn(off, text, { language: 'en', hits: [], classifier: clf, unanswered: true })!.fires('legal')).toBe(false);
    expect(RELAXED_MODE.favour_recall).toBe('favour_recall');
    expect(RELAXED_MODE.favour_precision).toBe('balanced');
  });
});

describe('a request the model adds alone in a turn with reported speech or past contact', () => {
  const low = Object.fromEntries(MODEL_LABELS.map((l) => [l, 0.01])) as Record<ModelLabel, number>;
  const clf = { meta: { operatingPoints: undefined }, score: () => ({ ...low, request_person: 0.6 }), explain: () => [] } as unknown as EscalationClassifier;
  const policy = defaultPolicy();

  it('needs the favour_precision cut', () => {
    expect(MODE_THRESHOLDS.balanced.common.fire).toBeLessThan(0.6);
    expect(MODE_THRESHOLDS.favour_precision.common.fire).toBeGreaterThan(0.6);
    expect(modelTurn(policy, 'could someone from reception come over', { language: 'en', hits: [], classifier: clf })!.fires('request_person')).toBe(true);
    expect(modelTurn(policy, 'I already spoke with someone at reception, where is counter 4', { language: 'en', hits: [], classifier: clf })!.fires('request_person')).toBe(false);
    // Negation alone does not raise the cut (Korean and Japanese requests often carry 안 / ない).
    expect(modelTurn(policy, '직원 좀 불러 주시면 안 될까요', { language: 'ko', hits: [], classifier: clf })!.fires('request_person')).toBe(true);
  });

  it('adds no reason on its own to a turn without a word ("b", "no", "x x")', () => {
    for (const text of ['b', 'no', 'x x', 'b b', '?']) {
      const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text }], language: 'en' });
      expect(d.reasons, text).toEqual([]);
    }
    // A real one-word emergency is still found (by the lexicon), and two CJK characters count as a word.
    expect(evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text: 'Fire!' }], language: 'en' }).reasons.map((r) => r.code)).toContain('safety');
    expect(evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text: '火事' }], language: 'ja' }).reasons.map((r) => r.code)).toContain('safety');
  });
});


describe('sentences scored alone (sentenceMax)', () => {
  const clf = defaultClassifier();
  const request = 'Could you get someone from the pension section to come over?';
  const context = "I've got a question about my contribution history that I think only they can answer.";

  it('a request followed by context keeps the request sentence\'s score, and the turn escalates', () => {
    const whole = clf.score(`${request} ${context}`, { language: 'en' }).request_person;
    const alone = clf.score(request, { language: 'en' }).request_person;
    expect(alone).toBeGreaterThan(whole);
    expect(sentenceMax(clf, `${request} ${context}`, { language: 'en' }).request_person).toBe(alone);
    const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text: `${request} ${context}` }], language: 'en' });
    expect(d.reasons.map((r) => r.code)).toContain('explicit_request');
  });

  it('a turn with a negation or reported speech keeps its whole-turn score', () => {
    for (const [text, lang] of [
      ['別に誰かと話したいわけじゃないです。ただ今日何時まで開いてるか知りたいだけで', 'ja'],
      ['The clerk said I should talk to someone at counter 3. Where is counter 3?', 'en'],
    ] as const) {
      expect(sentenceMax(clf, text, { language: lang })).toEqual(clf.score(text, { language: lang }));
    }
    expect(evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text: '別に誰かと話したいわけじゃないです。ただ今日何時まで開いてるか知りたいだけで' }], language: 'ja' }).escalate).toBe(false);
  });

  it('one sentence: the whole-turn score', () => {
    expect(sentenceMax(clf, request, { language: 'en' })).toEqual(clf.score(request, { language: 'en' }));
  });
});

describe('answeredFragment', () => {
  it('is one word (or at most 6 CJK characters) in a turn the knowledge base answered', () => {
    expect(answeredFragment('passwort', false)).toBe(true);
    expect(answeredFragment('¿contraseña?', false)).toBe(true);
    expect(answeredFragment('密码？', false)).toBe(true);
    expect(answeredFragment('비밀번호는요', false)).toBe(true);
    // Unanswered or unknown turns, two words, longer CJK runs and mixed text are not.
    expect(answeredFragment('passwort', true)).toBe(false);
    expect(answeredFragment('passwort', undefined)).toBe(false);
    expect(answeredFragment('PIN gesperrt', false)).toBe(false);
    expect(answeredFragment('暗証番号がロックされた', false)).toBe(false);
    expect(answeredFragment('wifi 密码', false)).toBe(false);
  });
});
