import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureTranslation, FakeAzureTranslator } from '../../test/fakes/fakeAzureTranslator.ts';
import { chatAnswer, chatToolCalls, FakeOpenAI, openAIError, speechAudio, transcriptionResult } from '../../test/fakes/fakeOpenAI.ts';
import { DEFAULT_KNOWLEDGE_BASE_PATH, KnowledgeBase } from '../intake/knowledgeBase.ts';
import { embeddedIntakeFromFile } from '../intakeAdapter.ts';
import { createProviders, loadProviderConfig, type ProviderDeps } from './index.ts';

const kb = KnowledgeBase.fromFile(DEFAULT_KNOWLEDGE_BASE_PATH);
const embedded = embeddedIntakeFromFile(DEFAULT_KNOWLEDGE_BASE_PATH);
let openai: FakeOpenAI;
let azure: FakeAzureTranslator;
let logLines: string[];

function deps(): ProviderDeps {
  logLines = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  return { kb, embedded, logger: pino({ level: 'debug' }, sink) };
}

beforeAll(async () => {
  openai = await new FakeOpenAI().start();
  azure = await new FakeAzureTranslator().start();
});
afterAll(async () => {
  await openai.stop();
  await azure.stop();
});
beforeEach(() => {
  openai.reset();
  azure.reset();
});

const cloudEnv = () => ({
  OPENAI_API_KEY: 'sk-secret-openai',
  OPENAI_BASE_URL: openai.baseURL,
  OPENAI_CHAT_MODEL: 'gpt-city',
  AZURE_TRANSLATOR_KEY: 'secret-azure-key',
  AZURE_TRANSLATOR_ENDPOINT: azure.endpoint,
  AZURE_TRANSLATOR_REGION: 'japaneast',
  PROVIDER_TIMEOUT_MS: '1000',
  PROVIDER_MAX_RETRIES: '0',
});

describe('createProviders', () => {
  it('with no keys: embedded intake, no translator, browser speech', async () => {
    const p = createProviders(loadProviderConfig({}), deps());
    expect(p.status()).toEqual({ llm: 'embedded', translator: 'none', speech: 'browser' });
    expect(p.translator).toBeNull();
    expect(p.speech).toBeNull();
    const turn = await p.intake.respond({ text: 'What are your opening hours?', language: 'en', history: [] });
    expect(turn).toMatchObject({ provider: 'embedded', degraded: false, degradedReason: null, intent: 'kb:office-hours', collectedFields: {} });
    expect(turn.analysis).toMatchObject({ category: 'hours', urgency: 'normal', sentiment: 'neutral' });
    const person = await p.intake.respond({ text: 'I want to talk to a person', language: 'en', history: [] });
    expect(person.escalation?.reason).toBe('explicit_request');
    const summary = await p.intake.summarizeAsync([{ role: 'visitor', text: 'Tax certificate please' }], 'en');
    expect(summary).toMatchObject({ provider: 'embedded', degraded: false });
    expect(p.intake.categoryOf('parking')).toBe('facilities');
  });

  it('with OpenAI and Azure: every provider goes to the configured servers; keys never logged', async () => {
    const p = createProviders(loadProviderConfig(cloudEnv()), deps());
    expect(p.status()).toEqual({ llm: 'openai', translator: 'azure', speech: 'openai' });

    openai.chat(
      chatToolCalls([{ name: 'search_knowledge_base', arguments: { query: 'parking' } }]),
      chatAnswer({ reply: 'Parking is free for 1 hour.', intent: 'kb:parking', category: 'facilities', sentiment: 'neutral', urgency: 'low', confidence: 0.9, escalate: null }),
    );
    const turn = await p.intake.respond({ text: 'Is there parking?', language: 'en', history: [] });
    expect(turn).toMatchObject({ provider: 'openai', degraded: false, intent: 'kb:parking' });
    expect(openai.chatBodies()[0]!.model).toBe('gpt-city');

    azure.translate(azureTranslation({ translations: [{ text: '駐車場はありますか？', language: 'ja' }] }));
    expect(await p.translator!.translate('Is there parking?', 'ja', 'en')).toMatchObject({ text: '駐車場はありますか？', provider: 'azure' });
    expect(azure.requests[0]!.headers['ocp-apim-subscription-region']).toBe('japaneast');

    openai.enqueue('transcription', transcriptionResult('Is there parking?'));
    expect(await p.speech!.transcribe(new Uint8Array([1, 2, 3]), 'audio/webm', 'en')).toEqual({ text: 'Is there parking?', language: 'en' });
    openai.enqueue('speech', speechAudio(new Uint8Array([9, 9])));
    expect((await p.speech!.synthesize('Yes.', 'en')).audio).toEqual(new Uint8Array([9, 9]));

    openai.chat(openAIError(500));
    const degraded = await p.intake.respond({ text: 'Is there parking?', language: 'en', history: [] });
    expect(degraded).toMatchObject({ provider: 'embedded', degraded: true });

    const logs = logLines.join('');
    expect(logs).toContain('providers configured');
    expect(logs).toContain('llm intake failed; embedded fallback');
    expect(logs).not.toContain('sk-secret-openai');
    expect(logs).not.toContain('secret-azure-key');
  });

  it('TRANSLATOR=llm uses the chat model for translation', async () => {
    const p = createProviders(loadProviderConfig({ ...cloudEnv(), TRANSLATOR: 'llm' }), deps());
    expect(p.status().translator).toBe('llm');
    openai.chat(chatAnswer({ translation: 'Hola', source_language: 'en' }));
    expect(await p.translator!.translate('Hello', 'es')).toEqual({ text: 'Hola', from: 'en', to: 'es', provider: 'openai' });
    expect(azure.requests).toHaveLength(0);
  });

  it('Azure only: embedded intake, Azure translation, browser speech', () => {
    const env = cloudEnv();
    const p = createProviders(loadProviderConfig({ AZURE_TRANSLATOR_KEY: env.AZURE_TRANSLATOR_KEY, AZURE_TRANSLATOR_ENDPOINT: env.AZURE_TRANSLATOR_ENDPOINT }), deps());
    expect(p.status()).toEqual({ llm: 'embedded', translator: 'azure', speech: 'browser' });
  });
});
