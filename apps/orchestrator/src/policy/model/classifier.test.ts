import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR, EscalationClassifier, ModelError, type ModelMeta } from './classifier.ts';
import { FEATURE_VERSION, featureStrings, featurize } from './features.ts';
import { MODEL_LABELS } from './labels.ts';
import { spliceLabel, trainClassifier, type TrainingExample } from './train.ts';

const smoke = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'smoke.json'), 'utf8')) as {
  weightsSha256: string;
  cases: { text: string; scores: Record<string, number> }[];
};

describe('committed escalation classifier', () => {
  const clf = EscalationClassifier.load();

  it('loads the committed weights (checksum, labels, size) in well under a second', () => {
    const t0 = performance.now();
    const again = EscalationClassifier.load();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(again.meta.weightsSha256).toBe(smoke.weightsSha256);
    expect(again.meta.labels).toEqual([...MODEL_LABELS]);
  });

  it('scores the fixed smoke set exactly as when it was trained', () => {
    for (const c of smoke.cases) expect(clf.score(c.text), c.text).toEqual(c.scores);
  });

  it('tells requests from negated requests in all eight languages', () => {
    const pairs: [string, string][] = [
      ['I want to talk to a real person', "I don't need a person, just the opening hours"],
      ['職員と話したいです', '人は呼ばなくていいです、地図だけ見せてください'],
      ['我要找人工服务', '不用叫人，停车场在哪'],
      ['Quiero hablar con una persona', 'No necesito a nadie, solo el horario'],
      ['상담원 연결해 주세요', '직원은 필요 없어요, 화장실 어디예요'],
      ['Je voudrais parler à un conseiller', "Je n'ai besoin de personne, juste les horaires"],
      ['Ich möchte mit einem Mitarbeiter sprechen', 'Ich brauche keinen Mitarbeiter, nur die Öffnungszeiten'],
      ['Quero falar com um atendente', 'Não preciso de ninguém, só o horário'],
    ];
    for (const [ask, negated] of pairs) {
      expect(clf.score(ask).request_person, ask).toBeGreaterThan(0.9);
      expect(clf.score(negated).request_person, negated).toBeLessThan(0.5);
    }
  });

  it('explains a score with readable features', () => {
    const why = clf.explain('I want to talk to a real person', 'request_person');
    expect(why.length).toBeGreaterThan(0);
    expect(why.join(' ')).toMatch(/lexicon requestPerson|talk|person/);
  });

  it('refuses a corrupt weights file, naming the problem', () => {
    const meta = { ...clf.meta };
    expect(() => new EscalationClassifier(meta, new Int8Array(10))).toThrow(ModelError);
    expect(() => new EscalationClassifier({ ...meta, featureVersion: 99 }, new Int8Array(meta.buckets * MODEL_LABELS.length))).toThrow(/featureVersion/);
  });
});

describe('features and training', () => {
  it('marks negation and reported-speech scopes in Latin and CJK text', () => {
    expect(featureStrings("I don't need a person")).toContain('n:need');
    expect(featureStrings('the clerk told me to ask you')).toContain('r:me');
    expect(featureStrings('不用叫人').some((f) => f.startsWith('n:'))).toBe(true);
    expect(featureStrings('窓口の人に言われました').some((f) => f.startsWith('r:'))).toBe(true);
  });

  it('gives unit-length vectors with sorted indices', () => {
    const v = featurize('Where is the restroom?', 1 << 12);
    expect([...v.indices]).toEqual([...v.indices].sort((a, b) => a - b));
    expect(Math.hypot(...v.values)).toBeCloseTo(1, 5);
  });

  it('training is deterministic: same examples and seed give byte-identical weights', () => {
    const examples: TrainingExample[] = [
      { text: 'I want to talk to a person', labels: ['request_person'] },
      { text: "I don't need a person", labels: [] },
      { text: 'where is the restroom', labels: [] },
      { text: 'this is ridiculous', labels: ['frustration'] },
      { text: '人と話したい', labels: ['request_person'] },
      { text: 'I was charged twice', labels: ['billing_dispute'] },
    ];
    const opts = { buckets: 1 << 10, epochs: 5, learningRate: 0.5, l2: 3e-4, seed: 7, maxPositiveWeight: 4 };
    const a = trainClassifier(examples, opts);
    const b = trainClassifier(examples, opts);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(a.bias).toEqual(b.bias);
    expect(a.scale).toEqual(b.scale);
    const c = trainClassifier(examples, { ...opts, seed: 8 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
  });

  it('an example judged for some labels only is neither positive nor negative for the others', () => {
    const base: TrainingExample[] = [
      { text: 'this is ridiculous', labels: ['frustration'] },
      { text: 'this is absurd and ridiculous', labels: ['frustration'] },
      { text: 'where is the restroom', labels: [] },
      { text: 'I want to talk to a person', labels: ['request_person'] },
    ];
    const turn = 'this is ridiculous, get me a manager';
    const opts = { buckets: 1 << 10, epochs: 5, learningRate: 0.5, l2: 3e-4, seed: 7, maxPositiveWeight: 4 };
    const unmasked = trainClassifier([...base, { text: turn, labels: ['request_person'] }], opts);
    const masked = trainClassifier([...base, { text: turn, labels: ['request_person'], judgedFor: ['request_person'] }], opts);
    const L = MODEL_LABELS.length;
    const r = MODEL_LABELS.indexOf('request_person');
    const f = MODEL_LABELS.indexOf('frustration');
    // The column it was judged for is trained exactly as without the mask...
    for (let i = r; i < masked.weights.length; i += L) expect(masked.weights[i]).toBe(unmasked.weights[i]);
    expect(masked.bias[r]).toBe(unmasked.bias[r]);
    // ...and the frustration column no longer learns that the turn is no frustration.
    const score = (m: typeof masked) => {
      const clf = new EscalationClassifier({ format: 'telekiosk-escalation-linear', featureVersion: FEATURE_VERSION, buckets: m.buckets, labels: [...MODEL_LABELS], bias: m.bias, scale: m.scale, weightsFile: '', weightsSha256: '', training: {} } as unknown as ModelMeta, m.weights);
      return clf.score(turn, { language: 'en' }).frustration;
    };
    expect(score(masked)).toBeGreaterThan(score(unmasked) + 0.05);
    expect(masked.bias[f]).not.toBe(unmasked.bias[f]);
  });

  it('splices one label column from a fit on a subset, leaving every other column as trained', () => {
    const judged: TrainingExample[] = [
      { text: 'a man collapsed and is not breathing', labels: ['safety'] },
      { text: 'where is the smoke detector leaflet', labels: [] },
      { text: 'I want to talk to a person', labels: ['request_person'] },
    ];
    const more: TrainingExample[] = [{ text: 'please fix my date of birth in the record', labels: ['restricted_action'] }];
    const opts = { buckets: 1 << 10, epochs: 5, learningRate: 0.5, l2: 3e-4, seed: 7, maxPositiveWeight: 4 };
    const all = trainClassifier([...judged, ...more], opts);
    const before = Int8Array.from(all.weights);
    const subset = trainClassifier(judged, opts);
    spliceLabel(all, subset, 'safety');
    const L = MODEL_LABELS.length;
    const s = MODEL_LABELS.indexOf('safety');
    let changed = 0;
    for (let i = 0; i < all.weights.length; i++) {
      if (i % L === s) expect(all.weights[i]).toBe(subset.weights[i]);
      else expect(all.weights[i]).toBe(before[i]);
      if (all.weights[i] !== before[i]) changed++;
    }
    expect(changed).toBeGreaterThan(0);
    expect(all.bias[s]).toBe(subset.bias[s]);
    expect(all.scale[s]).toBe(subset.scale[s]);
    expect(() => spliceLabel(all, trainClassifier(judged, { ...opts, buckets: 1 << 9 }), 'safety')).toThrow(/different bucket counts/);
  });
});
