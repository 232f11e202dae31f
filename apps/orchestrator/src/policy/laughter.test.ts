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
    ["cette file d'attente va me tuer, c'est quel numéro maintenant ?", 'fr'],
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
