import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../intake/text.ts';
import { CONCEPT_FORMS, CONCEPTS, conceptsIn } from './concepts.ts';
import { featureStrings } from './features.ts';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const of = (text: string) => conceptsIn(normalizeText(text));

describe('concept forms', () => {
  it.each(Object.keys(CONCEPT_FORMS))('[%s] every concept has forms, none empty or too short to be safe', (lang) => {
    const forms = CONCEPT_FORMS[lang]!;
    for (const c of CONCEPTS) {
      expect({ c, n: forms[c]?.length ?? 0 }).toMatchObject({ c, n: expect.any(Number) });
      expect(forms[c]!.length, `${lang} ${c}`).toBeGreaterThan(0);
      for (const f of forms[c]!) {
        const form = normalizeText(f).trim();
        expect(form.length, `${lang} ${c} "${f}"`).toBeGreaterThan(0);
        // Latin word prefixes of fewer than 3 letters would match far too much.
        if (!CJK.test(form)) expect([...form].length, `${lang} ${c} "${f}"`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('covers the eight conversation languages', () => {
    expect(Object.keys(CONCEPT_FORMS).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'ko', 'pt', 'zh']);
  });
});

describe('conceptsIn', () => {
  it.each([
    ['en', 'They charged me twice for the same ticket'],
    ['de', 'Sie haben mir das Ticket doppelt abgebucht'],
    ['fr', "On m'a débité deux fois le même billet"],
    ['es', 'Me cobraron dos veces el mismo billete'],
    ['pt', 'Fui cobrado duas vezes pela mesma passagem'],
    ['ja', '同じ切符の代金を二重に請求されました'],
    ['zh', '同一张票被扣了两次钱'],
    ['ko', '같은 표 값이 두 번 결제됐어요'],
  ])('[%s] "charged twice" is CHARGE + TWICE: %s', (_lang, text) => {
    expect(of(text)).toEqual(expect.arrayContaining(['CHARGE', 'TWICE']));
  });

  it.each([
    ['en', 'I left my medication on the train'],
    ['de', 'Ich habe meine Medikamente im Zug liegen lassen'],
    ['es', 'Me dejé los medicamentos en el tren'],
    ['ja', '電車に薬を忘れてしまいました'],
    ['zh', '我把药忘在火车上了'],
    ['ko', '기차에 처방약을 두고 내렸어요'],
  ])('[%s] medicine is MEDICINE: %s', (_lang, text) => {
    expect(of(text)).toContain('MEDICINE');
  });

  it.each([
    ['en', 'Does my son have to come in person or can I bring his passport?'],
    ['es', '¿O ha de hacerlo él personalmente?'],
    ['de', 'Oder muss er persönlich kommen?'],
    ['fr', 'Est-ce que ma mère doit venir en personne ?'],
    ['pt', 'Ela precisa vir pessoalmente?'],
    ['ja', '本人が来ないとだめですか'],
    ['zh', '需要她亲自来吗？'],
    ['ko', '본인이 직접 와야 하나요?'],
  ])('[%s] "in person" is IN_PERSON, not PERSON or TALK: %s', (_lang, text) => {
    const found = of(text);
    expect(found).toContain('IN_PERSON');
    expect(found).not.toContain('PERSON');
    expect(found).not.toContain('TALK');
  });

  it('asking to talk to someone in person has PERSON, TALK and IN_PERSON', () => {
    expect(of('ich möchte bitte mit jemandem persönlich sprechen')).toEqual(expect.arrayContaining(['PERSON', 'TALK', 'IN_PERSON']));
  });

  it('Latin forms match at word starts only, in order, each once', () => {
    const found = of('Where is the office? Where is it?');
    expect(found.filter((c) => c === 'WHERE')).toHaveLength(1);
    expect(of('The bank is near the park')).not.toContain('CHARGE');
  });

  it('the classifier sees each concept and each pair of concepts as features', () => {
    const f = featureStrings('They charged me twice');
    expect(f).toContain('m:CHARGE');
    expect(f).toContain('m:TWICE');
    expect(f).toContain('m:CHARGE+TWICE');
  });
});

describe('forms that must end a word ($) do not fire inside other languages\' words', () => {
  it.each([
    ['agora eu sei', 'PAST'],
    ['eu sinto muito', 'NEGATION'],
    ['onde posso beber água?', 'CHILD'],
  ])('%s is not %s', (text, concept) => {
    expect(of(text)).not.toContain(concept);
  });

  it('the same forms still fire as words', () => {
    expect(of('I paid two weeks ago')).toContain('PAST');
    expect(of('lo hice sin ayuda')).toContain('NEGATION');
    expect(of('mon bébé pleure')).toContain('CHILD');
  });
});

describe('concepts inside a negation scope (mn:)', () => {
  it.each([
    ["I don't need to talk to a person, where is the toilet", 'PERSON'],
    ["Je n'ai pas besoin de parler à quelqu'un", 'PERSON'],
    ['不用叫工作人员，告诉我时间', 'PERSON'],
    ['職員さんは呼ばなくていいです', 'PERSON'],
    ['직원이랑 얘기할 필요는 없어요', 'PERSON'],
  ])('%s -> mn:%s', (text, concept) => {
    expect(featureStrings(text)).toContain(`mn:${concept}`);
  });

  it('an affirmative request has its concepts but none negated', () => {
    const f = featureStrings('직원 불러 주세요');
    expect(f).toContain('m:PERSON');
    expect(f.some((x) => x.startsWith('mn:'))).toBe(false);
  });
});

describe('concepts inside reported speech or past contact (mr:)', () => {
  it.each([
    ['Ich habe schon mit jemandem am Empfang gesprochen, wo ist Schalter 4?', 'PERSON'],
    ['窗口的工作人员让我来问你', 'PERSON'],
  ])('%s -> mr:%s', (text, concept) => {
    expect(featureStrings(text)).toContain(`mr:${concept}`);
  });

  it('a plain request has none', () => {
    expect(featureStrings('Ich möchte mit jemandem am Empfang sprechen').some((x) => x.startsWith('mr:'))).toBe(false);
  });
});
