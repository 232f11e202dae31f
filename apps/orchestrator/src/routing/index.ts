/**
 * Routing engine public API: {@link RoutingEngine} (engine.ts), its types (types.ts), the
 * wait-estimate formula (estimate.ts), the eligibility and ranking rules (matching.ts), the
 * queue order (queue.ts), and {@link RoutingService} (service.ts): the engine with its state in a {@link RoutingStore}.
 */
export * from './types.ts';
export { RoutingEngine } from './engine.ts';
export { estimateWaitMs } from './estimate.ts';
export { compareCandidates, matchWorker, type Match } from './matching.ts';
export { compareKeys, effectivePriority, orderKey } from './queue.ts';
export { RoutingService, type NewTask, type RoutedOffer, type RoutingServiceEvents, type RoutingServiceOptions, type WorkerProfile } from './service.ts';
export { MemoryRoutingStore, type OfferKind, type OfferOutcome, type RoutingStore, type StoredOffer, type StoredPresence, type StoredTask, type StoredWorkerPresence } from './store.ts';
export { ManualClock } from './manualClock.ts';
