import { describe, expect, it } from 'vitest';
import { createEmbeddedIntake } from './engine.ts';
import { KnowledgeBase } from './knowledgeBase.ts';
import { findExtraPersonRequest } from './lexicon.ts';
import { EXTRA_REQUEST_LANGS, type ExtraRequestLang } from './lexicon/requestPerson.ts';

const intake = createEmbeddedIntake(KnowledgeBase.fromFile());

const requests: Record<ExtraRequestLang, string[]> = {
  ko: ['상담원 연결해 주세요', '직원이랑 얘기하고 싶어요', '사람과 이야기하고 싶습니다', '담당자 불러 주세요'],
  fr: ['Je voudrais parler à un conseiller', "Est-ce qu'il y a quelqu'un ?", 'Passez-moi un agent, svp', 'Je ne veux pas parler à un robot'],
  de: ['Ich möchte mit einem Mitarbeiter sprechen', 'Verbinden Sie mich bitte mit einem Menschen', 'Kundenservice bitte', 'Ist hier jemand?'],
  pt: ['Quero falar com um atendente', 'Me passe para um funcionário, por favor', 'Tem alguém aí?', 'Quero atendimento humano'],
};

describe('requests for a person in ko, fr, de, pt (no full language pack)', () => {
  it.each(EXTRA_REQUEST_LANGS.flatMap((l) => requests[l].map((t) => [l, t] as const)))('[%s] %s escalates', (lang, text) => {
    expect(findExtraPersonRequest(text)?.lang).toBe(lang);
    // The session service runs the engine in English for these languages (intakeAdapter).
    const r = intake.respond({ text, language: 'en', history: [] });
    expect(r.intent).toBe('request_person');
    expect(r.escalation).toMatchObject({ reason: 'explicit_request', evidence: expect.stringContaining(`requestPerson, ${lang}`) });
  });

  it.each([
    'Où sont les toilettes ?',
    'Wo ist die Toilette?',
    'Onde fica o banheiro?',
    '화장실이 어디예요?',
    'Will my personal data be safe?',
    'Is the person at counter 4 the right one for taxes?',
  ])('does not match %s', (text) => {
    expect(findExtraPersonRequest(text)).toBeNull();
  });
});
