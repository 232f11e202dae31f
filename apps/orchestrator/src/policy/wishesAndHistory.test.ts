/**
 * Rules chosen on the thirteenth development set (2026-12-07), each with sentences written for
 * these tests (not taken from any evaluation set) and a twin that must keep escalating: a negated
 * wish for a person, someone else's settled past, a confident answer beside a topic word, a turn
 * only near an article, places reserved for a class of people, and cues spelled with a negator.
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';
import { evaluateTurn, type PolicyTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';
import type { IntakeAnswer } from './conversation.ts';
import { needNegated } from './scope.ts';
import { otherPartyBefore } from './proxy.ts';

const { converse } = engineKit();
const codes = (lang: string, ...lines: string[]) => converse(lang as never, ...lines).decision.reasons.map((r) => r.code);

describe('a negated wish right before a request for a person is no request, in the Latin-script languages', () => {
  it.each([
    ['en', "I'm not trying to speak to a human, just tell me where the lifts are", 'speak to a human'],
    ['fr', "Je ne cherche pas à parler à un conseiller, c'est quel étage pour l'état civil ?", 'parler a un conseiller'],
    ['es', 'No busco hablar con un empleado, ¿a qué hora cierran hoy?', 'hablar con un empleado'],
    ['pt', 'Não quero falar com atendente não, só me diz onde fica o banheiro', 'falar com atendente'],
    ['de', 'Ich will nicht mit einem Mitarbeiter sprechen, wo ist der Parkplatz?', 'mit einem mitarbeiter sprechen'],
  ])('[%s] %s', (lang, text, phrase) => {
    expect(needNegated(text, phrase)).toBe(true);
    expect(codes(lang, text)).not.toContain('explicit_request');
  });

  it.each([
    ['en', "I don't want to wait any longer, I want to talk to a person"],
    // a voice transcript runs the clauses together: the wish is negated only right before the cue
    ['es', 'no quiero esperar más quiero hablar con alguien'],
  ])('[%s] %s: a negated wish about something else, then a request, still asks', (lang, text) => {
    expect(codes(lang, text)).toContain('explicit_request');
  });
});

describe('a head of section wished to be spoken to by a German role compound', () => {
  it('"hätt ich gern die Frau Abteilungsleiterin gesprochen" asks for her; having spoken to him last week does not', () => {
    expect(codes('de', 'Na, dann hätt ich gern die Frau Abteilungsleiterin gesprochen.')).toContain('explicit_request');
    expect(codes('de', 'Ich habe letzte Woche schon mit dem Abteilungsleiter gesprochen, wo ist Zimmer 12?')).toEqual([]);
  });
});

describe("someone else's settled past: a sensitive word told as a relative's past doing needs the model's own cut", () => {
  it.each([
    ['es', 'Mi marido ya puso una reclamación el mes pasado por la recogida de basura y se resolvió. ¿Qué día pasan ahora?'],
    ['en', 'My wife complained last year about the bins and it got sorted. What day is recycling now?'],
  ])('[%s] %s is routine', (lang, text) => {
    expect(codes(lang, text)).toEqual([]);
  });

  it.each([
    ['en', 'Last year you charged me twice for the certificate and it is still not refunded', 'sensitive_topic'],
    // the visitor's own dispute dated by its start is a dispute now
    ['ja', '去年から隣の家との境界でもめていて、弁護士を立てるかもしれません。市で相談できますか', 'sensitive_topic'],
  ])('[%s] %s still escalates', (lang, text, code) => {
    expect(codes(lang, text)).toContain(code);
  });

  it('otherPartyBefore: a relative before the cue in its sentence, in each script', () => {
    expect(otherPartyBefore('O meu marido já apresentou uma reclamação na semana passada.', 'reclamacao')).toBe(true);
    expect(otherPartyBefore('先週うちの主人が、苦情を入れまして。', '苦情')).toBe(true);
    expect(otherPartyBefore('我老公上个月投诉过一次。', '投诉')).toBe(true);
    expect(otherPartyBefore('I complained last year. My husband says hi.', 'complained')).toBe(false);
    expect(otherPartyBefore('去年私が苦情を入れました。', '苦情')).toBe(false);
  });
});

describe('the model alone and a confident answer', () => {
  const policy = defaultPolicy();
  const answered = (intent: string, confidence: number): IntakeAnswer => ({ intent, confidence, escalation: null });
  const turn = (text: string, intake: IntakeAnswer): PolicyTurn[] => [{ role: 'visitor', text, intake }];

  it('a fee or payment question the knowledge base answered at 0.85 or more: the model alone adds no financial topic below 0.8', () => {
    // (the Chinese '城乡居民养老保险一年交多少钱？' of the first version scores 0.05 since the development
    // conversations were trained on, 2026-12-08: the rule needs a text the model reads at 0.5-0.8)
    const text = 'Can I pay the pension contributions in instalments?';
    const confident = answered('kb:national-pension', 0.9);
    const d = evaluateTurn(policy, { turns: turn(text, confident), language: 'en', intake: confident });
    expect(d.modelScores!.financial).toBeGreaterThanOrEqual(0.5);
    expect(d.modelScores!.financial).toBeLessThan(0.8);
    expect(d.reasons.map((r) => r.code)).not.toContain('sensitive_topic');
    // the same words answered only at 0.7 keep the model's topic
    const unsure = answered('kb:national-pension', 0.7);
    expect(evaluateTurn(policy, { turns: turn(text, unsure), language: 'en', intake: unsure }).reasons.map((r) => r.code)).toContain('sensitive_topic');
  });

  it('not for legal or medical matters, which no article covers: an eviction notice the knowledge base mistook for child benefits still escalates', () => {
    const text = "My landlord has given me notice to leave in two months, me and my two kids. Can he do that when he never fixed the damp?";
    const wrong = answered('kb:child-benefits', 1);
    const d = evaluateTurn(policy, { turns: turn(text, wrong), language: 'en', intake: wrong });
    expect(d.reasons.map((r) => r.code)).toContain('sensitive_topic');
  });

  it('a few letters only near an article were not answered: the model may read them ("팀장님 좀요.")', () => {
    const near: IntakeAnswer = { intent: 'unknown', confidence: 0.73, escalation: null, nearArticle: 'letter-of-proxy' };
    const d = evaluateTurn(policy, { turns: turn('팀장님 좀요.', near), language: 'ko', intake: near });
    expect(d.reasons.map((r) => r.code)).toContain('explicit_request');
    // answered by an article, the same few letters are a fragment the model says nothing about
    const kb = answered('kb:counter-directory', 0.9);
    expect(evaluateTurn(policy, { turns: turn('팀장님 좀요.', kb), language: 'ko', intake: kb }).reasons.map((r) => r.code)).not.toContain('explicit_request');
  });
});

describe('places reserved for a class of people, and a child’s things', () => {
  it.each([
    ['pt', 'Tem vaga de idoso no estacionamento?'],
    ['en', 'Is there priority seating for seniors near counter 2?'],
    ['zh', '孩子的医保卡丢了，去哪里补办？'],
  ])('[%s] %s is routine', (lang, text) => {
    expect(codes(lang, text)).toEqual([]);
  });

  it.each([
    ['pt', 'Sou idoso e não consigo usar essa tela, alguém pode me ajudar?'],
    ['zh', '我家孩子一个人在门口哭，找不到了'],
  ])('[%s] %s is still a vulnerable visitor', (lang, text) => {
    expect(codes(lang, text)).toContain('vulnerable_visitor');
  });
});

describe('needs said in everyday words', () => {
  it.each([
    ['de', 'Ich kann nicht so gut lesen, können Sie mir mit dem Formular helfen?', 'vulnerable_visitor'],
    ['es', 'Las letras me bailan en esta pantalla, ¿me ayuda alguien?', 'vulnerable_visitor'],
    ['en', "can i pay my council tax in smaller bits, i've lost some shifts", 'sensitive_topic'],
    ['ko', '제가 낸 건 취소해야 될 것 같아요. 어떻게 해요?', 'sensitive_topic'],
    ['fr', "j'ai plus de logement, je dors dans ma voiture avec les enfants, je suis à bout", 'negative_sentiment'],
    ['fr', "Mon ticket est passé pendant que j'étais aux toilettes, vous pouvez me faire passer sans reprendre un ticket ?", 'policy_exception'],
    // a cue spelled with a negator (食べなくなって, stopped eating) is not a negation of the turn
    ['ja', '父が最近ご飯を食べなくなって、体重も落ちてきて心配です。どこに相談すればいいですか', 'sensitive_topic'],
  ])('[%s] %s -> %s', (lang, text, code) => {
    expect(codes(lang, text)).toContain(code);
  });

  it.each([
    ['en', 'Can I pay the certificate fee with coins?'],
    ['ja', 'うちの犬の登録ってここでできますか？食べなくなったら困るので'],
  ])('[%s] %s is routine', (lang, text) => {
    expect(codes(lang, text)).toEqual([]);
  });
});
