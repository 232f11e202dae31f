import { describe, expect, it } from 'vitest';
import type { RoutingEngine } from './engine.ts';
import { invariantViolations, setupEngine } from './testkit.ts';

/** Offers (reservations), worker states and wrap-up (fake clock). */
describe('RoutingEngine offers', () => {
  it('re-offers a declined task to the next best worker, skipping decliners until all declined', () => {
    const { engine, offers, revoked } = setupEngine();
    for (const [id, idle] of [['a', 1], ['b', 2], ['c', 3]] as const) engine.upsertWorker({ id, languages: ['en'], state: 'available', idleSince: idle });
    engine.enqueue({ id: 't', language: 'en', priority: 5 });
    const seen = [offers.at(-1)!.workerId];
    for (let i = 0; i < 3; i++) {
      const o = offers.at(-1)!;
      expect(engine.decline(o.offerId, o.workerId)).toBe(true);
      expect(engine.decline(o.offerId, o.workerId)).toBe(false); // already closed
      seen.push(offers.at(-1)!.workerId);
    }
    expect(seen).toEqual(['a', 'b', 'c', 'a']); // then a new round
    expect(revoked.map(([, r]) => r)).toEqual(['declined', 'declined', 'declined']);
    expect(invariantViolations(engine)).toEqual([]);
  });

  it('times out an offer after offerTimeoutMs: worker away (missed_offer), task re-offered', () => {
    const { engine, offers, revoked, states, clock } = setupEngine({ offerTimeoutMs: 20_000 });
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available', idleSince: 1 });
    engine.upsertWorker({ id: 'b', languages: ['en'], state: 'available', idleSince: 2 });
    engine.enqueue({ id: 't', language: 'en', priority: 5 });
    expect(offers[0]).toMatchObject({ workerId: 'a', expiresAt: clock.now() + 20_000 });
    clock.advance(19_999);
    expect(revoked).toHaveLength(0);
    clock.advance(1);
    expect(revoked).toEqual([[expect.objectContaining({ workerId: 'a' }), 'timeout']]);
    expect(engine.worker('a')).toMatchObject({ state: 'away', awayReason: 'missed_offer' });
    expect(states).toContainEqual(['a', 'away', 'missed_offer']);
    expect(offers.at(-1)?.workerId).toBe('b');
    // Accepting a timed-out offer fails.
    expect(engine.accept(offers[0]!.offerId, 'a')).toBeUndefined();
  });

  it('revokes offers when the task leaves or the worker goes away/offline, and re-routes', () => {
    const { engine, offers, revoked } = setupEngine();
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available', idleSince: 1 });
    engine.upsertWorker({ id: 'b', languages: ['en'], state: 'available', idleSince: 2 });
    engine.enqueue({ id: 't1', language: 'en', priority: 5 });
    expect(engine.removeTask('t1')).toBe(true);
    expect(revoked.at(-1)).toEqual([expect.objectContaining({ taskId: 't1', workerId: 'a' }), 'task_removed']);
    engine.enqueue({ id: 't2', language: 'en', priority: 5 });
    engine.setWorkerState('a', 'offline');
    expect(revoked.at(-1)).toEqual([expect.objectContaining({ taskId: 't2', workerId: 'a' }), 'worker_unavailable']);
    expect(offers.at(-1)).toMatchObject({ taskId: 't2', workerId: 'b' });
    engine.removeWorker('b');
    expect(engine.queueStatus('t2')).toMatchObject({ offered: false, availableWorkers: 0 });
    expect(engine.openOffers()).toEqual([]);
  });

  it('accept assigns the task once; foreign and repeated accepts fail', () => {
    const { engine, offers } = setupEngine();
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't', language: 'en', priority: 5, data: { any: 'payload' } });
    const id = offers[0]!.offerId;
    expect(engine.accept(id, 'b')).toBeUndefined();
    expect(engine.accept(id, 'a')).toMatchObject({ id: 't', state: 'assigned', workerId: 'a', data: { any: 'payload' } });
    expect(engine.accept(id, 'a')).toBeUndefined();
    expect(engine.queueStatus('t')).toBeUndefined();
    expect(engine.worker('a')?.state).toBe('busy');
  });

  it('never has two open offers for one task, also under interleaved re-entrant calls', () => {
    // Listeners call back into the engine while it emits: decline some offers at once,
    // remove tasks, flip workers - the invariants must hold after every step.
    let rnd = 42;
    const rand = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let eng: RoutingEngine;
    const inListeners: string[] = []; // listener exceptions are swallowed by the engine: collect instead
    const { engine, clock, offers, revoked } = setupEngine({ offerTimeoutMs: 5_000, wrapUpMs: 500, languageFallbackMs: 4_000 }, {
      offer: (o) => {
        const r = rand();
        if (r < 0.2) eng.decline(o.offerId, o.workerId);
        else if (r < 0.3) eng.removeTask(o.taskId);
        else if (r < 0.35) eng.setWorkerState(o.workerId, 'away', 'break');
        else if (r < 0.45) eng.accept(o.offerId, o.workerId);
        inListeners.push(...invariantViolations(eng));
      },
      offerRevoked: () => {
        if (rand() < 0.1) eng.enqueue({ id: `late-${Math.floor(rand() * 1e6)}`, language: 'en', priority: 3 });
      },
    });
    eng = engine;
    const langs = ['en', 'ja', 'es'] as const;
    for (let i = 0; i < 12; i++) engine.upsertWorker({ id: `w${i}`, languages: [langs[i % 3]!], capacity: 1 + (i % 2), state: 'available' });
    for (let step = 0; step < 3_000; step++) {
      const r = rand();
      if (r < 0.3) engine.enqueue({ id: `t${step}`, language: langs[step % 3]!, priority: step % 6 });
      else if (r < 0.5) {
        const o = engine.openOffers()[Math.floor(rand() * 5)];
        if (o) (rand() < 0.5 ? engine.accept(o.offerId, o.workerId) : engine.decline(o.offerId, o.workerId));
      } else if (r < 0.6) {
        const busy = engine.workers().flatMap((w) => w.activeTasks);
        if (busy.length) engine.completeTask(busy[Math.floor(rand() * busy.length)]!);
      } else if (r < 0.7) engine.setWorkerState(`w${Math.floor(rand() * 12)}`, rand() < 0.7 ? 'available' : 'away');
      else if (r < 0.75) {
        const q = engine.queuedTaskIds();
        if (q.length) engine.removeTask(q[Math.floor(rand() * q.length)]!);
      } else clock.advance(Math.floor(rand() * 3_000));
      expect(invariantViolations(engine)).toEqual([]);
    }
    expect(inListeners).toEqual([]);
    // The run exercised every path.
    const reasons = new Set(revoked.map(([, r]) => r));
    expect([...reasons].sort()).toEqual(['declined', 'task_removed', 'timeout', 'worker_unavailable']);
    expect(offers.length).toBeGreaterThan(300);
    expect(offers.some((o) => o.needsTranslation)).toBe(true);
  });

  it('emits events only after the state change is complete', () => {
    const seen: (string | undefined)[] = [];
    let eng: RoutingEngine;
    const { engine } = setupEngine({}, { offer: (o) => seen.push(eng.getOffer(o.offerId, o.workerId)?.taskId), queueChanged: (q) => seen.push(`changed:${q.join(',')}`) });
    eng = engine;
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't', language: 'en', priority: 5 });
    expect(seen).toEqual(['t', 'changed:general']); // one queueChanged per operation
  });
});

describe('RoutingEngine worker states and wrap-up', () => {
  it('puts the worker in wrap_up for wrapUpMs after completing, then available and routed', () => {
    const { engine, offers, states, clock } = setupEngine({ wrapUpMs: 5_000 });
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't1', language: 'en', priority: 5 });
    engine.accept(offers[0]!.offerId, 'a');
    engine.enqueue({ id: 't2', language: 'en', priority: 5 });
    expect(offers).toHaveLength(1);
    engine.completeTask('t1');
    expect(engine.worker('a')).toMatchObject({ state: 'wrap_up', wrapUpSlots: 1 });
    clock.advance(4_999);
    expect(offers).toHaveLength(1);
    clock.advance(1);
    expect(engine.worker('a')?.state).toBe('available');
    expect(offers.at(-1)).toMatchObject({ taskId: 't2', workerId: 'a' });
    expect(states.map(([, s]) => s)).toEqual(['available', 'busy', 'wrap_up', 'available']);
    // A per-call wrap-up overrides the default.
    engine.accept(offers.at(-1)!.offerId, 'a');
    engine.completeTask('t2', { wrapUpMs: 0 });
    expect(engine.worker('a')?.state).toBe('available');
  });

  it('ends wrap-up early (endWrapUp, or setting available)', () => {
    const { engine, offers } = setupEngine({ wrapUpMs: 60_000 });
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't1', language: 'en', priority: 5 });
    engine.accept(offers[0]!.offerId, 'a');
    engine.completeTask('t1');
    engine.enqueue({ id: 't2', language: 'en', priority: 5 });
    expect(engine.endWrapUp('a')).toBe(true);
    expect(engine.endWrapUp('a')).toBe(false);
    expect(offers.at(-1)).toMatchObject({ taskId: 't2', workerId: 'a' });
    engine.accept(offers.at(-1)!.offerId, 'a');
    engine.removeTask('t2'); // removing an assigned task completes it
    expect(engine.worker('a')?.state).toBe('wrap_up');
    engine.setWorkerState('a', 'available');
    expect(engine.worker('a')?.state).toBe('available');
  });

  it('keeps away reasons; no offers while away; a busy worker set away takes no new work', () => {
    const { engine, offers, states, clock } = setupEngine({ wrapUpMs: 1_000 });
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'away', awayReason: 'break' });
    expect(engine.worker('a')).toMatchObject({ state: 'away', awayReason: 'break' });
    engine.enqueue({ id: 't1', language: 'en', priority: 5 });
    expect(offers).toHaveLength(0);
    engine.setWorkerState('a', 'away', 'meeting');
    expect(states.at(-1)).toEqual(['a', 'away', 'meeting']);
    engine.setWorkerState('a', 'available');
    engine.accept(offers[0]!.offerId, 'a');
    engine.enqueue({ id: 't2', language: 'en', priority: 5 });
    engine.setWorkerState('a', 'away', 'meal'); // pending away: stays busy with t1
    expect(engine.worker('a')).toMatchObject({ state: 'busy', presence: 'away', awayReason: 'meal' });
    engine.completeTask('t1');
    clock.advance(10_000);
    expect(engine.worker('a')).toMatchObject({ state: 'away', awayReason: 'meal' });
    expect(offers).toHaveLength(1);
    expect(engine.setWorkerState('nobody', 'available')).toBeUndefined();
  });

  it('keeps the load of a worker who disconnects and comes back', () => {
    const { engine, offers } = setupEngine();
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't1', language: 'en', priority: 5 });
    engine.accept(offers[0]!.offerId, 'a');
    expect(engine.removeWorker('a')).toEqual(['t1']);
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't2', language: 'en', priority: 5 });
    expect(engine.worker('a')).toMatchObject({ state: 'busy', activeTasks: ['t1'] });
    expect(offers).toHaveLength(1);
  });

  it('close cancels timers and offers silently', () => {
    const { engine, offers, revoked, clock } = setupEngine();
    engine.upsertWorker({ id: 'a', languages: ['en'], state: 'available' });
    engine.enqueue({ id: 't1', language: 'en', priority: 5 });
    engine.close();
    engine.close();
    clock.advance(3_600_000);
    expect(revoked).toHaveLength(0);
    expect(engine.openOffers()).toEqual([]);
    expect(clock.pending).toBe(0);
    engine.enqueue({ id: 't2', language: 'en', priority: 5 });
    expect(offers).toHaveLength(1);
  });
});
