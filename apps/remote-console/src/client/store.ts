/** A tiny external store for React's `useSyncExternalStore`: immutable snapshots, synchronous listeners. */
export interface Store<S> {
  getSnapshot(): S;
  subscribe(listener: () => void): () => void;
  set(next: S): void;
  update(fn: (s: S) => S): void;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  const set = (next: S) => {
    if (Object.is(next, state)) return;
    state = next;
    for (const l of [...listeners]) l();
  };
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set,
    update: (fn) => set(fn(state)),
  };
}
