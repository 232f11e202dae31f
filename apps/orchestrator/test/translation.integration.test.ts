import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Orchestrator } from '../src/server.ts';
import type { TranslatorLike } from '../src/sessions/sessionService.ts';
import { consoleSocket, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';

/** A translator that marks text with the target language, and can be told to fail. */
function fakeTranslator(): TranslatorLike & { calls: { text: string; to: string; from?: string }[]; failing: boolean } {
  return {
    id: 'fake',
    calls: [],
    failing: false,
    async translate(text, to, from) {
      this.calls.push({ text, to, from });
      if (this.failing) throw new Error('provider down');
      return { text: `[${to}] ${text}`, provider: 'fake' };
    },
  };
}

async function spanishVisitorWithEnglishWorker(translator: TranslatorLike | null) {
  const orch = await startTestOrchestrator({}, undefined, translator);
  const kiosk = await kioskSocket(orch);
  const sam = await consoleSocket(orch, 'sam'); // speaks English only
  await ok(sam, 'console:hello');
  await ok(sam, 'worker:set-state', { state: 'available' });
  const { session } = await ok(kiosk, 'session:start', { language: 'es', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
  await ok(kiosk, 'visitor:message', { sessionId: session.id, text: '¿Cuál es el horario?' });
  const offer = next(sam, 'offer:new');
  await ok(kiosk, 'visitor:request-person', { sessionId: session.id });
  const assignment = await ok(sam, 'offer:accept', { offerId: (await offer).id });
  return { orch, kiosk, sam, session, assignment };
}

describe('live translation between visitor and worker', () => {
  let orch: Orchestrator | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await orch?.close();
  });

  it('translates the pre-handoff transcript for the worker, and each side into the other language', async () => {
    const translator = fakeTranslator();
    const r = await spanishVisitorWithEnglishWorker(translator);
    orch = r.orch;
    sockets.push(r.kiosk, r.sam);
    const visitorLine = r.assignment.transcript.find((e: { text: string }) => e.text === '¿Cuál es el horario?');
    expect(visitorLine).toMatchObject({ language: 'es', translationStatus: 'translated', translation: { language: 'en', text: '[en] ¿Cuál es el horario?', provider: 'fake' } });

    const onKiosk = next(r.kiosk, 'transcript:entry', 20_000, (e: { speaker: string }) => e.speaker === 'worker');
    await ok(r.sam, 'worker:message', { sessionId: r.session.id, text: 'Open until 5:15 pm.' });
    expect(await onKiosk).toMatchObject({ language: 'en', translationStatus: 'translated', translation: { language: 'es', text: '[es] Open until 5:15 pm.' } });

    const onConsole = next(r.sam, 'transcript:entry', 20_000, (e: { speaker: string }) => e.speaker === 'visitor');
    await ok(r.kiosk, 'visitor:message', { sessionId: r.session.id, text: 'Gracias' });
    expect(await onConsole).toMatchObject({ text: 'Gracias', translation: { language: 'en', text: '[en] Gracias' } });
    expect(translator.calls.some((c) => c.from === 'es' && c.to === 'en')).toBe(true);
    // The first test of the file also starts the orchestrator (media worker, models): 11-14 s idle, 20 s and more on a loaded machine.
  }, 60_000);

  it('keeps every line, marked untranslated, when the provider fails or none is configured', async () => {
    const translator = fakeTranslator();
    translator.failing = true;
    const r = await spanishVisitorWithEnglishWorker(translator);
    orch = r.orch;
    sockets.push(r.kiosk, r.sam);
    const res = await ok(r.sam, 'worker:message', { sessionId: r.session.id, text: 'One moment please.' });
    expect(res.entry).toMatchObject({ text: 'One moment please.', translation: null, translationStatus: 'untranslated' });
    const stored = await r.orch.store.transcript(r.session.id);
    expect(stored.map((e) => e.text)).toEqual(expect.arrayContaining(['¿Cuál es el horario?', 'One moment please.']));
    expect(stored.find((e) => e.text === '¿Cuál es el horario?')?.translationStatus).toBe('untranslated');
  });

  it('without a translator, says plainly that lines are untranslated', async () => {
    const r = await spanishVisitorWithEnglishWorker(null);
    orch = r.orch;
    sockets.push(r.kiosk, r.sam);
    const res = await ok(r.sam, 'worker:message', { sessionId: r.session.id, text: 'Hello' });
    expect(res.entry.translationStatus).toBe('untranslated');
  });
});

describe('per-line language and collected fields', () => {
  it('stores the language a line was written in, and collects stated details into the handoff', async () => {
    const orch = await startTestOrchestrator();
    try {
      const kiosk = await kioskSocket(orch);
      const sam = await consoleSocket(orch, 'sam');
      await ok(sam, 'console:hello');
      await ok(sam, 'worker:set-state', { state: 'available' });
      const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
      const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Hola, me llamo Lucía Gómez y mi número de expediente es EXP-7781' });
      expect(res.entries[0]).toMatchObject({ speaker: 'visitor', language: 'es' });
      const offer = next(sam, 'offer:new');
      await ok(kiosk, 'visitor:request-person', { sessionId: session.id });
      expect((await offer).handoff.collectedFields).toMatchObject({ name: 'Lucía Gómez', case_number: 'EXP-7781' });
      kiosk.close();
      sam.close();
    } finally {
      await orch.close();
    }
  });
});
