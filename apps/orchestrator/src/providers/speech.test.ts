import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenAI, openAIError, speechAudio, transcriptionResult, type MultipartBody } from '../../test/fakes/fakeOpenAI.ts';
import { ProviderError, ProviderInputError } from './errors.ts';
import { MAX_AUDIO_BYTES, OpenAISpeech, type OpenAISpeechOptions } from './speech.ts';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await new FakeOpenAI().start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const makeSpeech = (over: Partial<OpenAISpeechOptions> = {}) =>
  new OpenAISpeech({
    client: new OpenAI({ apiKey: 'sk-speech', baseURL: fake.baseURL, timeout: 1000, maxRetries: 0 }),
    transcribeModel: 'gpt-4o-mini-transcribe',
    ttsModel: 'gpt-4o-mini-tts',
    voice: 'coral',
    ...over,
  });

const audio = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5, 250]);

describe('OpenAISpeech.transcribe', () => {
  it('uploads the audio as multipart with model, json format and the language hint', async () => {
    fake.enqueue('transcription', transcriptionResult(' 住民票が欲しいです '));
    const r = await makeSpeech().transcribe(audio, 'audio/webm;codecs=opus', 'ja');
    expect(r).toEqual({ text: '住民票が欲しいです', language: 'ja' });
    const req = fake.requestsTo('transcription')[0]!;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.headers.authorization).toBe('Bearer sk-speech');
    const body = req.body as MultipartBody;
    expect(body.fields).toEqual({ model: 'gpt-4o-mini-transcribe', response_format: 'json', language: 'ja' });
    expect(body.files.file!.filename).toBe('utterance.webm');
    expect(body.files.file!.type).toBe('audio/webm');
    expect(Array.from(body.files.file!.bytes)).toEqual(Array.from(audio));
  });

  it('without a hint the language is unknown (null) for gpt-4o transcribe models', async () => {
    fake.enqueue('transcription', transcriptionResult('Where is the restroom?'));
    expect(await makeSpeech().transcribe(audio, 'audio/wav')).toEqual({ text: 'Where is the restroom?', language: null });
    const body = fake.requestsTo('transcription')[0]!.body as MultipartBody;
    expect(body.fields.language).toBeUndefined();
    expect(body.files.file!.filename).toBe('utterance.wav');
  });

  it('whisper models answer verbose_json with the spoken language name', async () => {
    fake.enqueue('transcription', transcriptionResult('¿Dónde está el baño?', { language: 'spanish', duration: 1.2, segments: [] }));
    const r = await makeSpeech({ transcribeModel: 'whisper-1' }).transcribe(audio, 'audio/ogg');
    expect(r).toEqual({ text: '¿Dónde está el baño?', language: 'es' });
    expect((fake.requestsTo('transcription')[0]!.body as MultipartBody).fields.response_format).toBe('verbose_json');
  });

  it('validates input before any request: empty, too large, unsupported type', async () => {
    const s = makeSpeech();
    await expect(s.transcribe(new Uint8Array(), 'audio/webm')).rejects.toThrow(ProviderInputError);
    await expect(s.transcribe(new Uint8Array(MAX_AUDIO_BYTES + 1), 'audio/webm')).rejects.toThrow(/exceeds 10485760 bytes/);
    await expect(s.transcribe(audio, 'video/mp4')).rejects.toThrow(/unsupported audio type/);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['500', () => openAIError(500), 'unavailable'],
    ['429', () => openAIError(429), 'rate_limited'],
    ['bad shape', () => ({ json: { transcript: 'x' } }), 'bad_response'],
    ['timeout', () => ({ ...transcriptionResult('late'), delayMs: 800 }), 'timeout'],
  ] as const)('%s -> ProviderError %s', async (_n, response, code) => {
    fake.enqueue('transcription', response());
    const s = new OpenAISpeech({
      client: new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, timeout: 150, maxRetries: 0 }),
      transcribeModel: 'gpt-4o-mini-transcribe',
      ttsModel: 'gpt-4o-mini-tts',
      voice: 'alloy',
    });
    const err = await s.transcribe(audio, 'audio/webm').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).code).toBe(code);
  });
});

describe('OpenAISpeech.synthesize', () => {
  const mp3 = new Uint8Array([0xff, 0xf3, 0x44, 0xc4, 0, 1, 2, 3]);

  it('requests mp3 with model, voice and language instructions and returns the bytes', async () => {
    fake.enqueue('speech', speechAudio(mp3));
    const r = await makeSpeech().synthesize('3番窓口へどうぞ。', 'ja');
    expect(r.mimeType).toBe('audio/mpeg');
    expect(Array.from(r.audio)).toEqual(Array.from(mp3));
    const body = fake.requestsTo('speech')[0]!.body as Record<string, string>;
    expect(body).toMatchObject({ model: 'gpt-4o-mini-tts', voice: 'coral', input: '3番窓口へどうぞ。', response_format: 'mp3' });
    expect(body.instructions).toContain('Japanese');
  });

  it('tts-1 models get no instructions', async () => {
    fake.enqueue('speech', speechAudio(mp3));
    await makeSpeech({ ttsModel: 'tts-1' }).synthesize('Hello', 'en');
    expect((fake.requestsTo('speech')[0]!.body as Record<string, unknown>).instructions).toBeUndefined();
  });

  it('validates text and rejects empty audio', async () => {
    const s = makeSpeech();
    await expect(s.synthesize('   ', 'en')).rejects.toThrow(ProviderInputError);
    await expect(s.synthesize('x'.repeat(4097), 'en')).rejects.toThrow(/4096/);
    await expect(s.synthesize('Hi', 'xx' as 'en')).rejects.toThrow(ProviderInputError);
    expect(fake.requests).toHaveLength(0);
    fake.enqueue('speech', speechAudio(new Uint8Array()));
    await expect(s.synthesize('Hi', 'en')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('maps provider failures', async () => {
    fake.enqueue('speech', openAIError(429), openAIError(401));
    await expect(makeSpeech().synthesize('Hi', 'en')).rejects.toMatchObject({ name: 'ProviderError', code: 'rate_limited' });
    await expect(makeSpeech().synthesize('Hi', 'en')).rejects.toMatchObject({ name: 'ProviderError', code: 'auth', status: 401 });
  });
});
