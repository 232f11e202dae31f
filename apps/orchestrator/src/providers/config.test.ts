import { describe, expect, it } from 'vitest';
import { AZURE_GLOBAL_ENDPOINT, loadProviderConfig, ProviderConfigError } from './config.ts';

describe('loadProviderConfig', () => {
  it('no variables: nothing cloud-based', () => {
    expect(loadProviderConfig({})).toEqual({ openai: null, azure: null, translator: 'none', timeoutMs: 8000, maxRetries: 1 });
  });

  it('OpenAI key only: defaults for models, translator llm; empty strings count as unset', () => {
    const c = loadProviderConfig({ OPENAI_API_KEY: 'sk-1', OPENAI_CHAT_MODEL: '', AZURE_TRANSLATOR_KEY: ' ' });
    expect(c.openai).toEqual({
      apiKey: 'sk-1',
      baseURL: undefined,
      chatModel: 'gpt-4.1-mini',
      transcribeModel: 'gpt-4o-mini-transcribe',
      ttsModel: 'gpt-4o-mini-tts',
      ttsVoice: 'alloy',
    });
    expect(c.translator).toBe('llm');
    expect(c.azure).toBeNull();
  });

  it('Azure key wins the default translator; endpoint defaults to the global one; TRANSLATOR overrides', () => {
    const env = { OPENAI_API_KEY: 'sk-1', AZURE_TRANSLATOR_KEY: 'az', AZURE_TRANSLATOR_REGION: 'westeurope' };
    const c = loadProviderConfig(env);
    expect(c.translator).toBe('azure');
    expect(c.azure).toEqual({ key: 'az', endpoint: AZURE_GLOBAL_ENDPOINT, region: 'westeurope' });
    expect(loadProviderConfig({ ...env, TRANSLATOR: 'llm' }).translator).toBe('llm');
    expect(loadProviderConfig({ ...env, TRANSLATOR: 'none' }).translator).toBe('none');
  });

  it('custom OpenAI-compatible server and timeouts', () => {
    const c = loadProviderConfig({
      OPENAI_API_KEY: 'local',
      OPENAI_BASE_URL: 'http://llm.city.local:8000/v1/',
      OPENAI_CHAT_MODEL: 'qwen3-32b',
      PROVIDER_TIMEOUT_MS: '2500',
      PROVIDER_MAX_RETRIES: '0',
    });
    expect(c.openai).toMatchObject({ baseURL: 'http://llm.city.local:8000/v1', chatModel: 'qwen3-32b' });
    expect(c.timeoutMs).toBe(2500);
    expect(c.maxRetries).toBe(0);
  });

  it.each([
    [{ PROVIDER_TIMEOUT_MS: 'soon' }, 'PROVIDER_TIMEOUT_MS'],
    [{ PROVIDER_TIMEOUT_MS: '10' }, 'PROVIDER_TIMEOUT_MS'],
    [{ PROVIDER_MAX_RETRIES: '9' }, 'PROVIDER_MAX_RETRIES'],
    [{ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL'],
    [{ OPENAI_BASE_URL: 'http://llm.local/v1' }, 'OPENAI_BASE_URL: set, but OPENAI_API_KEY is missing'],
    [{ AZURE_TRANSLATOR_KEY: 'k', AZURE_TRANSLATOR_ENDPOINT: 'http://translator.city.local' }, 'AZURE_TRANSLATOR_ENDPOINT: must be https'],
    [{ TRANSLATOR: 'deepl' }, 'TRANSLATOR'],
    [{ TRANSLATOR: 'azure' }, 'TRANSLATOR: "azure" requires AZURE_TRANSLATOR_KEY'],
    [{ TRANSLATOR: 'llm' }, 'TRANSLATOR: "llm" requires OPENAI_API_KEY'],
  ])('%o -> error naming %s', (env, name) => {
    expect(() => loadProviderConfig(env)).toThrow(ProviderConfigError);
    expect(() => loadProviderConfig(env)).toThrow(name);
  });

  it('accepts plain http for a local Azure endpoint (tests, local proxy)', () => {
    expect(loadProviderConfig({ AZURE_TRANSLATOR_KEY: 'k', AZURE_TRANSLATOR_ENDPOINT: 'http://127.0.0.1:5000/' }).azure?.endpoint).toBe('http://127.0.0.1:5000');
  });
});
