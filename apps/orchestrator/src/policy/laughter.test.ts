/**
 * Safety words in a turn that laughs (sentences written for these tests, not taken from any
 * evaluation set): a joke about the queue is no emergency; the same words without the laugh, and
 * real danger told with a nervous laugh, still are.
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';
import { defaultPolicy, parsePolicy } from './policySchema.ts';

const { decide } = engineKit();

describe('safety words in a laughing turn', () => {
  it.each([
    ["cette file d'attente va me tuer mdr, c'est quel numéro maintenant ?", 'fr'],
    ['等号等得我要疯了哈哈，救命啊，现在到几号了', 'zh'],
  ] as const)('%s (%s): a joke, vetoed as a lookalike', (text, lang) => {
    const d = decide(text, lang);
    expect(d.reasons.map((r) => r.code)).not.toContain('safety');
    expect(d.flags).toContain('scope:lookalike');
  });

  it.each([
    ['救命啊，现在到几号了', 'zh'],
    ["haha help, a man outside keeps following me and won't leave", 'en'],
    ["lol a guy by the door just pulled a knife on someone", 'en'],
  ] as const)('%s (%s): still safety', (text, lang) => {
    expect(decide(text, lang).reasons.map((r) => r.code)).toContain('safety');
  });

  it('favour_recall never vetoes a safety word, laughing or not', () => {
    const raw = JSON.parse(JSON.stringify(defaultPolicy()));
    const recall = parsePolicy({ ...raw, classifier: { enabled: true, mode: 'favour_recall' } });
    expect(decide("cette file d'attente va me tuer mdr, c'est quel numéro maintenant ?", 'fr', recall).reasons.map((r) => r.code)).toContain('safety');
  });
});

describe('a sweat smile beside a safety word', () => {
  it('is a hyperbole when the model does not read danger', () => {
    const d = decide('this queue is going to kill me 😅 what number are you on?', 'en');
    expect(d.reasons.map((r) => r.code)).not.toContain('safety');
    expect(d.flags).toContain('scope:lookalike');
  });
  it('German "das Warten bringt mich noch um" is no safety word at all (a neutral idiom since dev16)', () => {
    const d = decide('Das Warten hier bringt mich noch um 😅 wann ist die 112 dran?', 'de');
    expect(d.reasons.map((r) => r.code)).not.toContain('safety');
    expect(d.flags.some((f) => f.startsWith('safety'))).toBe(false);
  });
  it('real danger with a sweat smile still escalates', () => {
    expect(decide('😅 sorry but there is a man with a knife at the entrance, he is threatening people', 'en').reasons.map((r) => r.code)).toContain('safety');
  });
});

describe("the model's frustration in a laughing turn", () => {
  it('needs REPORTED_MIN_CUT: a joke about the wait is no frustration', () => {
    for (const text of ['this wait is absolutely destroying me lol, roughly how long per ticket?', 'ticket 212 and this line is murdering me 😂 how many minutes each?']) {
      expect(decide(text, 'en').reasons.map((r) => r.code)).not.toContain('negative_sentiment');
    }
  });
  it('real anger with a laugh still escalates', () => {
    expect(decide("lol unbelievable, third time you people lost my papers, this is a disgrace and I'm furious", 'en').reasons.map((r) => r.code)).toContain('negative_sentiment');
  });
});

describe('a safety word inside a question the knowledge base answered', () => {
  // The French line was this file's "still safety" twin of the laughing one until 2026-12-07:
  // without the laugh, the knowledge base answers it (number tickets) and the model reads no danger.
  it.each([
    ['ごみの分別を教えてください。包丁は何ごみ？スプレー缶は穴をあけないと火事になるって本当？', 'ja'],
    ["cette file d'attente va me tuer, c'est quel numéro maintenant ?", 'fr'],
  ] as const)('%s (%s): part of the routine question when the model does not read danger', (text, lang) => {
    const d = decide(text, lang);
    expect(d.reasons.map((r) => r.code)).not.toContain('safety');
    expect(d.flags).toContain('scope:lookalike');
  });
  it('not when the knowledge base only just answered (below ANSWERED_SAFETY_MIN_CONFIDENCE) or only found a near article', () => {
    expect(decide('古い包丁ってどうやって捨てればいいですか？スプレー缶は穴をあけないと火事になるって本当ですか', 'ja').reasons.map((r) => r.code)).toContain('safety');
  });
  it('an emergency told beside a routine question still escalates', () => {
    expect(decide('トイレはどこですか？男の人が包丁を持って叫んでいます、助けて', 'ja').reasons.map((r) => r.code)).toContain('safety');
  });
});

