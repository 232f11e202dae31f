/**
 * Issue 10, repeated failure and the assistant's own replies: the assistant repeating itself or
 * about to, pushback after a reply, follow-ups an article answers, closings and declines (split
 * out of failureKinds.test.ts; sentences written for these tests, not taken from any evaluation set).
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { findCues } from './cues.ts';
import { evaluateTurn, type PolicyTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';
import { createIntakeRunner, runIntakeTurn } from './runIntake.ts';

const policy = defaultPolicy();
const runner = createIntakeRunner();
const convo = (language: Language, ...lines: string[]) => {
  const turns = lines.map((l) => ({ role: l.startsWith('A: ') ? ('assistant' as const) : ('visitor' as const), text: l.replace(/^[AV]: /, '') }));
  return runIntakeTurn(runner, { turns, language });
};

describe('repeated failure and the assistant\'s replies (issue 10)', () => {
  it('the assistant repeating itself counts as repeated failure', () => {
    const same = 'I can tell you about office hours and certificates.';
    const turns: PolicyTurn[] = [
      { role: 'visitor', text: 'I need help with a form for my landlord' },
      { role: 'assistant', text: same },
      { role: 'visitor', text: 'No, the form from the housing office' },
      { role: 'assistant', text: same },
      { role: 'visitor', text: 'Hello?' },
    ];
    const d = evaluateTurn(policy, { turns, language: 'en', intake: { intent: 'unknown', confidence: 0.9, escalation: null } });
    expect(d.reasons.map((r) => r.code)).toContain('repeated_failure');
    expect(d.reasons.find((r) => r.code === 'repeated_failure')!.evidence).toMatch(/assistant gave the same reply twice|failed visitor turns|unanswered/);
  });

  it('the same article given again to a follow-up it answers is no failure; given to a question it did not answer, it is', () => {
    const card = 'Die My-Number-Karte beantragen Sie an Schalter 3 in Etage 1 oder online mit Foto. Sie dauert etwa einen Monat.';
    const answered = { intent: 'kb:my-number-card', confidence: 0.9, escalation: null };
    const unknown = { intent: 'unknown', confidence: 0.6, escalation: null };
    const play = (middle: typeof answered): PolicyTurn[] => [
      { role: 'visitor', text: 'Wie beantrage ich die My-Number-Karte?', intake: answered },
      { role: 'assistant', text: card },
      { role: 'visitor', text: 'Brauch ich dafür ein Passfoto?', intake: middle },
      { role: 'assistant', text: card },
      { role: 'visitor', text: 'Und wie lange dauert das ungefähr, bis ich die hab?' },
    ];
    const last = { intent: 'unknown', confidence: 0.4, escalation: null };
    expect(evaluateTurn(policy, { turns: play(answered), language: 'de', intake: last }).reasons.map((r) => r.evidence).join(' ')).not.toMatch(/same reply twice/);
    expect(evaluateTurn(policy, { turns: play(unknown), language: 'de', intake: last }).reasons.map((r) => r.evidence).join(' ')).toMatch(/same reply twice/);
  });

  it('the assistant about to repeat the reply the visitor pushed back on hands off before it is said (8 languages)', () => {
    // [language, first question, the reply given, the visitor's turn after it]
    const cases: [Language, string, string, string][] = [
      ['en', 'Which bin does a greasy pizza box go in?', 'The town hall is open Monday to Friday, 8:30 to 5.', 'No, I asked about the pizza box. Which bin?'],
      ['ja', 'スプレー缶は何ごみですか', '収集日は月曜と木曜です。', 'いや、何ごみかを聞いてるんです'],
      ['zh', '泡沫塑料是可回收垃圾吗？', '可回收物每周二、五收运。', '我不是问哪天收，我问泡沫算不算可回收'],
      ['ko', '스티로폼은 재활용으로 버려요?', '재활용품은 화요일과 금요일에 수거합니다.', '아니 요일 말고 스티로폼이 재활용 되냐고요'],
      ['es', 'hola cómo hago para que me recojan un sofá viejo', 'El punto limpio abre de lunes a sábado de 9:00 a 14:00.', 'que no que no tengo coche quiero que vengan a por él a casa'],
      ['fr', 'Le carton de pizza gras, je le mets dans la poubelle jaune ou la grise ?', 'La mairie est ouverte du lundi au vendredi de 8h30 à 17h.', 'Non, je demande pour le carton de pizza. Jaune ou grise ?'],
      ['de', 'In welche Tonne kommt ein fettiger Pizzakarton?', 'Das Bürgeramt ist Montag bis Freitag von 8 bis 16 Uhr geöffnet.', 'Nein, ich frage nach dem Pizzakarton, welche Tonne?'],
      ['pt', 'Isopor vai no lixo reciclável ou no comum?', 'A coleta seletiva passa às terças e sextas-feiras.', 'nao perguntei o dia perguntei se isopor é reciclavel'],
    ];
    let byRepeat = 0;
    for (const [lang, question, reply, pushback] of cases) {
      const turns = [{ role: 'visitor' as const, text: question }, { role: 'assistant' as const, text: reply }, { role: 'visitor' as const, text: pushback }];
      const again = runIntakeTurn(runner, { turns, language: lang, reply });
      expect(again.decision.reasons.map((r) => r.code), `${lang}: ${pushback}`).toContain('repeated_failure');
      // Where a pushback cue ("I asked about", "聞いてるんです") is found, that rule names it first.
      if (again.decision.reasons.some((r) => /same reply again/.test(r.evidence))) byRepeat++;
      // The twin: the same turn given another reply (the engine's own answer) does not hand off for repeating.
      const other = runIntakeTurn(runner, { turns, language: lang });
      expect(other.decision.reasons.map((r) => r.evidence).join(' '), `${lang}: ${pushback}`).not.toMatch(/same reply again/);
    }
    // zh, es and pt have no pushback cue (ko's "-냐고요" is one): only the reply about to be repeated hands them off.
    expect(byRepeat).toBeGreaterThanOrEqual(3);
  });

  it('"you said the same thing" and "똑같은 말만" are feedback that the reply failed; a question about "the same thing" is not', () => {
    const kinds = (text: string, lang: Language) => findCues(text, policy, [lang, 'en'], [lang]).map((h) => h.kind);
    expect(kinds("You've just said exactly the same thing twice.", 'en')).toContain('negativeFeedback');
    expect(kinds('아까랑 똑같은 말만 하시네요.', 'ko')).toContain('negativeFeedback');
    expect(kinds('Is it the same thing for my husband?', 'en')).not.toContain('negativeFeedback');
    expect(kinds('같은 말 반복해서 죄송한데 주차장 어디예요?', 'ko')).not.toContain('negativeFeedback');
  });

  it('pushback after a reply in es (present tense), ja (んだけど) and ko (-냐고요) is "that did not help"; the same question first is not', () => {
    const cases: [Language, string, string][] = [
      ['es', '¿Qué día pasan a recoger el cartón de los comercios?', 'No le pregunto el horario. Le pregunto qué día recogen el CARTÓN.'],
      ['ja', 'わいふぁいのぱすわーど', 'いやホームページ見れないからWi-Fi聞いてるんだけど'],
      ['ko', '인감 증명서 하나 떼려면 얼마예요', '아 진짜 인감증명서 수수료요 수수료 얼마냐고요'],
    ];
    for (const [lang, first, pushback] of cases) {
      const turns: PolicyTurn[] = [{ role: 'visitor', text: first }, { role: 'assistant', text: '...' }, { role: 'visitor', text: pushback }];
      const d = evaluateTurn(policy, { turns, language: lang, intake: { intent: 'unknown', confidence: 0.5, escalation: null } });
      expect(d.reasons.map((r) => r.evidence).join(' '), pushback).toMatch(/did not help/);
      expect(findCues(first, policy, [lang, 'en'], [lang]).map((h) => h.kind), first).not.toContain('negativeFeedback');
    }
  });

  it('a closing turn answered twice with the same words by a provider is no failure, whatever intent it names', () => {
    const turns: PolicyTurn[] = [
      { role: 'visitor', text: 'Thanks!', intake: { intent: 'goodbye', confidence: 0.9, escalation: null } },
      { role: 'assistant', text: "You're welcome! Have a nice day." },
      { role: 'visitor', text: 'Thank you, bye' },
    ];
    expect(evaluateTurn(policy, { turns, language: 'en', intake: { intent: 'farewell', confidence: 0.9, escalation: null, reply: "You're welcome! Have a nice day." } }).escalate).toBe(false);
    // The same repeated reply to a new question the provider reads as another matter is a failure.
    const asked: PolicyTurn[] = [{ ...turns[0]!, text: 'Where can I park?' }, turns[1]!, { role: 'visitor', text: 'Where is the parking, I asked?' }];
    expect(evaluateTurn(policy, { turns: asked, language: 'en', intake: { intent: 'kb:parking', confidence: 0.9, escalation: null, reply: "You're welcome! Have a nice day." } }).reasons.map((r) => r.code)).toContain('repeated_failure');
  });

  it('the same article about to be given again to a follow-up it answers is no failure', () => {
    const card = 'Die My-Number-Karte beantragen Sie an Schalter 3 in Etage 1 oder online mit Foto. Sie dauert etwa einen Monat.';
    const answered = { intent: 'kb:my-number-card', confidence: 0.9, escalation: null };
    const turns: PolicyTurn[] = [
      { role: 'visitor', text: 'Wie beantrage ich die My-Number-Karte?', intake: answered },
      { role: 'assistant', text: card },
      { role: 'visitor', text: 'Brauch ich dafür ein Passfoto?' },
    ];
    expect(evaluateTurn(policy, { turns, language: 'de', intake: { ...answered, reply: card } }).escalate).toBe(false);
    // Read as another matter (no article), the same reply again is a failure.
    expect(evaluateTurn(policy, { turns, language: 'de', intake: { intent: 'unknown', confidence: 0.6, escalation: null, reply: card } }).reasons.map((r) => r.evidence).join(' ')).toMatch(/same reply again/);
  });

  it('a turn that declines a person is no "that did not help", even after a reply', () => {
    const reply = 'Le parking visiteurs est derrière le bâtiment.';
    for (const [lang, text] of [
      ['zh', 'ok了解，不用找人过来，我自己去服务台盖个章就行'],
      ['es', 'No, no hace falta que venga nadie, la empujo yo. Solo dime si hay rampa en la entrada norte'],
      ['es', 'No, no, tranquilo, ya lo tengo claro. Lo hago en línea desde casa.'],
      ['fr', "Ok, je vais le faire moi-même au 7-Eleven alors, inutile de déranger quelqu'un"],
    ] as [Language, string][]) {
      const turns: PolicyTurn[] = [{ role: 'visitor', text: 'Where is the parking?', intake: { intent: 'kb:parking', confidence: 0.9, escalation: null } }, { role: 'assistant', text: reply }, { role: 'visitor', text }];
      expect(evaluateTurn(policy, { turns, language: lang, intake: { intent: 'kb:parking', confidence: 0.9, escalation: null } }).escalate, text).toBe(false);
    }
    // A correction after "no, no" still is one.
    const turns: PolicyTurn[] = [{ role: 'visitor', text: '¿Cómo se separan las latas?' }, { role: 'assistant', text: 'La basura combustible se recoge los lunes.' }, { role: 'visitor', text: 'No, no, eso no es lo que te pregunté' }];
    expect(evaluateTurn(policy, { turns, language: 'es', classifier: null }).reasons.map((r) => r.code)).toContain('repeated_failure');
    const fr: PolicyTurn[] = [{ role: 'visitor', text: 'Où est le guichet 4 ?' }, { role: 'assistant', text: reply }, { role: 'visitor', text: "C'est inutile, vous ne répondez pas à ma question" }];
    expect(evaluateTurn(policy, { turns: fr, language: 'fr', classifier: null }).reasons.map((r) => r.code)).toContain('repeated_failure');
  });

  it('a follow-up about the article just answered is not a repeated failure', () => {
    const r = convo('es', '¿Cuánto cuesta un certificado de residencia?', '¿Y se puede pagar con tarjeta de crédito?');
    expect(r.decision.escalate).toBe(false);
  });

  it('after an answered turn, two follow-ups the knowledge base cannot answer are not yet out of scope; a third is', () => {
    const lines = ['Which bin do glass bottles go in?', 'what about old paint tins from the garage?', 'and a dead car battery from my van?', 'and the leftover weed killer?'];
    expect(convo('en', lines[0]!).intake?.intent).toBe('kb:garbage-sorting');
    const three = convo('en', ...lines.slice(0, 3));
    expect(three.intake?.intent).toBe('unknown');
    expect(three.decision.flags).toContain('unanswered');
    expect(three.decision.escalate, JSON.stringify(three.decision.reasons)).toBe(false);
    const four = convo('en', ...lines).decision;
    expect(four.reasons.map((r) => r.code)).toContain('out_of_scope');
    expect(four.reasons.find((r) => r.code === 'out_of_scope')?.evidence).toContain('one more after an answered turn');
    // Without an answered turn first, two unanswered turns are out of scope, as before.
    const visa = convo('en', 'How do I renew my work visa?', 'The immigration office never picks up, can you at least tell me which papers I need for the renewal?').decision;
    expect(visa.reasons.map((r) => r.code)).toContain('out_of_scope');
  });
});
