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

  it('a negation a gap matched still vetoes, one the pattern spells does not', () => {
    expect(codes('Ich brauche keinen Mitarbeiter, nur die Öffnungszeiten bitte', 'de')).not.toContain('explicit_request');
    expect(codes('perdone, no sé qué hacer, me robaron el bolso y no paro de llorar', 'es')).toContain('negative_sentiment');
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
