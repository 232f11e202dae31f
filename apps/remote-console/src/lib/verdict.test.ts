import { describe, expect, it } from 'vitest';
import { entry, handoff } from '../client/fixtures.test-util.ts';
import { assistantLines, initialVerdictForm, verdictFromForm } from './verdict.ts';

describe('wrap-up verdict form', () => {
  it('needs only the escalation choice; answers and package default to none and enough', () => {
    expect(verdictFromForm(initialVerdictForm)).toEqual({ ok: false, problem: 'escalation' });
    expect(verdictFromForm({ ...initialVerdictForm, escalation: 'right' })).toEqual({ ok: true, verdict: { escalation: 'right', answers: 'none', wrongEntryIds: [], package: 'enough' } });
  });

  it('sends wrong lines only with wrong answers and the missing text only with a missing package', () => {
    const f = { escalation: 'earlier' as const, answers: 'right' as const, wrongEntryIds: ['x'], package: 'enough' as const, missing: 'case number' };
    expect(verdictFromForm(f)).toEqual({ ok: true, verdict: { escalation: 'earlier', answers: 'right', wrongEntryIds: [], package: 'enough' } });
    expect(verdictFromForm({ ...f, answers: 'wrong', package: 'missing', missing: '  the case number  ' })).toEqual({
      ok: true,
      verdict: { escalation: 'earlier', answers: 'wrong', wrongEntryIds: ['x'], package: 'missing', missing: 'the case number' },
    });
    expect(verdictFromForm({ ...f, package: 'missing', missing: ' ' }).ok && verdictFromForm({ ...f, package: 'missing', missing: ' ' })).not.toHaveProperty('verdict.missing');
  });

  it('lists the assistant lines of the handoff transcript', () => {
    const h = handoff({ transcript: [entry(1, { speaker: 'assistant' }), entry(2), entry(3, { speaker: 'assistant' }), entry(4, { speaker: 'system' })] });
    expect(assistantLines(h).map((e) => e.seq)).toEqual([1, 3]);
  });
});
