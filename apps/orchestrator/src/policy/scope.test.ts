import { describe, expect, it } from 'vitest';
import { cueScope, fromCueClause, genericReference, needNegated } from './scope.ts';
import { pastEvent } from './pastEvent.ts';
import { bareCryForHelp } from './safetyScope.ts';
import { defaultPolicy } from './policySchema.ts';
import { evaluateTurn } from './evaluate.ts';

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
  ['zh', '我不是要投诉，就是想问停车场免费多久？', '投诉', 'negation'],
  ['zh', '我要投诉', '投诉', null],
  ['ja', '友達がロックされるって言ってたんですけど、本当ですか', 'ロックされる', 'reported'],
  // hearsay: 揉めたらしい ("apparently argued", dev4 2026-12-06)
  ['ja', '去年うちの母がここで担当の人とちょっと揉めたらしいんですけど', '担当の人', 'reported'],
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

describe('Chinese reported speech by context, not by the bare verb 说', () => {
  it.each([
    ['我想跟工作人员说话', '工作人员', null],
    ['请让我跟工作人员说一下', '工作人员', null],
    ['能找个人说说吗', '找个人', null],
    ['前台的人说让我来这里找工作人员', '工作人员', 'reported'],
    ['他跟我说要找经理', '经理', 'reported'],
  ] as const)('%s (%s) -> %s', (text, phrase, expected) => {
    expect(cueScope(text, phrase, { reportedSubject: true })).toBe(expected);
  });

  it('a reporter several characters before a topic cue counts (邻居说我应该去投诉)', () => {
    expect(cueScope('同事说我应该去法院起诉他们，我只是来问问停车的事', '起诉')).toBe('reported');
  });
});

describe('generic references: a vulnerable-visitor cue that names a class of people', () => {
  /** [text, cue phrase as matched, names a class of people?] in all eight languages. */
  it.each([
    ['Are the toilets on this floor accessible for wheelchair users?', 'wheelchair user', true],
    ["I'm a wheelchair user and the lift is broken", 'wheelchair user', false],
    ['¿Hay descuento para personas con discapacidad?', 'con discapacidad', true],
    ['Soy una persona con discapacidad y necesito ayuda', 'con discapacidad', false],
    ['Y a-t-il un tarif réduit pour les personnes handicapées ?', 'handicapees', true],
    ['Gibt es eine Ermäßigung für Menschen mit Behinderung?', 'mit behinderung', true],
    ['Ich habe eine Behinderung und komme hier nicht weiter', 'behinderung', false],
    ['Tem desconto para idosos com deficiência?', 'com deficiencia', true],
    ['老年人可以免费坐公交车吗？', '老年人', true],
    ['我是残疾人，这里的台阶我上不去', '残疾', false],
    ['行动不便的旅客可以提前登机吗', '行动不便', true],
    ['我妈妈行动不便，能帮我们一下吗', '行动不便', false],
    ['휠체어 사용하는 분들도 들어갈 수 있나요?', '휠체어사용', true],
    ['제가 휠체어 사용해서 계단을 못 올라가요', '휠체어사용', false],
    ['車椅子の方も使えるトイレはありますか', '車椅子', true],
  ] as const)('%s', (text, phrase, expected) => {
    expect(genericReference(text, phrase)).toBe(expected);
  });
});

describe('"no need" forms veto a request for a person whatever the model says, in every language', () => {
  // [language, text, the request phrase as the lexicon matches it]
  const noNeed: [string, string, string][] = [
    ['en', 'No need to talk to a person, where is parking', 'talk to a person'],
    ['ja', '職員さんと話す必要はないです。駐車場はどこですか', '職員さんと話す'],
    ['es', 'No necesito hablar con un empleado, ¿dónde está el baño?', 'hablar con un empleado'],
    ['zh', '不需要人工，停车场在哪', '人工'],
    ['ko', '직원이랑 얘기할 필요는 없어요', '직원이랑얘기'],
    ['fr', 'Pas besoin de parler à un agent, où est le parking', 'parler a un agent'],
    ['de', 'Ich muss mit keinem Mitarbeiter sprechen, wo ist der Parkplatz', 'mit keinem mitarbeiter sprechen'],
    ['pt', 'Não preciso falar com um atendente, onde fica o estacionamento?', 'falar com um atendente'],
  ];
  it.each(noNeed)('[%s] %s: needNegated, and no escalation', (lang, text, phrase) => {
    expect(needNegated(text, phrase)).toBe(true);
    const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text }], language: lang as never });
    expect(d.reasons.map((r) => r.code)).not.toContain('explicit_request');
  });

  // The same words asking for a person, or a "no need" that is about something else.
  const requests: [string, string][] = [
    ['en', "I don't need the map, I need to talk to a person"],
    ['ja', '地図は必要ないです。職員さんと話したいです'],
    ['es', 'No necesito el mapa, quiero hablar con un empleado'],
    ['zh', '不用地图，我要人工服务'],
    ['ko', '지도는 필요 없어요. 직원이랑 얘기하고 싶어요'],
    ['fr', "Pas besoin du plan, je veux parler à un agent"],
    ['de', 'Ich muss mit einem Mitarbeiter sprechen'],
    ['pt', 'Não preciso do mapa, preciso falar com um atendente'],
  ];
  it.each(requests)('[%s] %s: still a request for a person', (lang, text) => {
    const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text }], language: lang as never });
    expect(d.reasons.map((r) => r.code)).toContain('explicit_request');
  });
});


describe('a negation covers its own clause, not a request in the next one', () => {
  // Before fromCueClause the "no need" of the first clause vetoed en, zh and ko (2026-12-05).
  const requests: [string, string][] = [
    ['en', "I don't need a map, I want a person"],
    ['ja', '地図はいりません、人と話したいです'],
    ['es', 'No quiero el mapa, quiero hablar con una persona'],
    ['zh', '地图不需要，我要找人工'],
    ['ko', '지도는 필요 없고, 사람이랑 얘기하고 싶어요'],
    ['fr', 'Je ne veux pas le plan, je veux parler à une personne'],
    ['de', 'Ich brauche keinen Plan, ich will mit einem Menschen sprechen'],
    ['pt', 'Não quero o mapa, quero falar com uma pessoa'],
  ];
  it.each(requests)('[%s] %s: a request for a person', (lang, text) => {
    const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text }], language: lang as never });
    expect(d.reasons.map((r) => r.code)).toContain('explicit_request');
  });
  const declined: [string, string][] = [
    ['en', "No, I don't need a person, just the opening hours"],
    ['de', 'Ich will mit keinem Menschen sprechen, nur die Öffnungszeiten'],
    ['zh', '不用人工，告诉我几点关门就行'],
  ];
  it.each(declined)('[%s] %s: the negated request is still no request', (lang, text) => {
    const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text }], language: lang as never });
    expect(d.reasons.map((r) => r.code)).not.toContain('explicit_request');
  });
  it('keeps reported speech that introduces the next clause, and finds the cue clause', () => {
    expect(cueScope('Mein Nachbar meint, ich sollte mich beschweren', 'beschweren')).toBe('reported');
    expect(cueScope("I'm not here about that, I want to complain", 'complain')).toBeNull();
    expect(needNegated('地图不需要，我要找人工', '人工')).toBe(false);
    expect(fromCueClause('地图不需要，我要找人工', '人工')).toBe('我要找人工');
    expect(fromCueClause("I don't need a map, I want a person, please", 'want a person')).toBe('I want a person, please');
    expect(fromCueClause('no boundary here', 'boundary')).toBe('no boundary here');
  });
});

describe('a cry for help and nothing else escalates, in every language', () => {
  const cries: [string, string][] = [
    ['en', 'help!'],
    ['en', 'please help me!!'],
    ['ja', '誰か助けてください'],
    ['es', '¡Ayuda!'],
    ['zh', '救命！'],
    ['ko', '도와주세요!'],
    ['fr', 'Au secours !'],
    ['de', 'Hilfe bitte'],
    ['pt', 'Socorro!'],
  ];
  it.each(cries)('[%s] %s: a cry for help, and a person is asked for', (lang, text) => {
    expect(bareCryForHelp(text)).toBe(true);
    const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text }], language: lang as never });
    expect(d.escalate).toBe(true);
  });
  // "Help" asking for something routine is no cry for help.
  const routine: [string, string][] = [
    ['en', 'help me find the toilet'],
    ['en', 'where is the help desk?'],
    ['ja', '書類の書き方を助けてもらえますか'],
    ['es', 'ayuda con el formulario de mudanza'],
    ['zh', '帮我看看垃圾怎么分类'],
    ['ko', '쓰레기 분리 좀 도와주세요'],
    ['fr', "de l'aide pour le formulaire de déménagement"],
    ['de', 'Hilfe beim Ausfüllen des Formulars'],
    ['pt', 'me ajuda a achar o banheiro'],
  ];
  it.each(routine)('[%s] %s: not a bare cry for help', (_lang, text) => {
    expect(bareCryForHelp(text)).toBe(false);
  });
  it('names the cry as its evidence when nothing else fired', () => {
    const d = evaluateTurn(defaultPolicy(), { turns: [{ role: 'visitor', text: 'help!' }], language: 'en' });
    expect(d.reasons[0]).toMatchObject({ code: 'explicit_request', evidence: expect.stringContaining('a cry for help and nothing else') });
  });
});

describe('a sensitive topic told as a past or settled event, in every language', () => {
  it.each([
    ['en', 'My husband complained last time about the wait. Is it busy today?', 'complained'],
    ['en', 'Last year I had a dispute about the fee, it was sorted out. How much is it now?', 'dispute'],
    ['en', 'My wife complained here before about the queue. Is it quicker now?', 'complained'],
    ['fr', "L'an dernier j'ai eu un litige sur les frais, c'était réglé. Combien ça coûte ?", 'litige'],
    ['de', 'Mein Mann hat sich letztes Mal über die Wartezeit beschwert. Ist es heute voll?', 'beschwert'],
    ['es', 'El año pasado tuve una disputa por la tarifa, ya se resolvió. ¿Cuánto cuesta ahora?', 'disputa'],
    ['pt', 'No ano passado tive uma disputa sobre a taxa, foi resolvido. Quanto custa agora?', 'disputa'],
    ['zh', '上次我丈夫投诉过等太久，今天人多吗？', '投诉'],
    ['ja', '前回夫が待ち時間について苦情を言いました。今日は混んでいますか？', '苦情'],
    ['ko', '작년에 수수료 문제로 분쟁이 있었는데 해결됐어요. 지금은 얼마예요?', '분쟁'],
    // settled: "ficou tudo resolvido", "已经处理好了" (dev3, 2026-12-06)
    ['pt', 'A minha vizinha fez queixa na semana passada e disse que já ficou tudo resolvido.', 'queixa'],
    ['zh', '我老公上个月打12345投诉过我们小区大件垃圾没人收，后来已经处理好了。', '投诉'],
    ['de', 'Meine Nachbarin hat sich letzte Woche beschwert, das ist erledigt.', 'beschwert'],
    // last week / last month in every language, "the money was refunded" (dev4, 2026-12-06)
    ['de', 'Meine Nachbarin war letzte Woche stinksauer, weil sie so lange warten musste.', 'sauer'],
    ['fr', "Ma sœur s'est plainte la semaine dernière, maintenant c'est bon.", 'plainte'],
    ['es', 'Mi cuñado se quejó la semana pasada por la cola.', 'quejo'],
    ['zh', '我老公上礼拜来过 说停车收费不对投诉了一下 后来钱也退了', '投诉'],
    ['ja', '先週、父が窓口で苦情を言ったんですが、今日は別の用事です。', '苦情'],
    ['ko', '지난주에 남편이 민원 넣었는데 처리됐어요.', '민원'],
  ])('[%s] %s', (_lang, text, phrase) => {
    expect(pastEvent(text, phrase)).toBe(true);
  });

  it.each([
    ['en', 'I want to file a complaint about the wait', 'complaint'],
    ['en', 'The last thing I need is a dispute. Can I pay the fee here?', 'dispute'],
    // The marker must be in the cue's own sentence.
    ['en', 'Last year everything went fine. Now I want to make a complaint.', 'complaint'],
    // "before" a time is no past event.
    ['zh', '五点以前我要投诉', '投诉'],
    ['ko', '10시 전에 민원 넣고 싶어요', '민원'],
    // A past event that causes a need now is no settled matter (dev2).
    ['zh', '这个月房租实在交不上了，上个月被公司裁了，住民税的催缴单又寄过来', '交不上'],
    ['en', 'I want to complain before you close', 'complain'],
    ['de', 'Ich möchte mich über die Wartezeit beschweren', 'beschweren'],
  ])('[%s] not a past event: %s', (_lang, text, phrase) => {
    expect(pastEvent(text, phrase)).toBe(false);
  });

  it("someone else's anger last week is no negative sentiment now; the visitor's own anger today is", () => {
    const policy = defaultPolicy();
    const judge = (text: string, language: 'de' | 'en') => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language });
    const neighbour = judge('Meine Nachbarin war letzte Woche stinksauer, weil sie drei Stunden warten musste. Kann ich einen Termin buchen?', 'de');
    expect(neighbour.reasons.map((r) => r.code)).not.toContain('negative_sentiment');
    expect(neighbour.flags).toEqual(expect.arrayContaining(['vetoed:negative_sentiment', 'scope:reported']));
    expect(judge('Letzte Woche war ich schon hier und heute wieder! Ich bin stinksauer!', 'de').reasons.map((r) => r.code)).toContain('negative_sentiment');
    expect(judge('I was furious last week and I am still furious, nobody helps me', 'en').reasons.map((r) => r.code)).toContain('negative_sentiment');
    // Distress about a recent event is distress now.
    const widow = evaluateTurn(policy, { turns: [{ role: 'visitor', text: '저 죄송한데요 남편이 지난주에 갑자기 세상을 떠나서 뭐부터 해야 될지 하나도 모르겠어요 자꾸 눈물만 나요' }], language: 'ko' });
    expect(widow.escalate).toBe(true);
    expect(widow.flags).not.toContain('vetoed:negative_sentiment');
  });

  it('vetoes the sensitive-topic cue the model does not support; a current problem with a past marker still escalates', () => {
    const policy = defaultPolicy();
    const past = evaluateTurn(policy, { turns: [{ role: 'visitor', text: 'My husband complained last time about the wait. Is it busy today?' }], language: 'en' });
    expect(past.escalate).toBe(false);
    expect(past.flags).toEqual(expect.arrayContaining(['vetoed:sensitive:complaint', 'scope:reported']));
    const now = evaluateTurn(policy, { turns: [{ role: 'visitor', text: 'I was charged twice last time and nobody fixed it, I want my money back' }], language: 'en' });
    expect(now.reasons.map((r) => r.code)).toContain('sensitive_topic');
    expect(evaluateTurn(policy, { turns: [{ role: 'visitor', text: 'I want to file a complaint about the wait' }], language: 'en' }).reasons.map((r) => r.code)).toContain('sensitive_topic');
  });
});
