import OpenAI from 'openai';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatAnswer, chatToolCalls, FakeOpenAI, openAIError } from '../../test/fakes/fakeOpenAI.ts';
import { DEFAULT_KNOWLEDGE_BASE_PATH, KnowledgeBase } from '../intake/knowledgeBase.ts';
import { embeddedIntakeFromFile } from '../intakeAdapter.ts';
import { CollectableField, ModelReasonCode, type IntakeInput } from './intakeSchema.ts';
import { LlmIntake, type LlmIntakeOptions } from './llmIntake.ts';

const kb = KnowledgeBase.fromFile(DEFAULT_KNOWLEDGE_BASE_PATH);
const embedded = embeddedIntakeFromFile(DEFAULT_KNOWLEDGE_BASE_PATH);
const logger = pino({ level: 'silent' });
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await new FakeOpenAI().start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function makeIntake(opts: Partial<LlmIntakeOptions> & { timeout?: number; maxRetries?: number; baseURL?: string } = {}) {
  const { timeout = 2000, maxRetries = 0, baseURL = fake.baseURL, ...rest } = opts;
  const client = new OpenAI({ apiKey: 'sk-test-key', baseURL, timeout, maxRetries });
  return new LlmIntake({ client, model: 'gpt-test', kb, embedded, logger, ...rest });
}

/** A valid final answer; override fields per test. */
function answer(over: Record<string, unknown> = {}) {
  return {
    reply: 'La oficina abre de 8:30 a 17:15, de lunes a viernes.',
    intent: 'kb:office-hours',
    category: 'hours',
    sentiment: 'neutral',
    urgency: 'normal',
    confidence: 0.92,
    escalate: null,
    ...over,
  };
}

const esInput: IntakeInput = {
  text: '¿A qué hora abre la oficina?',
  language: 'es',
  history: [
    { role: 'visitor', text: 'Hola' },
    { role: 'assistant', text: '¡Hola! ¿En qué puedo ayudarle?' },
  ],
};

describe('LlmIntake tool round trip', () => {
  it('searches the knowledge base, then returns the structured answer in the visitor language', async () => {
    fake.chat(chatToolCalls([{ name: 'search_knowledge_base', arguments: { query: 'horario de la oficina' }, id: 'call_kb1' }]), chatAnswer(answer()));
    const turn = await makeIntake().respond(esInput);

    expect(turn).toMatchObject({
      reply: answer().reply,
      intent: 'kb:office-hours',
      confidence: 0.92,
      escalation: null,
      collectedFields: {},
      analysis: { sentiment: 'neutral', urgency: 'normal', confidence: 0.92, category: 'hours' },
      provider: 'openai',
      degraded: false,
      degradedReason: null,
    });
    expect(turn.articles[0]).toMatchObject({ id: 'office-hours', title: kb.get('office-hours')!.content.es.title });

    const [first, second] = fake.chatBodies();
    expect(fake.chatBodies()).toHaveLength(2);
    expect(fake.requestsTo('chat')[0]!.headers.authorization).toBe('Bearer sk-test-key');
    // request 1: model, system prompt with office and language, history, current text
    expect(first!.model).toBe('gpt-test');
    expect(first!.messages[0]!.role).toBe('system');
    expect(first!.messages[0]!.content).toContain('Harbor City Office');
    expect(first!.messages[0]!.content).toContain('Spanish (es)');
    expect(first!.messages.slice(1).map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hola'],
      ['assistant', '¡Hola! ¿En qué puedo ayudarle?'],
      ['user', esInput.text],
    ]);
    // tools and their strict JSON schemas
    expect(first!.tool_choice).toBe('auto');
    const tools = Object.fromEntries(first!.tools!.map((t) => [t.function.name, t.function]));
    expect(Object.keys(tools)).toEqual(['search_knowledge_base', 'collect_field', 'escalate']);
    for (const t of Object.values(tools)) {
      expect(t.strict).toBe(true);
      expect(t.parameters).toMatchObject({ type: 'object', additionalProperties: false });
    }
    expect(tools.search_knowledge_base!.parameters).toMatchObject({ properties: { query: { type: 'string' } }, required: ['query'] });
    expect(tools.collect_field!.parameters).toMatchObject({
      properties: { name: { type: 'string', enum: CollectableField.options }, value: { type: 'string' } },
      required: ['name', 'value'],
    });
    const reasonEnum = (tools.escalate!.parameters as { properties: { reason_code: { enum: string[] } } }).properties.reason_code.enum;
    expect(reasonEnum).toEqual(ModelReasonCode.options);
    expect(reasonEnum).toContain('safety');
    expect(reasonEnum).not.toContain('visitor_choice');
    // structured output
    expect(first!.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'intake_turn', strict: true } });
    const schema = first!.response_format!.json_schema!.schema as { required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(schema.required.sort()).toEqual(['category', 'confidence', 'escalate', 'intent', 'reply', 'sentiment', 'urgency']);
    expect(schema.properties.sentiment!.enum).toEqual(['negative', 'neutral', 'positive']);
    expect(schema.properties.urgency!.enum).toEqual(['low', 'normal', 'high', 'critical']);
    // request 2 carries the tool call and its local result (Spanish article text)
    const toolCallMsg = second!.messages.find((m) => m.role === 'assistant' && m.tool_calls);
    expect(toolCallMsg!.tool_calls![0]).toMatchObject({ id: 'call_kb1', function: { name: 'search_knowledge_base' } });
    const toolMsg = second!.messages.find((m) => m.role === 'tool')!;
    expect(toolMsg.tool_call_id).toBe('call_kb1');
    const results = JSON.parse(toolMsg.content!).results as { id: string; title: string; answer: string; score: number }[];
    expect(results[0]).toMatchObject({ id: 'office-hours', title: kb.get('office-hours')!.content.es.title, answer: kb.get('office-hours')!.content.es.answer });
  });

  it('records collect_field and escalate tool calls; bad tool arguments are reported to the model', async () => {
    fake.chat(
      chatToolCalls([
        { name: 'collect_field', arguments: { name: 'case_number', value: ' HC-2024-118 ' } },
        { name: 'collect_field', arguments: { name: 'name', value: 'Ana Souza' } },
        { name: 'collect_field', arguments: { name: 'password', value: 'x' } },
        { name: 'escalate', arguments: { reason_code: 'policy_exception', evidence: 'Visitor asks to waive the late fee: "can you skip the fee?"' } },
      ]),
      chatAnswer(answer({ reply: 'Le conecto con una persona.', intent: 'fee_waiver', category: null, sentiment: 'negative', urgency: 'high', confidence: 0.8 })),
    );
    const turn = await makeIntake().respond({ text: 'Mi caso es HC-2024-118, soy Ana Souza. ¿Pueden quitarme la multa?', language: 'es', history: [] });
    expect(turn.collectedFields).toEqual({ case_number: 'HC-2024-118', name: 'Ana Souza' });
    expect(turn.escalation).toEqual({ reason: 'policy_exception', evidence: 'Visitor asks to waive the late fee: "can you skip the fee?"' });
    expect(turn.analysis).toEqual({ sentiment: 'negative', urgency: 'high', confidence: 0.8, category: null });
    expect(turn.provider).toBe('openai');
    const toolResults = fake.chatBodies()[1]!.messages.filter((m) => m.role === 'tool').map((m) => JSON.parse(m.content!));
    expect(toolResults[0]).toEqual({ ok: true });
    expect(toolResults[2].error).toMatch(/name/);
    expect(toolResults[3].ok).toBe(true);
  });

  it('takes the escalation from the structured answer (safety, critical)', async () => {
    fake.chat(
      chatAnswer(
        answer({
          reply: '助けを呼びます。その場でお待ちください。',
          intent: 'emergency',
          category: null,
          sentiment: 'negative',
          urgency: 'critical',
          confidence: 0.97,
          escalate: { reason: 'safety', evidence: 'Visitor said "胸が痛い" (chest pain).' },
        }),
      ),
    );
    const turn = await makeIntake().respond({ text: '胸が痛いです', language: 'ja', history: [] });
    expect(turn.escalation).toEqual({ reason: 'safety', evidence: 'Visitor said "胸が痛い" (chest pain).' });
    expect(turn.analysis.urgency).toBe('critical');
    expect(fake.chatBodies()[0]!.messages[0]!.content).toContain('Japanese (ja)');
  });

  it('bounds tool rounds: after maxToolRounds the final request forbids tools', async () => {
    const search = () => chatToolCalls([{ name: 'search_knowledge_base', arguments: { query: 'parking' } }]);
    fake.chat(search(), search(), chatAnswer(answer({ reply: 'Parking is behind the building.', intent: 'kb:parking', category: 'facilities' })));
    const turn = await makeIntake({ maxToolRounds: 2 }).respond({ text: 'Where can I park?', language: 'en', history: [] });
    expect(turn.provider).toBe('openai');
    expect(fake.chatBodies().map((b) => b.tool_choice)).toEqual(['auto', 'auto', 'none']);
  });

  it('falls back when the model keeps calling tools past the limit', async () => {
    const search = () => chatToolCalls([{ name: 'search_knowledge_base', arguments: { query: 'parking' } }]);
    fake.chat(search(), search());
    const turn = await makeIntake({ maxToolRounds: 1 }).respond({ text: 'Where can I park?', language: 'en', history: [] });
    expect(turn).toMatchObject({ provider: 'embedded', degraded: true });
    expect(turn.degradedReason).toMatch(/bad_response: tool calls after the limit of 1/);
  });

  it('searches the Korean articles for a Korean visitor (the knowledge base has all eight languages) and says Korean in the prompt', async () => {
    fake.chat(
      chatToolCalls([{ name: 'search_knowledge_base', arguments: { query: 'garbage collection days' } }]),
      chatAnswer(answer({ reply: '쓰레기 수거일은 지역마다 다릅니다.', intent: 'kb:garbage-collection-days', category: 'garbage' })),
    );
    const turn = await makeIntake().respond({ text: '쓰레기 수거일이 언제예요?', language: 'ko', history: [] });
    expect(fake.chatBodies()[0]!.messages[0]!.content).toContain('Korean (ko)');
    const results = JSON.parse(fake.chatBodies()[1]!.messages.find((m) => m.role === 'tool')!.content!).results;
    expect(results[0].title).toBe(kb.get('garbage-collection-days')!.content.ko.title);
    expect(turn.articles[0]!.id).toBe('garbage-collection-days');
    expect(turn.analysis.category).toBe('garbage');
  });

  it('does not trust an intent naming an article that does not exist', async () => {
    fake.chat(chatAnswer(answer({ intent: 'kb:passport-renewal', category: 'passports' })));
    const turn = await makeIntake().respond({ text: 'Passport renewal?', language: 'en', history: [] });
    expect(turn.intent).toBe('unknown');
    expect(turn.articles).toEqual([]);
  });

  it('retries a 500 when maxRetries allows (SDK retry)', async () => {
    fake.chat({ ...openAIError(500), headers: { 'retry-after-ms': '10' } }, chatAnswer(answer()));
    const turn = await makeIntake({ maxRetries: 1 }).respond(esInput);
    expect(turn.provider).toBe('openai');
    expect(fake.requestsTo('chat')).toHaveLength(2);
  });
});

describe('LlmIntake fallback to the embedded engine', () => {
  const input: IntakeInput = { text: 'What are your opening hours?', language: 'en', history: [] };
  const expected = async () => embedded.respond(input);

  const cases: [string, () => void, RegExp, Partial<Parameters<typeof makeIntake>[0]>?][] = [
    ['timeout', () => fake.chat({ ...chatAnswer(answer()), delayMs: 1500 }), /^openai timeout: no answer within 150 ms/, { timeout: 150 }],
    ['429', () => fake.chat(openAIError(429, 'Rate limit reached')), /^openai rate_limited: /],
    ['500', () => fake.chat(openAIError(500)), /^openai unavailable: HTTP 500/],
    ['401', () => fake.chat(openAIError(401, 'Incorrect API key')), /^openai auth: authentication failed \(HTTP 401\)/],
    ['malformed JSON content', () => fake.chat(chatAnswer('{"reply": "half')), /^openai bad_response: malformed JSON in structured answer/],
    ['schema-invalid answer', () => fake.chat(chatAnswer(answer({ confidence: 7, urgency: 'extreme' }))), /^openai bad_response: structured answer fails the schema: .*(urgency|confidence)/],
    ['missing fields', () => fake.chat(chatAnswer({ reply: 'hi' })), /^openai bad_response: structured answer fails the schema/],
    ['empty reply', () => fake.chat(chatAnswer(answer({ reply: '   ' }))), /^openai bad_response: invalid structured answer: reply: empty/],
    ['refusal', () => fake.chat({ json: { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help' }, finish_reason: 'stop' }] } }), /^openai bad_response: refused/],
    ['truncated', () => fake.chat(chatAnswer(answer(), { finishReason: 'length' })), /^openai bad_response: answer truncated/],
    ['malformed HTTP body', () => fake.chat({ body: '{"id": "chatcmpl-1", "choi' }), /^openai bad_response: malformed JSON/],
    ['connection hang-up', () => fake.chat({ hangUp: true }), /^openai unavailable: connection failed/],
  ];

  it.each(cases)('%s -> embedded answer, degraded with the reason', async (_name, script, reason, opts) => {
    script();
    const turn = await makeIntake(opts).respond(input);
    const emb = await expected();
    expect(turn).toMatchObject({ provider: 'embedded', degraded: true, reply: emb.reply, intent: emb.intent, escalation: emb.escalation, collectedFields: {} });
    expect(turn.degradedReason).toMatch(reason);
    expect(turn.analysis.category).toBe('hours');
  });

  it('connection refused -> unavailable', async () => {
    const closed = await new FakeOpenAI().start();
    const baseURL = closed.baseURL;
    await closed.stop();
    const turn = await makeIntake({ baseURL }).respond(input);
    expect(turn).toMatchObject({ provider: 'embedded', degraded: true });
    expect(turn.degradedReason).toMatch(/^openai unavailable: connection failed/);
  });

  it('the turn deadline bounds all rounds together', async () => {
    fake.chat({ ...chatToolCalls([{ name: 'search_knowledge_base', arguments: { query: 'hours' } }]), delayMs: 150 }, { ...chatAnswer(answer()), delayMs: 150 });
    const started = Date.now();
    const turn = await makeIntake({ timeout: 1000, turnDeadlineMs: 200 }).respond(input);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(turn.degradedReason).toMatch(/^openai timeout: no answer within 200 ms/);
  });

  it('keeps escalation decisions of the embedded engine when degraded', async () => {
    fake.chat(openAIError(503));
    const turn = await makeIntake().respond({ text: 'I want to talk to a person', language: 'en', history: [] });
    expect(turn.escalation?.reason).toBe('explicit_request');
    expect(turn.provider).toBe('embedded');
  });
});

describe('LlmIntake summaries', () => {
  const convo = [
    { role: 'visitor' as const, text: 'I need a tax certificate for my visa, case HC-77.' },
    { role: 'assistant' as const, text: 'Tax certificates are issued at counter 3.' },
    { role: 'visitor' as const, text: 'I want to talk to a person' },
  ];

  it('summarizeAsync asks the model with the handoff_summary schema in the session language', async () => {
    fake.chat(chatAnswer({ summary: 'Visitor needs a tax certificate for a visa (case HC-77); asked for a person.' }));
    const r = await makeIntake().summarizeAsync(convo, 'en');
    expect(r).toEqual({ text: 'Visitor needs a tax certificate for a visa (case HC-77); asked for a person.', provider: 'openai', degraded: false, degradedReason: null });
    const body = fake.chatBodies()[0]!;
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'handoff_summary', strict: true } });
    expect(body.messages[0]!.content).toContain('English (en)');
    expect(body.messages[1]!.content).toContain('Visitor: I need a tax certificate');
    expect(body.tools).toBeUndefined();
  });

  it('summarizeAsync falls back to the extractive summary on failure', async () => {
    fake.chat(openAIError(500));
    const r = await makeIntake().summarizeAsync(convo, 'en');
    expect(r).toMatchObject({ text: embedded.summarize(convo, 'en'), provider: 'embedded', degraded: true });
    expect(r.degradedReason).toMatch(/unavailable/);
  });

  it('summarize stays synchronous and extractive; no call without visitor text', async () => {
    const intake = makeIntake();
    expect(intake.summarize(convo, 'en')).toBe(embedded.summarize(convo, 'en'));
    const r = await intake.summarizeAsync([{ role: 'assistant', text: 'Hello' }], 'en');
    expect(r.provider).toBe('embedded');
    expect(r.degraded).toBe(false);
    expect(fake.requests).toHaveLength(0);
    expect(intake.categoryOf('parking')).toBe('facilities');
  });
});
