import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startOrchestrator, type Orchestrator } from '../src/server.ts';
import { chatAnswer, FakeOpenAI, openAIError, speechAudio, transcriptionResult } from './fakes/fakeOpenAI.ts';
import { io } from 'socket.io-client';
import { ask, consoleSocket, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';

/**
 * The orchestrator with the real `openai` client configured against a fake OpenAI server on
 * 127.0.0.1: the LLM answers; when it fails, the embedded engine answers that turn, the
 * session is marked degraded where the worker sees it, and no transcript line is lost.
 */
describe('AI provider configured by environment', () => {
  const fake = new FakeOpenAI();
  let orch: Orchestrator;
  const saved = { ...process.env };
  beforeAll(async () => {
    await fake.start();
    process.env.OPENAI_API_KEY = 'sk-test';
    process.env.OPENAI_BASE_URL = fake.baseURL;
    process.env.OPENAI_CHAT_MODEL = 'city-model';
    process.env.PROVIDER_TIMEOUT_MS = '2000';
    process.env.PROVIDER_MAX_RETRIES = '0';
    orch = await startOrchestrator(loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent' }));
  });
  afterAll(async () => {
    process.env = saved;
    await orch?.close();
    await fake.stop();
  });

  it('answers with the LLM, falls back per turn on failure, and the worker sees the degradation', async () => {
    expect(orch.providers).toMatchObject({ llm: 'openai', translator: 'llm' });
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });

    fake.chat(chatAnswer({ reply: 'We are open 8:30 to 17:15 on weekdays.', intent: 'kb:office-hours', category: 'hours', sentiment: 'neutral', urgency: 'normal', confidence: 0.9, escalate: null }));
    const first = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'When are you open?' });
    expect(first.entries[1].text).toBe('We are open 8:30 to 17:15 on weekdays.');
    const body = fake.chatBodies()[0]!;
    expect(body.model).toBe('city-model');
    expect(JSON.stringify(body.messages)).toContain('When are you open?');

    fake.chat(openAIError(500));
    const second = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Where do I get a tax certificate?' });
    expect(second.entries.map((e: { speaker: string }) => e.speaker)).toEqual(['visitor', 'assistant']);
    expect(second.entries[1].text.length).toBeGreaterThan(10); // the embedded engine answered

    const sam = await consoleSocket(orch, 'sam');
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new');
    fake.chat(openAIError(503)); // the summary call fails too: extractive summary
    await ok(kiosk, 'visitor:request-person', { sessionId: session.id });
    const handoff = (await offer).handoff;
    expect(handoff.flags).toContain('ai_degraded');
    expect(handoff.summary.length).toBeGreaterThan(0);
    expect(handoff.transcript.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(['When are you open?', 'Where do I get a tax certificate?']));
    expect((await orch.store.events(session.id)).map((e) => e.type)).toContain('intake_degraded');
    await ok(kiosk, 'session:leave', { sessionId: session.id, reason: 'visitor_left' });

    // The LLM judge runs beside the embedded policy and can add an escalation the rules missed.
    const s2 = (await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' })).session;
    fake.chat(chatAnswer({ reply: 'I can help with documents.', intent: 'unknown', category: null, sentiment: 'neutral', urgency: 'normal', confidence: 0.6, escalate: null }));
    fake.chat(chatAnswer({ escalate: true, reasons: [{ code: 'sensitive_topic', topic: 'legal', evidence: "my late father's estate", confidence: 0.9 }] }));
    const judged = await ok(kiosk, 'visitor:message', { sessionId: s2.id, text: "Who handles my late father's estate papers?" });
    expect(judged.session.state).toBe('queued');
    expect((await orch.store.latestHandoff(s2.id))?.reasons.map((r: { code: string }) => r.code)).toContain('sensitive_topic');
    await ok(kiosk, 'session:leave', { sessionId: s2.id, reason: 'visitor_left' });
    kiosk.close();
    sam.close();
  });

  it('drafts agent-assist replies with the LLM, grounded in knowledge-base hits', async () => {
    const kiosk = await kioskSocket(orch);
    const sam = await consoleSocket(orch, 'sam');
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new'); // (no visitor turns yet: the summary needs no LLM call)
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    await ok(sam, 'offer:accept', { offerId: (await offer).id });
    fake.chat(chatAnswer({ replies: [{ text: 'Tax certificates are issued at Counter 4; please bring photo ID.' }] }));
    const update = next(sam, 'assist:update');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Where do I get a tax certificate?' });
    const u = await update;
    expect(u.suggestions[0]).toMatchObject({ source: 'llm', text: 'Tax certificates are issued at Counter 4; please bring photo ID.', language: 'en' });
    expect(u.suggestions.some((x: { source: string }) => x.source === 'kb')).toBe(true);
    const body = fake.chatBodies().at(-1)!;
    expect(JSON.stringify(body)).toContain('assist_replies');
    expect(JSON.stringify(body.messages)).toContain('Where do I get a tax certificate?');
    // Provider failure: knowledge-base suggestions only.
    fake.chat(openAIError(500));
    const again = next(sam, 'assist:update');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'How do I sort my garbage?' });
    expect((await again).suggestions.every((x: { source: string }) => x.source === 'kb')).toBe(true);
    await ok(sam, 'session:end', { sessionId: session.id, disposition: 'resolved' });
    kiosk.close();
    sam.close();
  });

  it('transcribes push-to-talk utterances and synthesizes speech through the provider', async () => {
    const capabilities = new Promise((resolve) => {
      const s = io(`${orch.url}/kiosk`, { auth: { deviceId: orch.demo!.deviceId, deviceToken: orch.demo!.deviceToken }, transports: ['websocket'], forceNew: true });
      s.once('device:capabilities', (c) => {
        resolve(c);
        s.close();
      });
    });
    expect(await capabilities).toEqual({ speechInput: true, speechOutput: 'provider', translation: 'llm' });
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    fake.enqueue('transcription', transcriptionResult('When are you open?'));
    fake.chat(chatAnswer({ reply: 'Weekdays 8:30 to 17:15.', intent: 'kb:office-hours', category: 'hours', sentiment: 'neutral', urgency: 'normal', confidence: 0.9, escalate: null }));
    const res = await ok(kiosk, 'visitor:utterance', { sessionId: session.id, audio: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]), mimeType: 'audio/webm;codecs=opus' });
    expect(res.entries.map((e: { text: string }) => e.text)).toEqual(['When are you open?', 'Weekdays 8:30 to 17:15.']);
    const upload = fake.requestsTo('transcription').at(-1)!;
    expect(JSON.stringify(upload.body)).toContain('gpt-4o-mini-transcribe');

    fake.enqueue('speech', speechAudio(new Uint8Array([9, 8, 7])));
    const tts = await ok(kiosk, 'speech:synthesize', { text: 'Hello', language: 'en' });
    expect(tts.mimeType).toBe('audio/mpeg');
    expect([...new Uint8Array(tts.audio)]).toEqual([9, 8, 7]);

    // Bad input: empty audio is refused with the field named; nothing is stored.
    const before = (await orch.store.transcript(session.id)).length;
    const bad = await ask(kiosk, 'visitor:utterance', { sessionId: session.id, audio: new Uint8Array(0), mimeType: 'audio/webm' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'audio' }] } });
    expect((await orch.store.transcript(session.id)).length).toBe(before);
    kiosk.close();
  });
});

describe('speech without a provider', () => {
  it('says plainly that speech recognition is not configured', async () => {
    const orch = await startTestOrchestrator();
    try {
      const kiosk = await kioskSocket(orch);
      const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
      const res = await ask(kiosk, 'visitor:utterance', { sessionId: session.id, audio: new Uint8Array([1, 2, 3]), mimeType: 'audio/webm' });
      expect(res).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/not configured/) } });
      kiosk.close();
    } finally {
      await orch.close();
    }
  });
});
