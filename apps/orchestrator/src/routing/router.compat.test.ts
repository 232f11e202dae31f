import { describe, expect, it } from 'vitest';
import { ManualClock } from './manualClock.ts';
import { TaskRouter, type OpenOffer } from './router.ts';

/** Facade behaviours the session service relies on, beyond router.test.ts. */
function setup(routing = {}) {
  const clock = new ManualClock();
  const offers: OpenOffer[] = [];
  const revoked: [OpenOffer, string][] = [];
  let changes = 0;
  let n = 0;
  const router = new TaskRouter({ offerTimeoutMs: 20_000, avgHandleMs: 240_000, clock, newId: () => `o${++n}`, routing, events: { offer: (o) => offers.push(o), offerRevoked: (o, r) => revoked.push([o, r]), queueChanged: () => changes++ } });
  return { clock, router, offers, revoked, changes: () => changes };
}

describe('TaskRouter facade', () => {
  it('marks offers to non-speakers with needsTranslation (non-speakers eligible at once, after speakers)', () => {
    const { router, offers } = setup();
    router.upsertWorker({ workerId: 'sam', languages: ['en'], available: true });
    router.enqueue({ sessionId: 's1', language: 'ja', priority: 5, enqueuedAt: 0 });
    expect(offers).toEqual([expect.objectContaining({ sessionId: 's1', workerId: 'sam', needsTranslation: true })]);
  });

  it('honours a 60 s language fallback when configured', () => {
    const { router, offers, clock } = setup({ languageFallbackMs: 60_000 });
    router.upsertWorker({ workerId: 'sam', languages: ['en'], available: true });
    router.enqueue({ sessionId: 's1', language: 'ja', priority: 5, enqueuedAt: clock.now() });
    expect(offers).toHaveLength(0);
    clock.advance(60_000);
    expect(offers).toHaveLength(1);
  });

  it('puts a claimed task back in its queue when enqueued again (accept not persisted), with its age', () => {
    const { router, offers } = setup();
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true });
    router.enqueue({ sessionId: 's1', language: 'en', priority: 5, enqueuedAt: 10 });
    const task = router.claim(offers[0]!.offerId, 'a')!;
    expect(task).toEqual({ sessionId: 's1', language: 'en', priority: 5, enqueuedAt: 10 });
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: false }); // session service: busy
    router.enqueue({ sessionId: 's2', language: 'en', priority: 5, enqueuedAt: 20 });
    router.enqueue(task);
    expect(router.queuedSessionIds()).toEqual(['s1', 's2']);
    router.upsertWorker({ workerId: 'b', languages: ['en'], available: true });
    expect(offers.at(-1)).toMatchObject({ sessionId: 's1', workerId: 'b' });
  });

  it('requeues at head and frees the slot of a claimed task on removeTask', () => {
    const { router, offers, revoked } = setup();
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true });
    router.enqueue({ sessionId: 'call', language: 'en', priority: 5, enqueuedAt: 50 });
    const call = router.claim(offers[0]!.offerId, 'a')!;
    router.enqueue({ sessionId: 'waiting', language: 'en', priority: 3, enqueuedAt: 0 });
    router.removeWorker('a'); // worker dropped mid-call
    router.requeueAtHead(call);
    expect(router.queuedSessionIds()).toEqual(['call', 'waiting']);
    expect(router.queueStatus('call')).toMatchObject({ position: 1, offered: false });
    router.removeTask('call');
    router.removeTask('waiting');
    expect(router.queuedSessionIds()).toEqual([]);
    expect(revoked).toHaveLength(0);
  });

  it('emits one queueChanged per call', () => {
    const { router, changes } = setup();
    router.upsertWorker({ workerId: 'a', languages: ['en'], available: true });
    const before = changes();
    router.enqueue({ sessionId: 's1', language: 'en', priority: 5, enqueuedAt: 0 });
    expect(changes() - before).toBe(1);
  });
});
