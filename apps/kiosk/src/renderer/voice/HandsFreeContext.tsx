import { createContext, useContext, useSyncExternalStore } from 'react';

/** `off`: not listening; `listening`: the microphone is open, waiting for speech; `hearing`: speech detected. */
export type HandsFreeState = 'off' | 'listening' | 'hearing';

/** What the UI needs of hands-free speech input (voice activity detection). */
export interface HandsFreeControl {
  /** The VAD model and microphone can be used here (not when either failed to load). */
  readonly available: boolean;
  readonly state: HandsFreeState;
  toggle(): void;
}

/** A store the UI subscribes to (the {@link HandsFree} controller implements it). */
export interface HandsFreeSource {
  subscribe(fn: () => void): () => void;
  getSnapshot(): HandsFreeControl;
}

const Ctx = createContext<HandsFreeSource | null>(null);
export const HandsFreeProvider = Ctx.Provider;

const UNAVAILABLE: HandsFreeControl = { available: false, state: 'off', toggle: () => {} };
const NONE: HandsFreeSource = { subscribe: () => () => {}, getSnapshot: () => UNAVAILABLE };

/** Hands-free control of this kiosk, or one that is not available (no provider mounted). */
export function useHandsFree(): HandsFreeControl {
  const src = useContext(Ctx) ?? NONE;
  return useSyncExternalStore(src.subscribe, src.getSnapshot);
}
