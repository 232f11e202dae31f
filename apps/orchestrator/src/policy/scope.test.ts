import { describe, expect, it } from 'vitest';
import { cueScope } from './scope.ts';

/** [language, text, cue phrase as matched, expected scope] in all eight languages. */
const CASES: [string, string, string, 'negation' | 'reported' | null][] = [
  ['en', "I don't need a person, just the hours", 'need a person', 'negation'],
  ['en', 'The staff at counter 3 told me to ask you', 'staff', 'reported'],
  ['en', 'I need a person now', 'need a person', null],
  ['ja', '職員さんは呼ばなくていいので、時間だけ教えて', '職員さんは呼', 'negation'],
  ['ja', '窓口の職員さんにここで聞くように言われました', '職員さんに', 'reported'],
  ['ja', '職員さんを呼んでください', '職員さんを呼', null],
  ['zh', '不用叫工作人员，告诉我时间', '工作人员', 'negation'],
  ['zh', '窗口的工作人员让我来问你', '工作人员', 'reported'],
  ['zh', '请叫工作人员过来', '工作人员', null],
  ['es', 'No necesito hablar con nadie, solo el horario', 'hablar con nadie', 'negation'],
  ['es', 'Ya hablé con alguien en recepción', 'hable con alguien', 'reported'],
  ['es', 'Quiero hablar con alguien', 'hablar con alguien', null],
  ['ko', '직원은 안 불러도 돼요', '직원', 'negation'],
  ['ko', '직원분이 여기서 물어보라고 했어요', '직원', 'reported'],
  ['ko', '직원 불러 주세요', '직원', null],
  ['fr', "Je n'ai pas besoin de parler à quelqu'un", "parler a quelqu'un", 'negation'],
  ['fr', "L'agent m'a dit de vous demander", 'agent', 'reported'],
  ['fr', "Je veux parler à quelqu'un", "parler a quelqu'un", null],
  ['de', 'Ich brauche keinen Mitarbeiter', 'brauche keinen mitarbeiter', 'negation'],
  ['de', 'Die Mitarbeiterin hat gesagt, ich soll Sie fragen', 'gesagt', 'reported'],
  ['de', 'Ich brauche einen Mitarbeiter', 'brauche einen mitarbeiter', null],
  ['pt', 'Não preciso falar com ninguém', 'falar com ninguem', 'negation'],
  ['pt', 'A funcionária me disse para perguntar a você', 'disse', 'reported'],
  ['pt', 'Quero falar com um funcionário', 'falar com um funcionario', null],
];

describe('cue scope rules (negation and reported speech) in every language', () => {
  it.each(CASES)('[%s] %s', (_lang, text, phrase, expected) => {
    expect(cueScope(text, phrase, { reportedSubject: true })).toBe(expected);
  });

  it('a topic that is the subject of reporting still stands ("my lawyer told me")', () => {
    expect(cueScope('My lawyer told me to come here', 'lawyer')).toBeNull();
    expect(cueScope('My lawyer told me to come here', 'lawyer', { reportedSubject: true })).toBe('reported');
    expect(cueScope('My neighbour said I should complain', 'complain')).toBe('reported');
  });
});
