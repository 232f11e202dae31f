import type { Disposition } from '@telekiosk/shared';

/** Dispositions that need a note for whoever follows up (wrap-up rule). */
export const NOTES_REQUIRED: readonly Disposition[] = ['follow_up', 'referred'];

export function notesRequired(d: Disposition | null): boolean {
  return d !== null && NOTES_REQUIRED.includes(d);
}

/** Why the wrap-up form cannot be sent yet, or null when it can. */
export function endFormProblem(d: Disposition | null, notes: string): 'disposition' | 'notes' | null {
  if (!d) return 'disposition';
  if (notesRequired(d) && !notes.trim()) return 'notes';
  return null;
}

/** Departments a call can be transferred to (cold transfer to a queue). */
export const DEPARTMENTS = ['general', 'citizen-services', 'tax', 'financial', 'environment', 'security', 'legal'] as const;
export type DepartmentName = (typeof DEPARTMENTS)[number];
