/**
 * A minor who states their school year, sent on an adult's errand, is a vulnerable visitor; an
 * adult recalling their school years is not (sentences written for these tests, not taken from any
 * evaluation set).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { createIntakeRunner, runIntakeTurn } from './runIntake.ts';

const runner = createIntakeRunner();
// Loading the knowledge base, its article classifier and the escalation model takes seconds on a busy machine.
beforeAll(() => {
  runIntakeTurn(runner, { turns: [{ role: 'visitor', text: 'hello' }], language: 'en' });
}, 120_000);
const codesOf = (text: string, language: Language) => runIntakeTurn(runner, { turns: [{ role: 'visitor', text }], language }).decision.reasons.map((r) => r.code);

describe('a school year stated by the visitor', () => {
  it.each([
    ['我初三，我爸在外地上班，让我带着他的户口本来开个证明，在哪儿办？', 'zh'],
    ["bonjour chu en sec 2, mon père m'a demandé de venir chercher son certificat de résidence", 'fr'],
    ["Je suis en 4e, ma mère m'envoie déposer son dossier de carte d'identité, c'est où ?", 'fr'],
  ] as const)('%s (%s): a minor on an errand, vulnerable', (text, lang) => {
    expect(codesOf(text, lang)).toContain('vulnerable_visitor');
  });

  it.each([
    ['我初二的时候就办过身份证了，现在要换新的去哪里？', 'zh'],
    ['我小学三年级的时候来过这里，现在办居住证明在哪个窗口？', 'zh'],
  ] as const)('%s (%s): an adult recalling school, not vulnerable', (text, lang) => {
    expect(codesOf(text, lang)).not.toContain('vulnerable_visitor');
  });
});
