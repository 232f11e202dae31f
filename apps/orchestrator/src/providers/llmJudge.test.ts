import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatAnswer, FakeOpenAI, openAIError } from '../../test/fakes/fakeOpenAI.ts';
import { evaluateTurn } from '../policy/evaluate.ts';
import { evaluateTurnWithJudge } from '../policy/judge.ts';
import { defaultPolicy } from '../policy/policySchema.ts';
import { JudgeAnswer, LlmEscalationJudge } from './llmJudge.ts';

const policy = defaultPolicy();
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await new FakeOpenAI().start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const judge = (timeout = 2000) => new LlmEscalationJudge({ client: new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, timeout, maxRetries: 0 }), model: 'gpt-test' });
const visitor = (text: string) => ({ turns: [{ role: 'visitor' as const, text, entryId: 'e1' }], language: 'en' as const });

describe('LLM escalation judge beside the embedded engine (real openai SDK, fake server)', () => {
  it('sends the conversation with a strict json_schema response format', async () => {
    fake.chat(chatAnswer({ escalate: false, reasons: [] }));
    await evaluateTurnWithJudge(policy, visitor('Where is the restroom?'), judge());
    const body = fake.chatBodies()[0]!;
    expect(body.model).toBe('gpt-test');
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'escalation_verdict', strict: true } });
    expect(body.messages[0]!.content).toContain('English (en)');
    expect(body.messages[1]!.content).toBe('Visitor: Where is the restroom?');
  });

  it('adds an escalation the embedded engine missed, with its evidence and department', async () => {
    const text = 'My papers for the housing office got mixed up with my late father\'s estate';
    expect(evaluateTurn(policy, visitor(text)).escalate).toBe(false);
    fake.chat(chatAnswer({ escalate: true, reasons: [{ code: 'sensitive_topic', topic: 'legal', evidence: "late father's estate", confidence: 0.8 }] }));
    const d = await evaluateTurnWithJudge(policy, visitor(text), judge());
    expect(d.escalate).toBe(true);
    expect(d.reasons).toEqual([expect.objectContaining({ code: 'sensitive_topic', evidence: expect.stringContaining('LLM judge (0.80)'), entryId: 'e1' })]);
    expect(d.skills.department).toBe('legal-affairs');
    expect(d.flags).toEqual(expect.arrayContaining(['judge:sensitive_topic', 'sensitive:legal']));
  });

  it('cannot remove a rule-based safety escalation or its staff alert', async () => {
    fake.chat(chatAnswer({ escalate: false, reasons: [] }));
    const d = await evaluateTurnWithJudge(policy, visitor('Someone collapsed by the stairs, call an ambulance!'), judge());
    expect(d).toMatchObject({ escalate: true, priority: 0, alertStaff: true });
    expect(d.reasons[0]!.code).toBe('safety');
    expect(d.flags).toContain('judge:no_escalation');
  });

  it('ignores low-confidence and disabled reasons', async () => {
    fake.chat(chatAnswer({ escalate: true, reasons: [{ code: 'explicit_request', topic: null, evidence: 'maybe', confidence: 0.3 }] }));
    const d = await evaluateTurnWithJudge(policy, visitor('What are the opening hours?'), judge());
    expect(d.escalate).toBe(false);
  });

  it.each([
    ['a 500 error', () => openAIError(500)],
    ['malformed JSON', () => ({ status: 200, json: { id: 'x', object: 'chat.completion', created: 0, model: 'gpt-test', choices: [{ index: 0, message: { role: 'assistant', content: '{not json', refusal: null }, finish_reason: 'stop', logprobs: null }] } })],
    ['an answer outside the schema', () => chatAnswer({ escalate: 'yes' })],
  ])('falls back to the embedded decision on %s', async (_name, response) => {
    fake.chat(response());
    const embedded = evaluateTurn(policy, visitor('I want to talk to a person'));
    const d = await evaluateTurnWithJudge(policy, visitor('I want to talk to a person'), judge());
    expect(d.reasons).toEqual(embedded.reasons);
    expect(d.flags).toContain('judge:failed');
  });

  it('falls back when the judge is slower than the turn budget', async () => {
    fake.chat({ ...chatAnswer({ escalate: true, reasons: [] }), delayMs: 2000 });
    const d = await evaluateTurnWithJudge(policy, visitor('Where can I park?'), judge(5000), { timeoutMs: 100 });
    expect(d.escalate).toBe(false);
    expect(d.flags).toContain('judge:failed');
  });

  it('the answer schema rejects unknown reason codes', () => {
    expect(JudgeAnswer.safeParse({ escalate: true, reasons: [{ code: 'visitor_choice', topic: null, evidence: '', confidence: 1 }] }).success).toBe(false);
  });
});
