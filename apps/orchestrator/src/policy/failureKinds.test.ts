/**
 * The failure kinds listed in issue 10, one test each (sentences written for these tests, not
 * taken from any evaluation set).
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { correctTypos, findCues, splitCompounds } from './cues.ts';
import { LAUGHTER, scoreSentiment } from './sentiment.ts';
import { evaluateTurn } from './evaluate.ts';
import { defaultPolicy, parsePolicy } from './policySchema.ts';
import { createIntakeRunner, engineLanguageFor, runIntakeTurn } from './runIntake.ts';
import { packFor } from '../intake/lexicon/index.ts';

const policy = defaultPolicy();
const runner = createIntakeRunner();
/** Reason codes of a one-turn conversation run through the engine and the policy. */
const codesOf = (text: string, lang: Language) => runIntakeTurn(runner, { turns: [{ role: 'visitor', text }], language: lang }).decision.reasons.map((r) => r.code);
const codes = (text: string, language: Language) => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language }).reasons.map((r) => r.code);
const convo = (language: Language, ...lines: string[]) => {
  const turns = lines.map((l) => ({ role: l.startsWith('A: ') ? ('assistant' as const) : ('visitor' as const), text: l.replace(/^[AV]: /, '') }));
  return runIntakeTurn(runner, { turns, language });
};

describe('issue 10 failure kinds', () => {
  it.each([
    ['en', "I don't want a staff member, I only need the fee for a seal certificate"],
    ['ja', 'スタッフは呼ばなくて大丈夫です。印鑑証明の手数料を教えてください'],
    ['zh', '不需要找工作人员，印章证明多少钱'],
    ['es', 'No quiero hablar con ningún empleado, solo dígame cuánto cuesta el certificado'],
    ['ko', '상담원 연결은 필요 없어요. 인감 증명서 수수료가 얼마예요'],
    ['fr', "Je ne veux pas parler à un agent, dites-moi le prix du certificat"],
    ['de', 'Ich brauche keinen Sachbearbeiter, nur die Gebühr für die Bescheinigung'],
    ['pt', 'Não quero falar com funcionário, só quero saber o preço da certidão'],
  ] as [Language, string][])('negated request does not escalate [%s] %s', (lang, text) => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language: lang });
    expect(d.reasons.map((r) => r.code)).not.toContain('explicit_request');
  });

  it('a negated request is vetoed with a flag naming the scope, and a plain one still escalates', () => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text: "I don't need a person, where is the elevator?" }], language: 'en' });
    expect(d.flags).toEqual(expect.arrayContaining(['vetoed:explicit_request', 'scope:negation']));
    expect(codes('I need a person to help me', 'en')).toContain('explicit_request');
  });

  it('reported speech and past contact are not requests', () => {
    expect(codes('The guard told me to ask you where the tax counter is', 'en')).not.toContain('explicit_request');
    expect(codes('Ich habe schon mit jemandem am Empfang gesprochen, wo ist Schalter 4?', 'de')).not.toContain('explicit_request');
  });

  it('English mixed into CJK text is read as words (code-mixing), with a negative twin', () => {
    expect(codes('hi 想问下能不能找个real person聊一下 我这个case比较special', 'zh')).toContain('explicit_request');
    expect(codes('マイナンバーカードのPINを忘れました', 'ja')).toContain('sensitive_topic');
    expect(codes('real person 말고 그냥 여기서 해도 돼요, wifi 비밀번호 뭐예요', 'ko')).not.toContain('explicit_request');
  });

  it('indirect requests escalate (model or lexicon)', () => {
    expect(codes('please put me through to the reception desk, I need to talk to them', 'en')).toContain('explicit_request');
    expect(codes('ich möchte bitte mit jemandem persönlich sprechen', 'de')).toContain('explicit_request');
  });

  it('typo tolerance does not turn "direct debits" into "debts"', () => {
    expect(correctTypos(' can i pay by direct debits ', 'en')).toContain('debits');
    expect(codes('Can I pay my water bill by direct debits?', 'en')).not.toContain('sensitive_topic');
  });

  it('"reduced mobility" is not a discount in en es fr de pt', () => {
    for (const [lang, text] of [
      ['en', 'Is there parking for people with reduced mobility?'],
      ['es', '¿Hay aparcamiento para personas con movilidad reducida?'],
      ['fr', 'Y a-t-il un parking pour les personnes à mobilité réduite ?'],
      ['de', 'Gibt es Parkplätze für Menschen mit eingeschränkter Mobilität?'],
      ['pt', 'Tem estacionamento para pessoas com mobilidade reduzida?'],
    ] as [Language, string][]) {
      expect(codes(text, lang), text).not.toContain('policy_exception');
    }
  });

  it('indirect requests for a person: an officer busy now, the supervisor on duty, a section head asked to meet, Québec jaser; each with a twin that is no request', () => {
    // [language, request, twin that is not one]
    const pairs: [Language, string, string][] = [
      ['ko', '혹시 전입신고 받는 주무관님 지금 많이 바쁘세요? 잠깐 여쭤볼 게 있어서요, 오래 안 걸려요', '주무관님이 많이 바쁘셔서 오래 기다렸다고 친구가 그러더라고요. 전입신고 서류 뭐 필요해요?'],
      ['pt', 'quem que tá de supervisor hoje? precisava trocar uma ideia rapidinho com ele', 'o supervisor de ontem me disse pra trazer o comprovante, onde entrego?'],
      ['zh', '您好，敝姓林，事涉本里公共事務，煩請貴所民政課課長撥冗與我面談，感謝。', '上次课长已经跟我面谈过了，今天只是来交材料，交到几号窗口？'],
      ['fr', "Allô, y a-tu moyen de jaser avec un préposé? J'aime mieux en parler avec du monde.", "Pas besoin de jaser avec un préposé, je veux juste les heures d'ouverture."],
    ];
    for (const [lang, ask, twin] of pairs) {
      const asked = runIntakeTurn(runner, { turns: [{ role: 'visitor', text: ask }], language: lang }).decision;
      expect(asked.reasons.map((r) => r.code), ask).toContain('explicit_request');
      expect(runIntakeTurn(runner, { turns: [{ role: 'visitor', text: twin }], language: lang }).decision.reasons.map((r) => r.code), twin).not.toContain('explicit_request');
    }
  });

  it('a late registration fine asked to be waived is a policy exception in ko and zh (Taiwan 罰鍰 too); asking what the fine is, is not', () => {
    expect(codesOf('산후조리원에 있다가 이제 왔는데 2주 넘었더라고요. 과태료는 좀 봐주시면 안 될까요?', 'ko')).toContain('policy_exception');
    expect(codesOf('孩子在加護病房住了兩個月，出生登記超過60天了。這種情況逾期的罰鍰可以免掉嗎？', 'zh')).toContain('policy_exception');
    expect(codesOf('출생신고 늦으면 과태료 얼마예요?', 'ko')).not.toContain('policy_exception');
    expect(codesOf('出生登记逾期的罚款是多少？在哪儿交？', 'zh')).not.toContain('policy_exception');
  });

  it('a joke about the queue with a laugh is no distress; the same words without it, or shouted twice, still are', () => {
    expect(codesOf('哈哈这个队排得我快崩溃了 现在叫到A几号了', 'zh')).not.toContain('negative_sentiment');
    expect(codesOf('这个队排得我快崩溃了 现在叫到A几号了', 'zh')).toContain('negative_sentiment');
    expect(scoreSentiment('lol this queue is ridiculous', findCues('lol this queue is ridiculous', policy, ['en'], ['en'])).score).toBeGreaterThan(scoreSentiment('this queue is ridiculous', findCues('this queue is ridiculous', policy, ['en'], ['en'])).score);
    expect(LAUGHTER.test('待ち時間長すぎwww')).toBe(true);
    expect(LAUGHTER.test('see www.city.gov for the form')).toBe(false);
  });

  it('a threat to stab people is safety in Chinese; an idiom with 捅 is not', () => {
    const kinds = (text: string) => findCues(text, policy, ['zh', 'en'], ['zh']).filter((h) => h.kind === 'safety').map((h) => h.category);
    expect(kinds('门口有个醉汉拿着碎瓶子乱挥，喊着要捅人')).toContain('threat');
    expect(kinds('我这次捅了个大篓子，表格填错了，能重新领一张吗')).toEqual([]);
  });

  it('grief and overwhelm told by tears, shaking hands or not coping are distress in 6 languages; the same words in a routine turn are not', () => {
    const sentimentOf = (text: string, lang: Language) => findCues(text, policy, [lang, 'en'], [lang]).filter((h) => h.kind === 'sentiment' && h.category === 'distress').length;
    const distress: [Language, string][] = [
      ['en', "sorry it's my dad, he's just gone into a care home and i cant stop shaking, i cant think straight"],
      ['ja', '母が先週急に亡くなって、手続きがいっぱいで、涙が止まらなくて'],
      ['zh', '我先生上個月走了，我一個人什麼都搞不懂，手一直在抖，眼淚停不下來'],
      ['es', 'hoy me han echado del curro y me falta un papel, no puedo más de verdad, me tiemblan las manos'],
      ['de', 'Tut mir leid. Ich schaff das gerade alles nicht, ich hab seit Tagen kaum geschlafen'],
      ['pt', 'meu marido faleceu semana passada e eu não aguento mais, minhas mãos tão tremendo'],
    ];
    for (const [lang, text] of distress) expect(sentimentOf(text, lang), text).toBeGreaterThan(0);
    const routine: [Language, string][] = [
      ['en', "I can't do this online, can I do it here?"],
      ['en', "I can't think of the name of the form, the one for moving in"],
      ['de', 'Ich schaffe das heute nicht mehr vor 12, kann ich morgen kommen?'],
      ['pt', 'Não consigo pensar em outra forma de pagar, aceita cartão?'],
      ['es', 'no puedo más tarde, ¿abren mañana?'],
      ['ja', '引っ越しの手続きは何から始めればいいですか'],
      // 살려면 = "if I (want to) buy": not 살려 주세요 ("save me"; dev8 ko-d8-n10).
      ['ko', '음 대형 폐기물 스티커 살려면 어디로 가요'],
    ];
    for (const [lang, text] of routine) expect(sentimentOf(text, lang), text).toBe(0);
    expect(sentimentOf('제발 살려 주세요 너무 무서워요', 'ko')).toBeGreaterThan(0);
  });

  it('withdrawing a marriage notice or a filing is a cancellation in en fr ko; giving notice or collecting a certificate is not', () => {
    const topics = (text: string, lang: Language) => findCues(text, policy, [lang, 'en'], [lang]).filter((h) => h.kind === 'sensitive').map((h) => h.category);
    expect(topics("we gave notice of marriage back in march and we've split up since, so how do we stop it going ahead", 'en')).toContain('cancellation');
    expect(topics("On avait déposé notre dossier de mariage, mais finalement il n'y aura pas de mariage. Comment on fait ?", 'fr')).toContain('cancellation');
    expect(topics('어제 혼인신고서 접수한 거요, 아직 처리 안 됐으면 좀 물러줄 수 있나요?', 'ko')).toContain('cancellation');
    expect(topics('Where do we give notice of marriage, and what do we bring?', 'en')).not.toContain('cancellation');
    expect(topics('Is there a bus stop near the registration office?', 'en')).not.toContain('cancellation');
    expect(topics('¿Dónde retiro el certificado de matrimonio?', 'es')).not.toContain('cancellation');
  });

  it('a named official asked for politely ("no sé si me lo pueda comunicar", "have a word with the registrar") is a request; the hedge is no negation', () => {
    expect(codesOf('buenas tardes, ando buscando al licenciado ramírez el de catastro, no sé si me lo pueda comunicar', 'es')).toContain('explicit_request');
    expect(codesOf('I should be most grateful if I might have a word with the Superintendent Registrar herself.', 'en')).toContain('explicit_request');
    expect(codesOf('busco el certificado de empadronamiento, ¿dónde lo pido?', 'es')).not.toContain('explicit_request');
    expect(codesOf('No necesito que me comuniquen con nadie, solo el horario.', 'es')).not.toContain('explicit_request');
  });

  it('asking to be let in as an exception (de ausnahmsweise, en "pop us on the list anyway") is a policy exception; opening hours "ausnahmsweise" are not', () => {
    expect(codesOf('meine nummer ist durch, können sie mich nicht ausnahmsweise noch dazwischenschieben', 'de')).toContain('policy_exception');
    expect(codesOf('we missed the garden waste sign up by two days, can you just pop us on the list anyway?', 'en')).toContain('policy_exception');
    expect(codesOf('Haben Sie am Samstag ausnahmsweise geöffnet?', 'de')).not.toContain('policy_exception');
    // Staying open longer for the visitor is an exception although the office-hours article answers the turn.
    expect(codesOf('Können Sie heute ausnahmsweise länger offen bleiben? Ich schaffe es erst um halb sechs.', 'de')).toContain('policy_exception');
    expect(codesOf('Can you put me on the list for the bulky waste collection?', 'en')).not.toContain('policy_exception');
  });

  it('a small child gone from beside the parent a moment ago is safety (en, fr); a school year opening a child\'s turn is a child alone (ja)', () => {
    expect(codesOf('um my little girl was right here at the ticket machine a second ago and now i cant see her anywhere', 'en')).toContain('safety');
    expect(codesOf('attendez mon fils était juste là il a trois ans il a un pull jaune je le vois plus', 'fr')).toContain('safety');
    expect(codesOf('My son was here last week for his ID card, is it ready?', 'en')).not.toContain('safety');
    expect(codesOf('Ma fille a perdu sa carte, je la vois plus dans mon sac, je refais une demande où ?', 'fr')).not.toContain('safety');
    expect(codesOf('しょうがく5ねんです。おかあさんに たのまれて、いんかんとうろくしょうめいを とりにきました。', 'ja')).toContain('vulnerable_visitor');
    expect(codesOf('うちの子は小学5年生です。児童手当はいつまでもらえますか', 'ja')).not.toContain('vulnerable_visitor');
  });

  it('German compounds are split for the cue lexicons', () => {
    expect(splitCompounds(' ich bin stinksauer ', 'de')).toContain(' sauer ');
    expect(codes('Ich bin wirklich stinksauer auf dieses Amt!', 'de')).toContain('negative_sentiment');
    expect(findCues('Wo bekomme ich das Beschwerdeformular?', null, ['de']).some((h) => h.category === 'complaint')).toBe(true);
    expect(splitCompounds(' ich brauche kindergeld ', 'de')).toContain('kindergeld');
  });

  it('anger idioms: "hors de moi" (fr)', () => {
    expect(codes('Je suis complètement hors de moi, ça fait trois fois !', 'fr')).toContain('negative_sentiment');
  });

  it('a knife threat in Japanese is a safety case', () => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text: 'ロビーで刃物を持った人がいます' }], language: 'ja' });
    expect(d).toMatchObject({ priority: 0, alertStaff: true });
  });

  it('ko fr de pt run on their own knowledge base: routine questions are answered, thanks and "no" do not escalate', () => {
    const cases: [Language, string, string, string][] = [
      ['ko', '주차장은 어디에 있어요?', '고마워요', '아니요, 괜찮아요'],
      ['fr', 'Où est le parking ?', 'Merci beaucoup !', "Non, ça va, merci"],
      ['de', 'Wo ist der Parkplatz?', 'Danke schön!', 'Nein, passt schon'],
      ['pt', 'Onde fica o estacionamento?', 'Muito obrigado!', 'Não, tudo bem'],
    ];
    for (const [lang, question, thanks, no] of cases) {
      expect(engineLanguageFor(lang)).toBe(lang);
      const first = convo(lang, question);
      expect(first.intake!.intent, question).toBe('kb:parking');
      expect(first.engineLanguage).toBe(lang);
      expect(convo(lang, question, thanks).decision.escalate, thanks).toBe(false);
      const offer = `A: ${packFor(lang).replies.unknown}`;
      expect(convo(lang, 'xyzzy plugh quux', offer, no).decision.escalate, no).toBe(false);
    }
  });

  it('German compounds in questions find the article (Rathausparkplatz -> parking)', () => {
    expect(convo('de', 'Wo ist der Rathausparkplatz?').intake!.intent).toBe('kb:parking');
  });

  it('thresholds per deployment: favour_precision never adds rare labels from the model alone, lexicon_only ignores the model', () => {
    const raw = JSON.parse(JSON.stringify(policy));
    const precise = parsePolicy({ ...raw, classifier: { enabled: true, mode: 'favour_precision' } });
    const off = parsePolicy({ ...raw, classifier: { enabled: false, mode: 'balanced' } });
    const text = "I don't need a person, just the hours";
    expect(evaluateTurn(off, { turns: [{ role: 'visitor', text }], language: 'en' }).reasons.map((r) => r.code)).toContain('explicit_request');
    expect(evaluateTurn(precise, { turns: [{ role: 'visitor', text }], language: 'en' }).reasons.map((r) => r.code)).not.toContain('explicit_request');
    expect(() => parsePolicy({ ...raw, classifier: { enabled: true, mode: 'eager' } })).toThrow(/classifier\.mode/);
    expect(() => parsePolicy({ ...raw, classifier: { enabled: true, mode: 'balanced', thresholds: { request_person: { fire: 2 } } } })).toThrow(/classifier\.thresholds\.request_person\.fire/);
  });

  it.each([
    ['en', 'Which platform does the airport train leave from?', "I don't need a staff member, just tell me where the bus stop is", 'Where is the nearest bus stop?'],
    ['ko', '기차표는 어디서 사요?', '직원 연결은 필요 없어요, 버스 정류장만 알려 주세요', '가까운 버스 정류장은 어디예요?'],
    ['de', 'Wo kann ich eine Zugfahrkarte kaufen?', 'Ich brauche keinen Mitarbeiter, sagen Sie mir nur, wo die Bushaltestelle ist', 'Wo ist die nächste Bushaltestelle?'],
  ] as [Language, string, string, string][])('[%s] two unanswered turns are not handed to staff when the visitor has just declined a person', (lang, first, second, withoutRefusal) => {
    const declined = convo(lang, `V: ${first}`, 'A: (not sure)', `V: ${second}`);
    expect(declined.decision.flags).toEqual(expect.arrayContaining(['unanswered', 'declined:person']));
    expect(declined.decision.reasons.map((r) => r.code)).not.toContain('out_of_scope');
    expect(declined.intake?.escalation).toBeNull();
    // no article of this office: unknown, or the handled-elsewhere article for buses and trains
    expect(declined.intake?.intent === 'unknown' || declined.intake?.handledElsewhere === true).toBe(true);
    // Without the refusal the same streak escalates.
    const plain = convo(lang, `V: ${first}`, 'A: (not sure)', `V: ${withoutRefusal}`);
    expect(plain.decision.reasons.map((r) => r.code)).toContain('out_of_scope');
  });

  it('a refusal does not stop a real request or an emergency', () => {
    const d = convo('en', "V: I don't need a person, where do I buy a train ticket?", 'A: (not sure)', 'V: Actually please get me a staff member');
    expect(d.decision.reasons.map((r) => r.code)).toContain('explicit_request');
  });

  it('trigger words inside document names, a private lease and across Korean words are no triggers (dev3 lookalikes)', () => {
    // Each with its positive twin, so the rule still sees the real matter.
    expect(codes('Ich kündige meine Wohnung zum 31. und ziehe nach Graz, muss ich mich hier abmelden?', 'de')).not.toContain('sensitive_topic');
    expect(codes('Ich möchte meinen Vertrag kündigen', 'de')).toContain('sensitive_topic');
    expect(codes('¿Dónde saco el certificado de libre deuda para la escribanía?', 'es')).not.toContain('sensitive_topic');
    expect(codes('Tengo muchas deudas y no puedo pagar el impuesto', 'es')).toContain('sensitive_topic');
    expect(codes('Onde eu tiro a certidão negativa de débitos do IPTU?', 'pt')).not.toContain('sensitive_topic');
    expect(codes('어제 옆집 아저씨가 화내고 소리 질렀대요. 저는 대형폐기물 수수료만 궁금해요', 'ko')).not.toContain('sensitive_topic');
    expect(codes('집주인을 고소하려고 하는데 어디서 상담받아요?', 'ko')).toContain('sensitive_topic');
  });

  it('a one-word follow-up the knowledge base answers gets no reason from the model alone ("passwort" after "WLAN?")', () => {
    for (const [lang, first, second] of [['de', 'WLAN?', 'passwort'], ['es', 'wifi', 'contraseña?'], ['en', 'wifi?', 'password']] as [Language, string, string][]) {
      const d = convo(lang, first, second).decision;
      expect(d.escalate, `${lang} ${second}: ${JSON.stringify(d.reasons)}`).toBe(false);
    }
    // A locked account told in words still escalates.
    expect(convo('de', 'WLAN?', 'Mein Passwort für das Bürgerkonto ist gesperrt, ich komme nicht mehr rein').decision.reasons.map((r) => r.code)).toContain('sensitive_topic');
  });

  it('a mobility cue in a turn the knowledge base answered is no vulnerable visitor; a barrier now still is', () => {
    const lift = convo('fr', "Y a-t-il un ascenseur pour monter au 2e étage ? Je suis en béquilles depuis ma chute en ski.").decision;
    expect(lift.escalate, JSON.stringify(lift.reasons)).toBe(false);
    expect(lift.flags).toEqual(expect.arrayContaining(['scope:answered']));
    expect(convo('en', "I'm in a wheelchair and can't reach the counter").decision.reasons.map((r) => r.code)).toContain('vulnerable_visitor');
  });

  it.each([
    ['en', 'hi im 12 and my dad sent me to get the form for our new flat', 'I was 12 when we moved here, where do I register the new address?'],
    ['de', 'hi ich bin 13 und meine mama muss arbeiten, ich soll unsere adresse anmelden', 'Ich bin 10 Minuten zu spät, ist mein Termin noch gültig?'],
    ['es', 'hola tengo doce años y mi mamá me mandó por su constancia de residencia', '¿Mi hijo tiene doce años, necesita DNI?'],
    ['fr', "bonjour j'ai treize ans ma mère m'a envoyée chercher son certificat", 'Ma fille a treize ans, faut-il une carte d’identité ?'],
    ['pt', 'oi tenho treze anos minha mãe mandou eu buscar o atestado dela', 'Meu filho tem treze anos, precisa de RG?'],
    ['ja', '私中2です。母に頼まれて住民票を取りに来ました', '私は中学生の息子の母です。住民票はどこで取れますか'],
    ['zh', '我今年13岁，我妈让我来帮她开证明', '我上小学的时候来过这里，现在户籍窗口在几楼？'],
    ['ko', '저 중2인데요 엄마가 인감증명서 떼 오래요', '저 중학생 아들이 있는데요 전입신고는 어디서 해요?'],
  ] as [Language, string, string][])('[%s] a minor on their own says their age or school year; a parent speaking about a child does not', (lang, minor, parent) => {
    expect(findCues(minor, policy, [lang], [lang]).filter((h) => h.kind === 'vulnerable').map((h) => h.category)).toContain('child');
    expect(findCues(parent, policy, [lang], [lang]).filter((h) => h.kind === 'vulnerable' && h.category === 'child')).toEqual([]);
  });

  it.each([
    ['en', 'i came in for something and now ive gone and forgotten what it was'],
    ['de', 'grüß gott ich weiß nimmer warum ich da bin, mein sohn hat gsagt ich soll herkommen'],
    ['es', 'ay mijo se me olvidó a qué vine'],
    ['fr', "j'ai oublié pourquoi je suis venue, c'est ma fille qui m'a dit de venir"],
    ['pt', 'esqueci o que eu vim fazer aqui'],
    ['ja', '主人に言われて来たんやけど、何の手続きやったかしらねえ'],
    ['zh', '我儿子让我来开个什么证明来着，我给忘了'],
    ['ko', '아들이 가 보라고 했는데 뭐하러 왔는지 모르겠어요'],
  ] as [Language, string][])('[%s] a visitor who forgot their errand is a vulnerable visitor (lost)', (lang, text) => {
    expect(findCues(text, policy, [lang], [lang]).filter((h) => h.kind === 'vulnerable').map((h) => h.category)).toContain('lost');
  });

  it.each([
    ['en', 'Is the manager in today? She said to come back when I had the letter', 'Is the form available here today?'],
    ['de', 'Ist Frau Meier heute da? Sie hat gesagt, ich soll wiederkommen', 'Ist das Bürgerbüro heute geöffnet?'],
    ['es', '¿Está la licenciada Ramírez? Me dijo que viniera hoy', '¿Está la oficina abierta hoy?'],
    ['fr', "Madame Lefèvre, elle est là cet après-midi ? Elle m'avait dit de repasser", 'La mairie est la plus proche ?'],
    ['pt', 'O senhor presidente da junta já chegou? Tenho reunião marcada com ele', 'A senhora sabe se o atestado já está pronto?'],
    ['ja', '田中さんはいらっしゃいますか。先週電話で話した者です', '住民票はどこで取れますか'],
    ['zh', '科长今天在吗？他上周说让我直接来找他', '今天办公室几点关门？'],
    ['ko', '동장님 오늘 계세요? 지난주에 오라고 하셨어요', '주민센터 오늘 몇 시까지 해요?'],
  ] as [Language, string, string][])('[%s] asking whether a named staff member or a role is in is a request, even with reported speech around it', (lang, presence, routine) => {
    expect(codes(presence, lang)).toContain('explicit_request');
    expect(codes(routine, lang)).not.toContain('explicit_request');
  });
  it.each([
    ['en', 'Is there anyone here who speaks Polish? It is about my father papers', 'Do you have the form in Polish?'],
    ['de', 'Gibt es hier jemanden, der Türkisch spricht? Ich muss meine Familie anmelden', 'Gibt es das Formular auch auf Türkisch?'],
    ['es', '¿Hay alguien que hable ucraniano? No entiendo las palabras de la pantalla', '¿El formulario está también en ucraniano?'],
    ['fr', "Il y aurait quelqu'un au guichet qui parle néerlandais ? Mon compagnon ne comprend pas tout", 'Le formulaire existe en néerlandais ?'],
    ['pt', 'Tem alguém aqui que fale espanhol? É para a mudança de endereço', 'O formulário tem versão em espanhol?'],
    ['ja', 'ベトナムご はなせる ひと いますか? こどもの手当のことです', 'ベトナム語の申請書はありますか'],
    ['zh', '敢有會曉講台語的人？我欲問阮孫仔的代誌', '有没有越南语的申请表？'],
    ['ko', '여기 베트남 말 하는 선생님 있어요? 서류 얘기예요', '베트남어 신청서도 있어요?'],
  ] as [Language, string, string][])('[%s] asking for someone who speaks a named language is a request for a person; asking for a form in it is not', (lang, speaker, form) => {
    expect(codes(speaker, lang)).toContain('explicit_request');
    expect(codes(form, lang)).not.toContain('explicit_request');
  });

  it.each([
    ['en', "Could you just pop my new address on my council tax account? It's 14 Ashgrove Road.", 'How do I update my address on my account online?'],
    ['de', 'Können Sie meine neue Adresse bitte gleich im System ändern?', 'Wie kann ich meine neue Adresse online ändern?'],
    ['es', '¿Me puede cambiar la dirección en el sistema ya mismo?', '¿En qué ventanilla se hace el cambio de domicilio?'],
    ['fr', 'vous pouvez pas directement modifier mon adresse dans vos fichiers maintenant', 'Comment je change mon adresse en ligne ?'],
    ['pt', 'Você pode mudar meu endereço no sistema agora?', 'Como eu mudo meu endereço pela internet?'],
    ['ja', '番地が間違ってたんです。ここでパパっと直しといてもらえます?', '住所変更はどの窓口ですか'],
    ['zh', '你直接在系统里帮我把社保卡的联系地址改成新地址就行', '社保卡的地址在哪里改？'],
    ['ko', '시스템에서 주소 바로 바꿔 주세요', '주소 변경은 어디서 해요?'],
  ] as [Language, string, string][])('[%s] asking the assistant itself to change a record in the system is a restricted action; asking where to change it is not', (lang, ask, where) => {
    expect(codes(ask, lang)).toContain('restricted_action');
    expect(codes(where, lang)).not.toContain('restricted_action');
  });

  it.each([
    ['en', "I can't find my son, he's five, he was right here a minute ago", "I can't find my son's birth certificate, can I get a copy?"],
    ['de', 'hallo mein sohn ist weg der is vier blaue jacke ich find ihn nicht', 'Mein Sohn ist weggezogen, muss er sich abmelden?'],
    ['es', '¡No encuentro a mi niña! Tiene cuatro años y estaba aquí en la fila', 'No encuentro el certificado de mi niña, ¿me dan otro?'],
    ['fr', 'je ne trouve plus mon fils, il a quatre ans, il était là', "Mon fils a perdu sa carte d'identité, que faire ?"],
    ['pt', 'a minha filha estava aqui ao pé de mim e não a vejo! Tem quatro anos!', 'Minha filha perdeu o RG, como tiro outro?'],
    ['ja', '子供がいなくなったんです！5歳の男の子で、さっきまでここにいたのに', '子供のマイナンバーカードが見つからないんですが'],
    ['zh', '我孩子不见了！四岁，穿红衣服，刚才还在这儿', '我儿子丢了钱包，在哪里报失？'],
    ['ko', '애가 없어졌어요 다섯 살 남자앤데 방금까지 옆에 있었어요', '아이 여권이 없어졌어요 재발급 어디서 해요?'],
  ] as [Language, string, string][])('[%s] a small child missing now is safety and alerts staff; a child\'s lost document is not', (lang, missing, document) => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text: missing }], language: lang });
    expect(d.reasons[0]?.code, JSON.stringify(d.reasons)).toBe('safety');
    expect(d.alertStaff).toBe(true);
    expect(codes(document, lang)).not.toContain('safety');
  });

  it.each([
    ['en', "there's a little boy crying on his own by the lifts, no parents anywhere", 'my little boy is crying, where are the baby changing rooms?'],
    ['de', 'Da weint ein kleiner Junge ganz allein bei den Aufzügen, keine Eltern zu sehen', 'Mein kleiner Junge weint, wo ist der Wickelraum?'],
    ['fr', "je trouve pus ma fille elle a quatre ans elle était assise à côté de moi", "je trouve pus le formulaire pour ma fille"],
    ['ja', 'エレベーターの前で3歳くらいの男の子が一人で泣いてて、親が見当たらないんです', 'うちの子が泣いてるので、授乳室はどこですか'],
    ['zh', '电梯口有个小男孩一个人在哭，周围没看到大人', '我家孩子在哭，母婴室在哪里'],
    ['ko', '엘리베이터 앞에 꼬마가 혼자 울고 있어요 부모가 안 보여요', '우리 애가 울어서 그런데 수유실 어디예요'],
    ['es', 'hay un niño pequeño llorando solo junto al ascensor, no veo a sus padres', 'mi niño está llorando, ¿dónde hay un cambiador?'],
    ['pt', 'tem um menino pequeno chorando sozinho perto do elevador, não vejo os pais', 'meu filho está chorando, onde fica o fraldário?'],
  ] as [Language, string, string][])('[%s] a small child alone and crying, or gone from a parent now (Québec "pus"), is safety; a crying child with the parent is not', (lang, alone, withParent) => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text: alone }], language: lang });
    expect(d.reasons[0]?.code, JSON.stringify(d.reasons)).toBe('safety');
    expect(d.alertStaff).toBe(true);
    expect(codes(withParent, lang)).not.toContain('safety');
  });

  it.each([
    ['zh', '我兒子剛剛還在飲水機旁邊，我填個表一轉頭他就不見了！他才五歲', '孩子的医保卡不见了，补办要多久？'],
    ['ko', '우리 애가 방금까지 옆에 있었는데 안 보여요 다섯 살이에요', '우리 애가 주민등록증이 안 보여요 재발급 어디서 해요?'],
    ['ja', 'うちの子がさっきまで横で遊んでたのに見当たらないんです', 'うちの子が保険証をなくしたみたいで見当たらないんです'],
    ['es', 'mi hijo estaba aquí a mi lado hace un momento y ya no lo veo, tiene cuatro años', 'mi hijo estaba empadronado aquí, ¿cómo saco el certificado?'],
    ['de', 'meine tochter war gerade noch hier neben mir und jetzt ist sie weg, sie ist vier', 'meine tochter war gerade hier gemeldet, brauche ich eine Bescheinigung?'],
  ] as [Language, string, string][])('[%s] a child who was just here and is gone now, said with words in between, is safety; a child\'s document gone is not', (lang, missing, document) => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text: missing }], language: lang });
    expect(d.reasons[0]?.code, JSON.stringify(d.reasons)).toBe('safety');
    expect(d.alertStaff).toBe(true);
    expect(codes(document, lang)).not.toContain('safety');
  });

  it.each([
    ['en', 'And the registrar who took our notice last month, tall, glasses? She said to come straight back to her. Is she in today?', "The lady at counter 3 said it's fine, she's in a meeting anyway, so where do I pay?"],
    ['de', 'Letzte Woche hat mir eine Frau Yilmaz bei der Anmeldung geholfen. Ist sie heute da?', 'Meine Frau braucht eine Meldebescheinigung, ist sie schon da?'],
    ['fr', "c'est le monsieur qui a pris mes empreintes qui m'a dit de revenir le voir, il est où", 'Monsieur, il est où le bureau des passeports ?'],
    ['pt', 'E o senhor Rui, que trata dos atestados, ainda cá está?', 'A senhora sabe se o guichê de atestados está aqui?'],
    ['zh', '上次接待我的是一位戴眼镜的女同志，她说材料补齐了直接去找她，她今天在班上吗？', '上次那位工作人员说材料齐了，今天还要排队吗？'],
  ] as [Language, string, string][])('[%s] a staff member described, then asked after by pronoun, is a request for that person; a document asked after is not', (lang, asked, other) => {
    expect(codes(asked, lang)).toContain('explicit_request');
    expect(codes(other, lang)).not.toContain('explicit_request');
  });

  it('zh: an old man slid to the floor and barely answers is safety; garbage on the floor is not', () => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text: '哎 门口那个大爷刚才扶着柱子一下就出溜到地上了 叫他也不怎么应 脸煞白' }], language: 'zh' });
    expect(d.reasons[0]?.code, JSON.stringify(d.reasons)).toBe('safety');
    expect(codes('大件垃圾可以直接放在地上吗？', 'zh')).not.toContain('safety');
  });

  it('Chinese is matched in Simplified and quoted as written: a Traditional locked PIN, a denied complaint', () => {
    const pin = convo('zh', '請問一下，我的自然人憑證PIN碼打錯太多次，被鎖住了，報稅系統都進不去，該怎麼辦？').decision;
    expect(pin.reasons.map((r) => r.code)).toContain('sensitive_topic');
    const hits = findCues('我的帳號被鎖住了', policy, ['zh'], ['zh']).filter((h) => h.kind === 'sensitive');
    expect(hits.map((h) => h.category)).toContain('account_access');
    expect(hits.every((h) => !/[锁号]/u.test(h.phrase)), JSON.stringify(hits)).toBe(true);
    expect(codes('嗯不是投诉啊 就是好奇问一下 你们周六上午开不开门', 'zh')).toEqual([]);
    expect(codes('我不是来投訴的，就是問一下週六開不開門', 'zh')).toEqual([]);
    expect(codes('这不是第一次了，我要投诉那个窗口的人', 'zh')).toContain('sensitive_topic');
  });

  it.each([
    ['ja', '粗大ごみのシールってどこで売ってますか', 'A: 粗大ごみの収集は事前申込制で、毎月第2・第4水曜日です。', 'いや 収集日じゃなくて シールをどこで買えるか', 'A: 粗大ごみの収集は事前申込制で、毎月第2・第4水曜日です。', 'だから シールの売ってる場所'],
    ['fr', 'Les encombrants, c’est quel jour rue des Tilleuls ?', 'A: La collecte des ordures ménagères a lieu le lundi et le jeudi matin.', 'Non, je parle des encombrants. Un vieux canapé.', 'A: La collecte des ordures ménagères a lieu le lundi et le jeudi matin.', 'Les encombrants !'],
  ] as [Language, ...string[]][])('[%s] a correction after a reply ("no, not the collection day") makes the repeated reply a failure', (lang, ...lines) => {
    expect(findCues(lines[2]!, policy, [lang], [lang]).some((h) => h.kind === 'negativeFeedback')).toBe(true);
    expect(convo(lang, ...lines).decision.reasons.map((r) => r.code)).toContain('repeated_failure');
  });

  it.each([
    ['es', 'no veo bien la pantalla, ¿me ayuda alguien?', 'vision'],
    ['pt', 'eu tenho baixa visão não consigo ver nada do que está no ecrã', 'vision'],
    ['de', 'meine augen sind schlecht, ich kann auf dem bildschirm nix lesen', 'vision'],
    ['en', "I can't read the screen, the letters are too small for me", 'vision'],
    ['ko', '화면 글씨가 안 보여요 눈이 나빠서요', 'vision'],
    ['es', 'yo nuevo aquí, de Ucrania, no entiendo las palabras en pantalla', 'literacy'],
    ['de', 'Entschuldigung, mein Deutsch ist nicht gut, ich verstehe das nicht', 'literacy'],
    ['fr', 'je parle un peu français seulement, c’est difficile pour moi', 'literacy'],
    ['pt', 'desculpa, falo pouco português, não entendo o que diz aqui', 'literacy'],
  ] as [Language, string, string][])('[%s] a vulnerable cue worded with its own negation is not vetoed by it (%s)', (lang, text, category) => {
    expect(findCues(text, policy, [lang], [lang]).filter((h) => h.kind === 'vulnerable').map((h) => h.category)).toContain(category);
    expect(codes(text, lang)).toContain('vulnerable_visitor');
  });

  it('a negation a gap matched still vetoes, one the pattern spells does not', () => {
    expect(codes('Ich brauche keinen Mitarbeiter, nur die Öffnungszeiten bitte', 'de')).not.toContain('explicit_request');
    expect(codes('perdone, no sé qué hacer, me robaron el bolso y no paro de llorar', 'es')).toContain('negative_sentiment');
  });

  it.each([
    ['ja', 'お母さんにたのまれて、じゅうみんひょうをもらいにきました。ぼくは4年生です。', '息子が4年生なんですが、児童手当はどうなりますか'],
    ['ko', '저 초등학교 6학년인데요 엄마가 인감증명서 떼 오라고 하셨어요', '아들이 초등학교 6학년인데 전입신고 같이 해야 돼요?'],
    ['zh', '你好 我初二的 我妈上班走不开 她让我来帮她开证明', '我儿子初二了，他的户口要怎么迁？'],
  ] as [Language, string, string][])('[%s] a child stating their school year, sent by a parent, is a vulnerable visitor; a parent speaking of one is not', (lang, child, parent) => {
    expect(codes(child, lang)).toContain('vulnerable_visitor');
    expect(findCues(parent, policy, [lang], [lang]).filter((h) => h.kind === 'vulnerable' && h.category === 'child')).toEqual([]);
  });

  it.each([
    ['ja', '責任者呼んでよ', '責任者の方から書類を受け取りました。次はどこですか'],
    ['ja', '恐れ入りますが、戸籍係の係長さんに少しお時間をいただけますでしょうか', '係長とお話ししました。住民票はどこで取れますか'],
    ['es', 'oiga, ¿está rocío la de padrón? ella me atendió la otra vez', '¿está abierta la oficina de padrón hoy?'],
    ['de', 'kann mich bitte jemand vom Standesamt hier abholen?', 'wer vom Amt hat letzte Woche den Sperrmüll abgeholt?'],
    ['de', 'Das sag ich keinem Computer, ich will einen Menschen', 'Kann ich die Karte morgen abholen?'],
  ] as [Language, string, string][])('[%s] a request for the person above, a named clerk or someone from an office to come is a request; its lookalike is not', (lang, request, other) => {
    expect(codes(request, lang)).toContain('explicit_request');
    expect(codes(other, lang)).not.toContain('explicit_request');
  });

  it.each([
    ['en', 'When do they collect the recycling on Mill Lane?', 'no, the recycling collection day for Mill Lane', 'the recycling collection day for Mill Lane please'],
    ['fr', 'Quel jour passe le camion des poubelles jaunes rue Pasteur ?', 'non le jour de collecte des poubelles jaunes rue pasteur', 'le jour de collecte des poubelles jaunes rue pasteur'],
  ] as [Language, string, string, string][])('[%s] a turn opening with a bare "no" that would get the same reply again is a failure; the same turn without it is a follow-up', (lang, first, again, followUp) => {
    const answered = convo(lang, first).intake;
    expect(answered?.intent).toBe('kb:garbage-collection-days');
    const reply = answered!.reply;
    expect(convo(lang, first, `A: ${reply}`, again).decision.reasons.map((r) => r.code)).toContain('repeated_failure');
    expect(convo(lang, first, `A: ${reply}`, followUp).decision.reasons.map((r) => r.code)).not.toContain('repeated_failure');
  });

  it('a bare "no" does not make an answer to a new question a failure', () => {
    const reply = convo('en', 'When do they collect the recycling on Mill Lane?').intake?.reply;
    expect(convo('en', 'When do they collect the recycling on Mill Lane?', `A: ${reply}`, 'no thanks, where are the toilets?').decision.reasons.map((r) => r.code)).not.toContain('repeated_failure');
  });

  it('[ja] "no need to <polite verb>" after the request verb negates it; the request itself stands', () => {
    expect(codes('スタッフの方を呼んでいただかなくて結構ですよ、児童手当の書類だけ欲しいです', 'ja')).not.toContain('explicit_request');
    expect(codes('スタッフの方を呼んでいただけますか', 'ja')).toContain('explicit_request');
  });
});
