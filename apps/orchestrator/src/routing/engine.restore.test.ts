import { describe, expect, it } from 'vitest';
import { invariantViolations, setupEngine } from './testkit.ts';

/** Rebuilding routing state after a restart (fake clock): nothing that was open is re-offered or restarted. */
describe('RoutingEngine.restore', () => {
  it('keeps queue order by original age and does not re-offer a task whose offer is still open', () => {
    const { engine, offers, clock } = setupEngine({ offerTimeoutMs: 20_000, agingStepPerMinute: 0 });
    const now = clock.now();
    const rejected = engine.restore({
      workers: [
        { id: 'a', languages: ['en'], state: 'available', idleSince: now - 50_000 },
        { id: 'b', languages: ['en'], state: 'away', awayReason: 'break' },
      ],
      tasks: [
        { id: 'young', language: 'en', priority: 5, state: 'queued', createdAt: now - 1_000, queuedAt: now - 1_000 },
        { id: 'old', language: 'en', priority: 5, state: 'queued', createdAt: now - 90_000, queuedAt: now - 90_000 },
      ],
      offers: [{ offerId: 'o-old', taskId: 'old', workerId: 'a', createdAt: now - 12_000, expiresAt: now + 8_000, needsTranslation: false, directed: false }],
    });
    expect(rejected).toEqual([]);
    expect(offers).toEqual([]); // the open offer is restored silently, nothing new goes out
    expect(engine.queuedTaskIds()).toEqual(['old', 'young']);
    expect(engine.getOffer('o-old', 'a')).toMatchObject({ taskId: 'old', expiresAt: now + 8_000 });
    expect(engine.queueStatus('young')).toMatchObject({ position: 2, offered: false });
    // The deadline is honoured, not restarted: 8 s later it times out and the worker goes away.
    clock.advance(7_999);
    expect(engine.getOffer('o-old')).toBeDefined();
    clock.advance(1);
    expect(engine.getOffer('o-old')).toBeUndefined();
    expect(engine.worker('a')).toMatchObject({ state: 'away', awayReason: 'missed_offer' });
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('times out at once an offer whose deadline passed while the process was down, then re-offers', () => {
    const { engine, offers, revoked, clock } = setupEngine();
    const now = clock.now();
    engine.restore({
      workers: [
        { id: 'a', languages: ['en'], state: 'available', idleSince: 1 },
        { id: 'b', languages: ['en'], state: 'available', idleSince: 2 },
      ],
      tasks: [{ id: 't', language: 'en', priority: 5, state: 'queued', createdAt: now - 60_000, queuedAt: now - 60_000 }],
      offers: [{ offerId: 'gone', taskId: 't', workerId: 'a', createdAt: now - 30_000, expiresAt: now - 10_000, needsTranslation: false, directed: false }],
    });
    clock.advance(0);
    expect(revoked).toEqual([[expect.objectContaining({ offerId: 'gone' }), 'timeout']]);
    expect(offers.at(-1)).toMatchObject({ taskId: 't', workerId: 'b' });
  });

  it('restores assigned tasks on their workers and a running wrap-up with its remaining time', () => {
    const { engine, offers, clock } = setupEngine({ wrapUpMs: 30_000 });
    const now = clock.now();
    engine.restore({
      workers: [
        { id: 'busy', languages: ['en'], state: 'available' },
        { id: 'wrapping', languages: ['en'], state: 'available', wrapUpUntil: now + 4_000 },
      ],
      tasks: [
        { id: 'call', language: 'en', priority: 5, state: 'assigned', workerId: 'busy', assignedAt: now - 100_000, createdAt: now - 200_000 },
        { id: 'waiting', language: 'en', priority: 5, state: 'queued', createdAt: now - 5_000 },
      ],
      offers: [],
    });
    expect(engine.worker('busy')).toMatchObject({ state: 'busy', activeTasks: ['call'] });
    expect(engine.worker('wrapping')).toMatchObject({ state: 'wrap_up' });
    expect(offers).toEqual([]);
    clock.advance(4_000);
    expect(engine.worker('wrapping')?.state).toBe('available');
    expect(offers.at(-1)).toMatchObject({ taskId: 'waiting', workerId: 'wrapping' });
    // Completing the restored call puts its worker into wrap-up as usual.
    expect(engine.completeTask('call')).toBe(true);
    expect(engine.worker('busy')?.state).toBe('wrap_up');
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('rejects offers it cannot restore (unknown worker, second offer of one task) for the caller to close', () => {
    const { engine, clock } = setupEngine();
    const now = clock.now();
    const rejected = engine.restore({
      workers: [{ id: 'a', languages: ['en'], state: 'available' }],
      tasks: [{ id: 't', language: 'en', priority: 5, state: 'queued' }],
      offers: [
        { offerId: 'o1', taskId: 't', workerId: 'a', createdAt: now, expiresAt: now + 5_000, needsTranslation: false, directed: false },
        { offerId: 'o2', taskId: 't', workerId: 'a', createdAt: now, expiresAt: now + 5_000, needsTranslation: false, directed: false },
        { offerId: 'o3', taskId: 't', workerId: 'ghost', createdAt: now, expiresAt: now + 5_000, needsTranslation: false, directed: false },
      ],
    });
    expect(rejected.map((o) => o.offerId)).toEqual(['o2', 'o3']);
    expect(engine.openOffers().map((o) => o.offerId)).toEqual(['o1']);
  });

  it('restores a pending warm transfer: the directed offer keeps its deadline and its accept passes the call over', () => {
    const { engine, clock } = setupEngine({ wrapUpMs: 1_000 });
    const now = clock.now();
    engine.restore({
      workers: [
        { id: 'from', languages: ['en'], state: 'available' },
        { id: 'to', languages: ['en'], state: 'available' },
      ],
      tasks: [{ id: 'call', language: 'en', priority: 5, state: 'assigned', workerId: 'from', assignedAt: now - 1_000 }],
      offers: [{ offerId: 'warm', taskId: 'call', workerId: 'to', createdAt: now - 1_000, expiresAt: now + 10_000, needsTranslation: false, directed: true }],
    });
    expect(engine.task('call')).toMatchObject({ transferTo: 'to', offerId: 'warm' });
    expect(engine.accept('warm', 'to')).toMatchObject({ workerId: 'to', state: 'assigned' });
    expect(engine.worker('from')?.state).toBe('wrap_up');
  });
});
