/**
 * Shape checks of the cue lexicons. In a pattern a space joins the words of one phrase and `|`
 * separates the alternatives of one word, so a list of phrases written as one entry
 * ('excepcion|permiso especial|caso especial|…') is one long phrase that never matches. That
 * mistake hid Spanish, Portuguese and French exception cues until 2026-12-07; a word that stands
 * in two slots of one pattern is its mark. The patterns below repeat a word on purpose.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@telekiosk/shared';
import { CUE_LEXICONS } from './index.ts';
import { REQUEST_PERSON_EXTRA } from '../../intake/lexicon/requestPerson.ts';
import { findCues } from '../cues.ts';
import { defaultPolicy } from '../policySchema.ts';

/** Patterns that repeat a word across their slots on purpose ("fire fire", "vous vous moquez"). */
const REPEATED_ON_PURPOSE = new Set([
  "you don't|dont|do_not|didn't|didnt|did_not|don't|dont|aren't|arent understand|understanding|listening|get_it|helping",
  'please please',
  'fire fire',
  'help help',
  'hilfe hilfe',
  'gdpr|data_protection request|request|rights|officer',
  'me quede|quedé|quedo sin chamba|trabajo|empleo|chamba',
  'mon chef|ma cheffe|mon patron|ma patronne va me tuer',
  'vous ne comprenez|comprenez pas',
  'vous vous moquez|foutez',
  'je suis|suis a_bout|au_bout_du_rouleau',
  'je suis|suis|est handicape|handicapee|en_situation_de_handicap|autiste',
  'personne agee|agee|vieux|vieille|grand-mere|grand-pere|retraite|retraitee',
]);

/** Every plain (not `re:`) pattern of a language's cue lexicon and extra request patterns. */
function patternsOf(lang: (typeof LANGUAGES)[number]): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const p of v) if (typeof p === 'string' && !p.startsWith('re:')) out.push(p);
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const x of Object.values(v)) walk(x);
  };
  walk(CUE_LEXICONS[lang]);
  const extra = (REQUEST_PERSON_EXTRA as Record<string, { patterns: readonly string[] }>)[lang];
  if (extra) walk(extra.patterns);
  return out;
}

describe('cue lexicon patterns', () => {
  it.each(LANGUAGES.map((l) => [l]))('[%s] no word stands in two slots of one pattern (a list written as one phrase)', (lang) => {
    const suspicious = patternsOf(lang).filter((p) => {
      if (REPEATED_ON_PURPOSE.has(p)) return false;
      // (optional slots are left out: "a real live person" repeats its optional adjectives on purpose)
      const slots = p.split(' ').filter((s) => s !== '*' && !s.endsWith('?'));
      const words = slots.flatMap((slot) => [...new Set(slot.split('|'))]);
      return words.some((w, i) => w.length > 2 && words.indexOf(w) !== i);
    });
    expect(suspicious).toEqual([]);
  });

  it.each([
    ['es', 'quisiera pedir una excepción', 'policyException'],
    ['es', '¿hay algún descuento para mí?', 'policyException'],
    ['pt', 'não tem um desconto?', 'policyException'],
    ['fr', 'vous pouvez faire une exception ?', 'policyException'],
    ['fr', 'ça peut être moins cher ?', 'policyException'],
  ])('[%s] "%s" has a %s cue', (lang, text, kind) => {
    expect(findCues(text, defaultPolicy(), [lang as never]).map((h) => h.kind)).toContain(kind);
  });
});
