/**
 * Routing engine public API: {@link RoutingEngine} (engine.ts), its types (types.ts), the
 * wait-estimate formula (estimate.ts), the eligibility and ranking rules (matching.ts), the
 * queue order (queue.ts) and the backward-compatible {@link TaskRouter} facade (router.ts).
 */
export * from './types.ts';
export { RoutingEngine } from './engine.ts';
export { estimateWaitMs } from './estimate.ts';
export { compareCandidates, matchWorker, type Match } from './matching.ts';
export { compareKeys, effectivePriority, orderKey } from './queue.ts';
export { COMPAT_ROUTING_DEFAULTS, TaskRouter, type OpenOffer, type RoutableWorker, type RouterEvents, type RouterOptions, type Task } from './router.ts';
export { ManualClock } from './manualClock.ts';
