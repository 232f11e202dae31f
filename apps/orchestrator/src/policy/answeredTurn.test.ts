/**
 * What the classifier may add on its own to a turn the knowledge base answered (sentences written
 * for these tests, not taken from any evaluation set).
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';

/** `decide`: the outcome of a conversation's last visitor line (`A: ` lines are the assistant's). */
const { converse: decide } = engineKit();

describe('model-only safety on an answered turn', () => {
  it('a routine question the knowledge base answered is no emergency at a middling model score; the flag says why', () => {
    const out = decide('en', 'yo whats the wifi password fr', 'bet. and where\'s the toilets');
    expect(out.intake?.intent).toBe('kb:restrooms');
    expect(out.decision.reasons.map((r) => r.code)).not.toContain('safety');
    expect(out.decision.flags).toContain('safety:classifier:answered');
  });

  it('a collapse told in a turn the knowledge base also answered still escalates when the model is sure', () => {
    const out = decide('es', '¿dónde está el ascensor? al lado hay un señor tirado en el suelo que no se mueve');
    expect(out.intake?.intent).toBe('kb:accessibility');
    expect(out.decision.escalate).toBe(true);
    expect(out.decision.reasons.map((r) => r.code)).toContain('safety');
  });

  it('on an unanswered turn the model alone still raises safety (a man following the visitor)', () => {
    const out = decide('ja', 'あの、駅からずっと知らない男の人が後ろにいて、いまも入口のところでこっちを見てるんです');
    expect(out.decision.reasons.map((r) => r.code)).toContain('safety');
  });
});
