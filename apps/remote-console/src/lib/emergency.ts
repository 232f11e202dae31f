import type { HandoffPackage, Language, Offer } from '@telekiosk/shared';

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

/**
 * An offer's "not one of your languages" flag: set when the router marked it (`needsTranslation`,
 * sent only when true) or when the worker's languages, as this console knows them, do not
 * include the visitor's (older orchestrators send no flag; an emergency offer may reach anyone).
 */
export function offerNeedsTranslation(offer: Pick<Offer, 'needsTranslation' | 'handoff'>, workerLanguages: readonly Language[] | undefined): boolean {
  return offer.needsTranslation === true || needsTranslation(offer.handoff.language, workerLanguages);
}
