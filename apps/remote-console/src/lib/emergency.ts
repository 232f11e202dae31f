import type { HandoffPackage, Language } from '@telekiosk/shared';

/**
 * A safety escalation (emergency, injury, threat at a device): its offer is flagged, rings the
 * alarm instead of the chime, and goes to any available worker whatever their languages.
 */
export function isEmergency(h: Pick<HandoffPackage, 'reasons' | 'urgency'>): boolean {
  return h.reasons.some((r) => r.code === 'safety');
}

/** The visitor speaks a language the worker does not: the call needs live translation. */
export function needsTranslation(visitor: Language, workerLanguages: readonly Language[] | undefined): boolean {
  return !!workerLanguages && !workerLanguages.includes(visitor);
}
