import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KbAssist } from '../src/assist/kbAssist.ts';
import { loadConfig, REPO_ROOT } from '../src/config.ts';
import { KnowledgeBase } from '../src/intake/knowledgeBase.ts';
import { startOrchestrator, type Orchestrator } from '../src/server.ts';
import { ask, consoleSocket, fakeIntake, kioskSocket, next, ok } from './helpers.ts';

describe('agent assist during a call', () => {
  let orch: Orchestrator;
  beforeAll(async () => {
    const kb = KnowledgeBase.fromFile(join(REPO_ROOT, 'apps/orchestrator/data/knowledge-base.json'));
    orch = await startOrchestrator(loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent' }), { intake: fakeIntake, assist: new KbAssist(kb) });
  });
  afterAll(async () => orch?.close());

  it('pushes suggestions for the visitor latest utterance to the assigned worker only', async () => {
    const kiosk = await kioskSocket(orch);
    const sam = await consoleSocket(orch, 'sam');
    const maria = await consoleSocket(orch, 'maria');
    await ok(sam, 'console:hello');
    await ok(maria, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    await ok(sam, 'offer:accept', { offerId: (await next(sam, 'offer:new')).id });
    const mariaGot: unknown[] = [];
    maria.on('assist:update', (u) => mariaGot.push(u));
    const update = next(sam, 'assist:update');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'How do I sort my garbage?' });
    const u = await update;
    expect(u.sessionId).toBe(session.id);
    expect(u.suggestions[0]).toMatchObject({ source: 'kb', language: 'en' });
    expect(u.suggestions[0].article.id).toMatch(/garbage/);
    expect(await ok(sam, 'assist:latest', { sessionId: session.id })).toEqual(u);
    expect(await ask(maria, 'assist:latest', { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(mariaGot).toEqual([]);
    kiosk.close();
    sam.close();
    maria.close();
  });
});
