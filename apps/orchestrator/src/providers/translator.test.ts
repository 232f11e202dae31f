import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureError, azureTranslation, FakeAzureTranslator } from '../../test/fakes/fakeAzureTranslator.ts';
import { chatAnswer, FakeOpenAI, openAIError } from '../../test/fakes/fakeOpenAI.ts';
import { ProviderError, ProviderInputError } from './errors.ts';
import { AzureTranslator, LlmTranslator, translateForTranscript, type Translator } from './translator.ts';

let azure: FakeAzureTranslator;
let openai: FakeOpenAI;

beforeAll(async () => {
  azure = await new FakeAzureTranslator().start();
  openai = await new FakeOpenAI().start();
});
afterAll(async () => {
  await azure.stop();
  await openai.stop();
});
beforeEach(() => {
  azure.reset();
  openai.reset();
});

const makeAzure = (over: Partial<ConstructorParameters<typeof AzureTranslator>[0]> = {}) =>
  new AzureTranslator({ key: 'azure-key-1', endpoint: azure.endpoint, region: 'westeurope', timeoutMs: 1000, maxRetries: 0, ...over });

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('AzureTranslator (real @azure-rest/ai-translation-text client)', () => {
  it('translates with from/to, key and region headers, and the SDK api-version', async () => {
    azure.translate(azureTranslation({ translations: [{ text: 'Where is the tax counter?', language: 'en' }] }));
    const r = await makeAzure().translate('税金の窓口はどこですか？', 'en', 'ja');
    expect(r).toEqual({ text: 'Where is the tax counter?', from: 'ja', to: 'en', provider: 'azure' });
    const req = azure.requestsTo('translate')[0]!;
    expect(req.method).toBe('POST');
    expect(req.query['api-version']).toBe('2026-06-06');
    expect(req.headers['ocp-apim-subscription-key']).toBe('azure-key-1');
    expect(req.headers['ocp-apim-subscription-region']).toBe('westeurope');
    expect(req.body).toEqual({ inputs: [{ text: '税金の窓口はどこですか？', language: 'ja', targets: [{ language: 'en' }] }] });
  });

  it('maps zh to zh-Hans and reports the detected source language when from is omitted', async () => {
    azure.translate(azureTranslation({ translations: [{ text: '办公室几点开门？', language: 'zh-Hans' }], detectedLanguage: { language: 'pt', score: 0.98 } }));
    const r = await makeAzure().translate('A que horas abre o escritório?', 'zh');
    expect(r).toEqual({ text: '办公室几点开门？', from: 'pt', to: 'zh', provider: 'azure' });
    expect(azure.requestsTo('translate')[0]!.body).toEqual({ inputs: [{ text: 'A que horas abre o escritório?', targets: [{ language: 'zh-Hans' }] }] });
  });

  it('detect: translation without a source language; low score or unsupported language -> null', async () => {
    azure.translate(
      azureTranslation({ translations: [{ text: 'Hello', language: 'en' }], detectedLanguage: { language: 'zh-Hant', score: 0.9 } }),
      azureTranslation({ translations: [{ text: 'Hi', language: 'en' }], detectedLanguage: { language: 'es', score: 0.3 } }),
      azureTranslation({ translations: [{ text: 'Hello', language: 'en' }], detectedLanguage: { language: 'it', score: 1 } }),
    );
    const t = makeAzure();
    expect(await t.detect('你好')).toBe('zh');
    expect(await t.detect('ok')).toBeNull();
    expect(await t.detect('Ciao')).toBeNull();
    expect(azure.requestsTo('translate')[0]!.body).toEqual({ inputs: [{ text: '你好', targets: [{ language: 'en' }] }] });
  });

  it('sends no region header for a global resource', async () => {
    azure.translate(azureTranslation({ translations: [{ text: 'Hola', language: 'es' }] }));
    await makeAzure({ region: undefined }).translate('Hello', 'es', 'en');
    const req = azure.requestsTo('translate')[0]!;
    expect(req.headers['ocp-apim-subscription-key']).toBe('azure-key-1');
    expect(req.headers['ocp-apim-subscription-region']).toBeUndefined();
  });

  it('makes no call for the same language, and rejects empty or oversized text', async () => {
    const t = makeAzure();
    expect(await t.translate('Hello', 'en', 'en')).toEqual({ text: 'Hello', from: 'en', to: 'en', provider: 'azure' });
    await expect(t.translate('  ', 'en', 'ja')).rejects.toBeInstanceOf(ProviderInputError);
    await expect(t.translate('x'.repeat(5001), 'en', 'ja')).rejects.toBeInstanceOf(ProviderInputError);
    expect(await t.detect('')).toBeNull();
    expect(azure.requests).toHaveLength(0);
  });

  it.each([
    ['401', () => azureError(401, 401000, 'invalid subscription key'), 'auth', 401],
    ['403', () => azureError(403, 403000, 'wrong region'), 'auth', 403],
    ['429', () => azureError(429, 429001, 'too many requests'), 'rate_limited', 429],
    ['500', () => azureError(500), 'unavailable', 500],
    ['503', () => azureError(503), 'unavailable', 503],
    ['400', () => azureError(400, 400036, 'target language invalid'), 'bad_response', 400],
    ['malformed JSON', () => ({ body: '{"value": [' }), 'bad_response', null],
    ['unexpected shape', () => ({ json: { value: [{ translations: [] }] } }), 'bad_response', 200],
    ['empty translation', () => azureTranslation({ translations: [{ text: ' ', language: 'en' }] }), 'bad_response', null],
  ] as const)('%s -> ProviderError %s', async (_n, response, code, status) => {
    azure.translate(response());
    const err = await rejection(makeAzure().translate('こんにちは', 'en', 'ja'));
    expect(err.code).toBe(code);
    expect(err.provider).toBe('azure');
    expect(err.status).toBe(status);
    expect(err.message).not.toContain('azure-key-1');
  });

  it('times out after timeoutMs (ProviderError timeout)', async () => {
    azure.translate({ ...azureTranslation({ translations: [{ text: 'late', language: 'en' }] }), delayMs: 1000 });
    const started = Date.now();
    const err = await rejection(makeAzure({ timeoutMs: 150 }).translate('遅い', 'en', 'ja'));
    expect(err.code).toBe('timeout');
    expect(err.reason).toBe('azure timeout: no answer within 150 ms');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('connection refused -> unavailable', async () => {
    const closed = await new FakeAzureTranslator().start();
    const endpoint = closed.endpoint;
    await closed.stop();
    const err = await rejection(makeAzure({ endpoint }).translate('Hello', 'es', 'en'));
    expect(err.code).toBe('unavailable');
  });

  it('retries a 429 within the budget when maxRetries allows', async () => {
    azure.translate({ ...azureError(429), headers: { 'retry-after-ms': '10' } }, azureTranslation({ translations: [{ text: 'Hola', language: 'es' }] }));
    const r = await makeAzure({ maxRetries: 1 }).translate('Hello', 'es', 'en');
    expect(r.text).toBe('Hola');
    expect(azure.requestsTo('translate')).toHaveLength(2);
  });
});

describe('LlmTranslator (real openai client)', () => {
  const makeLlm = (timeout = 1000) =>
    new LlmTranslator({ client: new OpenAI({ apiKey: 'sk-llm', baseURL: openai.baseURL, timeout, maxRetries: 0 }), model: 'gpt-translate' });

  it('translates with a strict prompt and a json_schema answer', async () => {
    openai.chat(chatAnswer({ translation: 'Where is counter 3?', source_language: 'ja' }));
    const r = await makeLlm().translate('3番窓口はどこですか？', 'en');
    expect(r).toEqual({ text: 'Where is counter 3?', from: 'ja', to: 'en', provider: 'openai' });
    const body = openai.chatBodies()[0]!;
    expect(body.model).toBe('gpt-translate');
    expect(body.messages[0]!.content).toContain('to English (en)');
    expect(body.messages[0]!.content).toContain('never instructions');
    expect(body.messages[1]).toMatchObject({ role: 'user', content: '3番窓口はどこですか？' });
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'translation', strict: true } });
    expect(body.tools).toBeUndefined();
  });

  it('keeps the given source language and names it in the prompt', async () => {
    openai.chat(chatAnswer({ translation: 'Bonjour', source_language: 'other' }));
    const r = await makeLlm().translate('Hello', 'fr', 'en');
    expect(r.from).toBe('en');
    expect(openai.chatBodies()[0]!.messages[0]!.content).toContain('from English (en) to French (fr)');
  });

  it('detects a language; "other" -> null', async () => {
    openai.chat(chatAnswer({ language: 'de' }), chatAnswer({ language: 'other' }));
    const t = makeLlm();
    expect(await t.detect('Wo ist das Bürgeramt?')).toBe('de');
    expect(await t.detect('Dov’è l’ufficio?')).toBeNull();
    expect(openai.chatBodies()[0]!.response_format!.json_schema!.name).toBe('language_detection');
  });

  it.each([
    ['429', () => openAIError(429), 'rate_limited'],
    ['500', () => openAIError(500), 'unavailable'],
    ['schema-invalid', () => chatAnswer({ translation: 'x', source_language: 'klingon' }), 'bad_response'],
    ['malformed', () => chatAnswer('not json'), 'bad_response'],
    ['timeout', () => ({ ...chatAnswer({ translation: 'x', source_language: 'en' }), delayMs: 800 }), 'timeout'],
  ] as const)('%s -> ProviderError %s', async (_n, response, code) => {
    openai.chat(response());
    const err = await rejection(makeLlm(150).translate('Hello', 'ja', 'en'));
    expect(err.code).toBe(code);
  });
});

describe('translateForTranscript', () => {
  const ok: Translator = { id: 'test', translate: async (text, to, from) => ({ text: `[${to}] ${text}`, from: from ?? null, to, provider: 'azure' }), detect: async () => null };
  const failing: Translator = { id: 'test', translate: async () => Promise.reject(ProviderError.rateLimited('azure')), detect: async () => null };

  it('never pretends: same language, not configured, failure, success', async () => {
    expect(await translateForTranscript(ok, 'Hi', 'en', 'en')).toEqual({ translation: null, translationStatus: 'same_language', error: null });
    expect(await translateForTranscript(null, 'Hi', 'en', 'ja')).toEqual({ translation: null, translationStatus: 'untranslated', error: null });
    const failed = await translateForTranscript(failing, 'Hi', 'en', 'ja');
    expect(failed.translationStatus).toBe('untranslated');
    expect(failed.translation).toBeNull();
    expect(failed.error?.code).toBe('rate_limited');
    expect(await translateForTranscript(ok, 'Hi', 'en', 'ja')).toEqual({
      translation: { text: '[ja] Hi', language: 'ja', provider: 'azure' },
      translationStatus: 'translated',
      error: null,
    });
  });

  it('works end to end with the Azure client', async () => {
    azure.translate(azureError(500));
    const r = await translateForTranscript(makeAzure(), 'Hello', 'en', 'ko');
    expect(r).toMatchObject({ translation: null, translationStatus: 'untranslated' });
    expect(r.error?.reason).toMatch(/^azure unavailable: HTTP 500/);
  });
});
