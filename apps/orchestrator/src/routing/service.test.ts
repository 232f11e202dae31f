import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { ManualClock } from './manualClock.ts';
import { RoutingService, type RoutedOffer } from './service.ts';
import { MemoryRoutingStore } from './store.ts';

const log = createLogger('silent');

function service(store: MemoryRoutingStore, clock: ManualClock, offers: RoutedOffer[] = [], config = {}) {
  let n = 0;
  const revoked: [RoutedOffer, string][] = [];
  const svc = new RoutingService({
    store,
    clock,
    newId: () => `offer-${clock.now()}-${++n}`,
    log,
    config: { offerTimeoutMs: 20_000, wrapUpMs: 5_000, languageFallbackMs: 0, agingStepPerMinute: 0, ...config },
    events: { offer: (o) => offers.push(o), offerRevoked: (o, r) => revoked.push([o, r]) },
  });
  return { svc, offers, revoked };
}

const profile = (id: string) => ({ id, languages: ['en' as const] });
const task = (sessionId: string, createdAt?: number) => ({ sessionId, deviceId: `d-${sessionId}`, language: 'en' as const, priority: 5, ...(createdAt ? { createdAt } : {}) });

describe('RoutingService (state in the store)', () => {
  it('stores tasks, offers with deadlines and presence as routing changes them', async () => {
    const store = new MemoryRoutingStore();
    const clock = new ManualClock();
    const { svc, offers } = service(store, clock);
    await svc.workerOnline(profile('a'), false);
    expect(store.presence.get('a')).toMatchObject({ presence: 'away', connected: true });
    await svc.setPresence('a', 'available');
    await svc.enqueue(task('s1'));
    await svc.flush();
    expect(store.tasks.get('s1')).toMatchObject({ state: 'queued', deviceId: 'd-s1', priority: 5 });
    expect(offers).toHaveLength(1);
    const o = offers[0]!;
    expect(store.offers.get(o.offerId)).toMatchObject({ status: 'open', workerId: 'a', expiresAt: clock.now() + 20_000, kind: 'routed' });
    expect((await svc.accept(o.offerId, 'a'))?.task).toMatchObject({ state: 'assigned', workerId: 'a' });
    await svc.flush();
    expect(store.offers.get(o.offerId)?.status).toBe('accepted');
    expect(store.tasks.get('s1')).toMatchObject({ state: 'assigned', workerId: 'a' });
    await svc.complete('s1');
    expect(store.tasks.has('s1')).toBe(false);
    expect(store.presence.get('a')).toMatchObject({ presence: 'available', wrapUpUntil: clock.now() + 5_000 });
  });

  it('after a restart keeps each waiting visitor in place and the open offer with its original deadline', async () => {
    const store = new MemoryRoutingStore();
    store.profiles.set('a', { languages: ['en'], departments: ['general'], level: 1 });
    const clock = new ManualClock();
    const first = service(store, clock);
    await first.svc.workerOnline(profile('a'), false);
    await first.svc.setPresence('a', 'available');
    await first.svc.enqueue(task('old'));
    clock.advance(3_000);
    await first.svc.enqueue(task('young'));
    await first.svc.flush();
    const offer = first.offers[0]!;
    expect(offer.sessionId).toBe('old');
    // kill -9: the engine's memory is gone; 6 s pass before a new process starts.
    first.svc.close();
    clock.advance(6_000);
    const second = service(store, clock);
    const connected = await second.svc.start();
    expect(connected.map((w) => w.workerId)).toEqual(['a']);
    expect(second.offers).toEqual([]); // nothing re-offered
    expect(second.svc.queuedSessionIds()).toEqual(['old', 'young']);
    expect(second.svc.getOffer(offer.offerId, 'a')).toMatchObject({ sessionId: 'old', expiresAt: offer.expiresAt });
    expect(second.svc.queueStatus('young')).toMatchObject({ position: 2 });
    // The worker can still accept the offer made before the crash.
    expect((await second.svc.accept(offer.offerId, 'a'))?.task.id).toBe('old');
  });

  it('does not penalise a worker for an offer that expired while no process was routing', async () => {
    const store = new MemoryRoutingStore();
    store.profiles.set('a', { languages: ['en'], departments: ['general'], level: 1 });
    const clock = new ManualClock();
    const first = service(store, clock);
    await first.svc.workerOnline(profile('a'), false);
    await first.svc.setPresence('a', 'available');
    await first.svc.enqueue(task('s'));
    await first.svc.flush();
    first.svc.close();
    clock.advance(60_000);
    const second = service(store, clock);
    await second.svc.start();
    await second.svc.flush();
    expect(store.offers.get(first.offers[0]!.offerId)).toMatchObject({ status: 'revoked', reason: 'expired_while_down' });
    // Re-offered at once to the same (still available) worker.
    expect(second.offers.at(-1)).toMatchObject({ sessionId: 's', workerId: 'a' });
    expect(second.svc.worker('a')?.state).toBe('available');
  });

  it('a worker who comes back within the grace keeps their presence; a fresh sign-in starts away', async () => {
    const store = new MemoryRoutingStore();
    const clock = new ManualClock();
    const { svc } = service(store, clock);
    await svc.workerOnline(profile('a'), false);
    await svc.setPresence('a', 'available');
    await svc.workerOffline('a');
    await svc.flush();
    expect(store.presence.get('a')).toMatchObject({ presence: 'available', connected: false, disconnectedAt: clock.now() });
    expect((await svc.workerOnline(profile('a'), true)).presence).toBe('available');
    await svc.workerOffline('a');
    expect((await svc.workerOnline(profile('a'), false)).presence).toBe('away');
  });

  it('keeps routing from memory and logs when the store fails, and writes again once it is back', async () => {
    const store = new MemoryRoutingStore();
    const clock = new ManualClock();
    const { svc, offers } = service(store, clock);
    await svc.workerOnline(profile('a'), false);
    await svc.setPresence('a', 'available');
    store.failing = true;
    await svc.enqueue(task('s1'));
    await svc.flush();
    expect(svc.queueStatus('s1')).toMatchObject({ offered: true });
    // Still delivered: an offer nobody sees would time out and mark the worker away for nothing.
    expect(offers).toHaveLength(1);
    expect(store.offers.size).toBe(0);
    store.failing = false;
    await svc.enqueue(task('s2'));
    await svc.flush();
    expect(store.tasks.has('s2')).toBe(true);
  });

  it('carries the kind, sender and note of a warm transfer and reports its failure', async () => {
    const store = new MemoryRoutingStore();
    const clock = new ManualClock();
    const failed: string[] = [];
    let n = 0;
    const offers: RoutedOffer[] = [];
    const svc = new RoutingService({
      store,
      clock,
      newId: () => `o${++n}`,
      log,
      config: { offerTimeoutMs: 20_000, languageFallbackMs: 0 },
      events: { offer: (o) => offers.push(o), transferFailed: (s, w, r, meta) => failed.push(`${s}:${w}:${r}:${meta.kind}:${meta.fromWorkerId}`) },
    });
    for (const id of ['a', 'b']) {
      await svc.workerOnline(profile(id), false);
      await svc.setPresence(id, 'available');
    }
    await svc.enqueue(task('s'));
    await svc.flush();
    const first = offers[0]!;
    await svc.accept(first.offerId, first.workerId);
    const other = first.workerId === 'a' ? 'b' : 'a';
    expect(await svc.directOffer('s', other, { kind: 'transfer', fromWorkerId: first.workerId, note: 'billing question' })).toBe(true);
    await svc.flush();
    expect(offers.at(-1)).toMatchObject({ kind: 'transfer', fromWorkerId: first.workerId, note: 'billing question', workerId: other });
    expect(store.offers.get(offers.at(-1)!.offerId)).toMatchObject({ kind: 'transfer', note: 'billing question' });
    await svc.decline(offers.at(-1)!.offerId, other);
    expect(failed).toEqual([`s:${other}:declined:transfer:${first.workerId}`]);
    expect(svc.task('s')).toMatchObject({ state: 'assigned', workerId: first.workerId });
  });
});
