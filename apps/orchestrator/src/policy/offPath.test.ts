/**
 * Failure kinds found with the development conversations of 2026-12-05
 * (`data/escalation-dev2`): denied emergencies, negations inside angry or vulnerable turns,
 * Chinese A-not-A questions, short typo corrections, a visitor rephrasing after a reply that
 * did not answer, declines by "fine", follow-ups on the article just answered. Sentences written
 * for these tests (not taken from any evaluation set).
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { correctTypos } from './cues.ts';
import { evaluateTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';
import { createIntakeRunner, runIntakeTurn } from './runIntake.ts';
import { cueScope } from './scope.ts';
import { negatedEmergency } from './safetyScope.ts';
import { withoutAnotA } from './model/features.ts';

const policy = defaultPolicy();
const runner = createIntakeRunner();
const decide = (text: string, language: Language) => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language });
const codes = (text: string, language: Language) => decide(text, language).reasons.map((r) => r.code);

describe('an emergency word denied where it stands', () => {
  it.each([
    ['en', 'No emergency, relax, I only want the Wi-Fi password', 'emergency'],
    ['en', "It's not an emergency, where is the nursing room?", 'emergency'],
    ['de', 'Kein Notfall, ich suche nur die Toiletten', 'notfall'],
    ['es', 'Tranquilo, no es ninguna urgencia, ¿dónde están los baños?', 'urgencia'],
    ['pt', 'Não é emergência nenhuma, só quero o banheiro', 'emergencia'],
    ['fr', "Ce n'est pas une urgence, je cherche les toilettes", 'urgence'],
    ['ja', '緊急じゃないです、トイレはどこですか', '緊急'],
    ['zh', '不是紧急情况，厕所在哪里', '紧急'],
    ['ko', '긴급한 건 아니고요, 화장실이 어디예요?', '긴급'],
  ] as [Language, string, string][])('[%s] %s is no safety escalation', (lang, text, phrase) => {
    expect(negatedEmergency(text, phrase)).toBe(true);
    const d = decide(text, lang);
    expect(d.reasons.map((r) => r.code)).not.toContain('safety');
  });

  it.each([
    ['en', "There's no time, it's an emergency, call an ambulance!", 'emergency'],
    ['en', 'Emergency! Someone collapsed by the stairs', 'emergency'],
    ['de', 'Notfall! Hier ist jemand zusammengebrochen', 'notfall'],
    ['ja', '救急車を呼ばないと！人が倒れてます', '救急車'],
    ['es', 'Es una urgencia, una señora se ha desmayado', 'urgencia'],
  ] as [Language, string, string][])('[%s] %s stays a safety escalation', (lang, text, phrase) => {
    expect(negatedEmergency(text, phrase)).toBe(false);
    expect(codes(text, lang)).toContain('safety');
  });

  it('flags the denial, and a threat is never denied this way', () => {
    expect(decide('No emergency, just the Wi-Fi please', 'en').flags).toContain('negated:safety:emergency');
    expect(codes('No emergency, but a man outside says he will kill me', 'en')).toContain('safety');
  });
});

describe('negations inside angry and vulnerable turns', () => {
  it('an angry turn full of negations still escalates as negative sentiment', () => {
    const text = 'I have been here for two hours, counter 3 sent me to counter 7 and back, nobody can give me a straight answer. This is completely unacceptable!';
    expect(codes(text, 'en')).toContain('negative_sentiment');
  });
  it('"I can\'t hear the numbers being called" is a vulnerable visitor, not a negation', () => {
    expect(codes("I'm hard of hearing and I can't hear when they call the numbers, I'm afraid I'll miss my turn", 'en')).toContain('vulnerable_visitor');
  });
  it('a negated feeling is still vetoed ("I\'m not angry")', () => {
    expect(codes("I'm not angry at all, I just want to know where counter 2 is", 'en')).not.toContain('negative_sentiment');
  });
});

describe('Chinese A-not-A questions are no negation', () => {
  it('removes 要不要 / 是不是 / 有没有 before negation is looked for', () => {
    expect(withoutAnotA('要不要找律师')).toBe('找律师');
    expect(withoutAnotA('是不是要带护照')).toBe('要带护照');
    expect(withoutAnotA('不需要找人')).toBe('不需要找人');
  });
  it('"要不要找律师" keeps the legal cue in scope; "不用找律师" negates it', () => {
    expect(cueScope('房东让我下个月搬走，这种情况要不要找律师？', '律师')).toBeNull();
    expect(cueScope('不用找律师，我就问一下户籍', '律师')).toBe('negation');
  });
});

describe('typo correction of short words', () => {
  it('a five-letter word is corrected only by a swap, not by an added letter', () => {
    expect(correctTypos(' tengo mil dudas con el apellido ', 'es')).toContain('dudas');
    expect(correctTypos(' i want a humna please ', 'en')).toContain('human');
  });
});

describe('declines with "fine" (ko, ja)', () => {
  it.each([
    ['ko', '직원분 연결은 괜찮고요, 가져갈 것만 알려 주세요'],
    ['ja', 'スタッフの方は大丈夫です。持ち物だけ教えてください'],
  ] as [Language, string][])('[%s] %s is no request for a person', (lang, text) => {
    expect(codes(text, lang)).not.toContain('explicit_request');
  });
  it('"is it OK to call staff?" stays a request (ko)', () => {
    expect(codes('직원분 불러 주셔도 괜찮을까요?', 'ko')).toContain('explicit_request');
  });
});

describe('a visitor rephrasing after a reply that did not answer', () => {
  it('is a repeated failure, named before out_of_scope', () => {
    const turns = [
      { role: 'visitor' as const, text: 'Which counter takes the form for the school transfer?' },
      { role: 'assistant' as const, text: 'School transfers are handled by the education board.' },
      { role: 'visitor' as const, text: 'Right, but which counter takes the school transfer form here?' },
    ];
    const d = runIntakeTurn(runner, { turns, language: 'en' }).decision;
    expect(d.escalate).toBe(true);
    expect(d.reasons[0]!.code).toBe('repeated_failure');
    expect(d.reasons[0]!.evidence).toContain('asked again in other words');
  });
  it('two unrelated unanswered questions stay out_of_scope', () => {
    const turns = [
      { role: 'visitor' as const, text: 'Which train goes to the stadium?' },
      { role: 'assistant' as const, text: "I'm not sure I can answer that." },
      { role: 'visitor' as const, text: 'Is there a good ramen shop nearby?' },
    ];
    const d = runIntakeTurn(runner, { turns, language: 'en' }).decision;
    expect(d.reasons.map((r) => r.code)).toEqual(['out_of_scope']);
  });
});

describe('"I am asking ..." after a reply is a failed answer', () => {
  it.each([
    ['en', "No, I'm asking about the fee, not the form"],
    ['fr', 'Je vous redemande le prix, pas le formulaire'],
    ['de', 'Ich frag doch nach dem Preis, nicht nach dem Formular'],
    ['es', 'Le estoy preguntando el precio, no el formulario'],
    ['pt', 'Tô perguntando o preço, não o formulário'],
    ['ja', '書類じゃなくて値段を聞いてるんです'],
    ['ko', '서류 말고 가격을 물어본 거예요'],
    ['zh', '我问的是价格，不是表格'],
  ] as [Language, string][])('[%s] %s', (lang, text) => {
    const turns = [
      { role: 'visitor' as const, text: 'seal?' },
      { role: 'assistant' as const, text: 'Bring your seal and photo ID to Counter 2.' },
      { role: 'visitor' as const, text },
    ];
    const d = evaluateTurn(policy, { turns, language: lang });
    expect(d.reasons.map((r) => r.code)).toContain('repeated_failure');
    // As a first turn there is no reply to have failed.
    expect(codes(text, lang)).not.toContain('repeated_failure');
  });
});

describe('threats of a beating and seizures are safety in every language', () => {
  it.each([
    ['en', 'A guy at the counter is shouting that he will beat up the clerk'],
    ['en', 'That man says he is going to smash everything in here'],
    ['zh', '柜台那边有个男的大喊要揍工作人员'],
    ['de', 'Ein Typ am Schalter brüllt, dass er den Mitarbeiter verprügeln wird'],
    ['es', 'Un tipo en la ventanilla grita que va a darle una paliza al empleado'],
    ['es', 'Mi marido está convulsionando, ayuda por favor'],
    ['pt', 'Um cara no guichê está gritando que vai dar uma surra no funcionário'],
  ] as [Language, string][])('[%s] %s', (lang, text) => {
    expect(codes(text, lang)).toContain('safety');
  });
  it.each([
    ['en', "I'll hit the button for a number ticket now"],
    ['en', 'I want to beat the deadline for the pension form'],
    ['es', 'Menuda paliza de trámites llevo esta semana, ¿dónde está la ventanilla 2?'],
    ['zh', '我要打印住民票'],
  ] as [Language, string][])('[%s] %s is no threat', (lang, text) => {
    expect(codes(text, lang)).not.toContain('safety');
  });
});

describe('safety words in routine questions (lookalikes) and in real danger', () => {
  // Sentences written for this test. Devices, drills, blood tests, licences, disposal and idioms
  // are neutral phrases of the lexicons; other lookalikes are dropped when the model's safety
  // probability is below its safetyVeto (flag `scope:lookalike`).
  it.each([
    ['en', 'Where do I renew my gun licence?'],
    ['en', 'I nearly had a heart attack when I saw the parking price'],
    ['de', 'Wo kann ich alte Messer entsorgen?'],
    ['de', 'Diese Warteschlange bringt mich um'],
    ['fr', 'Il y a une aide pour les détecteurs de fumée ?'],
    ['es', '¿Hay ayudas para detectores de humo?'],
    ['ja', '古い包丁はどうやって捨てればいいですか'],
    ['ja', '火災報知器の補助金はありますか'],
    ['zh', '烟雾报警器有补贴吗'],
    ['zh', '旧菜刀怎么扔'],
    ['ko', '화재경보기 보조금 있어요?'],
    ['ko', '됐어요 혼자 해 볼게요'],
  ] as [Language, string][])('[%s] %s is no emergency', (lang, text) => {
    expect(codes(text, lang)).not.toContain('safety');
  });
  it('a past, resolved emergency is a lookalike the model vetoes, except in favour_recall', () => {
    const text = 'I fainted here last year and your staff were wonderful, I want to thank them';
    const d = decide(text, 'en');
    expect(d.reasons.map((r) => r.code)).not.toContain('safety');
    expect(d.flags).toContain('scope:lookalike');
    const recall = { ...policy, classifier: { enabled: true, mode: 'favour_recall' as const } };
    const r = evaluateTurn(recall, { turns: [{ role: 'visitor', text }], language: 'en' });
    expect(r.flags).not.toContain('scope:lookalike');
    expect(r.reasons.map((x) => x.code)).toContain('safety');
  });
  it.each([
    ['en', 'A man collapsed by the door and is not breathing, where is the defibrillator?'],
    ['en', 'There is a man with a knife in the queue'],
    ['en', 'The smoke detector is beeping and there is smoke coming from the kitchen'],
    ['de', 'Hier riecht es ganz stark nach Gas und mir wird schwindelig'],
    ['fr', 'Un homme est tombé, il saigne beaucoup de la tête'],
    ['es', 'Hay humo saliendo del baño de mujeres'],
    ['ja', '父が倒れて息をしていません'],
    ['ja', '包丁を持った男が暴れています'],
    ['ko', '혼자 자해하려고 해요'],
  ] as [Language, string][])('[%s] %s stays a safety escalation with staff alerted', (lang, text) => {
    const d = decide(text, lang);
    expect(d.reasons[0]?.code).toBe('safety');
    expect(d.alertStaff).toBe(true);
  });
});
