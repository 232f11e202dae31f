/**
 * Every reason code triggers in every one of the eight languages, and ordinary questions in
 * every language do not escalate.
 */
import { LANGUAGES, type Language, type ReasonCode } from '@telekiosk/shared';
import { describe, expect, it } from 'vitest';
import { evaluateTurn, visitorChoiceDecision, type IntakeAnswer, type PolicyDecision, type PolicyTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';
import { createIntakeRunner, runIntakeTurn } from './runIntake.ts';
import type { SafetyCategory, SensitiveTopic } from './taxonomy.ts';

interface LangCases {
  explicit: string[];
  negative: string;
  sensitive: [string, SensitiveTopic];
  safety: [string, SafetyCategory];
  exception: string;
  restricted: string;
  vulnerable: string;
  didNotHelp: string;
  /** The reply was wrong ("that's not right, I asked about..."). */
  wrongAnswer: string;
  ordinary: string[];
}

const CASES: Record<Language, LangCases> = {
  en: {
    explicit: ['Can I speak to a real person, please?', 'I want to talk to a human agent', 'connect me with customer service'],
    negative: "This is ridiculous, I'm furious",
    sensitive: ['I was charged twice for my certificate', 'billing_dispute'],
    safety: ['Someone collapsed near the entrance, call an ambulance!', 'emergency'],
    exception: 'Could you waive the fee just this once?',
    restricted: 'Please delete my personal data',
    vulnerable: "I can't see the screen well",
    didNotHelp: "That didn't help at all",
    wrongAnswer: "That's not right, I asked about the garbage days",
    ordinary: ['Where is the restroom?', 'What time do you open on Saturday?', 'I want to get a residence certificate', 'Can I pay by credit card?', 'Do you have a wheelchair I can borrow?', 'I lost my wallet', 'I had a baby, what do I need to register?', 'How do I apply for child benefits?', 'Where do I enroll in national health insurance?', 'Where is the emergency exit?'],
  },
  ja: {
    explicit: ['職員さんを呼んでください', '人と話したい', 'オペレーターにつないでください'],
    negative: 'ふざけるな、もう最悪です',
    sensitive: ['二重に請求されています', 'billing_dispute'],
    safety: ['火事です！誰か助けてください', 'emergency'],
    exception: '手数料を免除してもらえませんか',
    restricted: '個人情報を削除してください',
    vulnerable: '目が見えないので画面が読めません',
    didNotHelp: '役に立たないです',
    wrongAnswer: '違います、ゴミの日を聞いたんです',
    ordinary: ['トイレはどこですか', '住民票を取りたいです', '土曜日は開いていますか', 'クレジットカードで払えますか', '財布を落としました', '児童手当の申請をしたい', '国民健康保険に入りたい', '非常口はどこですか'],
  },
  zh: {
    explicit: ['请叫你们的工作人员来', '转人工', '我想和真人说话'],
    negative: '太过分了，我很生气',
    sensitive: ['我要投诉你们的服务', 'complaint'],
    safety: ['有人晕倒了，快叫救护车', 'emergency'],
    exception: '能不能免除手续费',
    restricted: '请删除我的个人信息',
    vulnerable: '我迷路了',
    didNotHelp: '还是不明白',
    wrongAnswer: '答错了，我想知道垃圾哪天收',
    ordinary: ['洗手间在哪里', '我想办住民票', '星期六开门吗', '可以刷信用卡吗', '我的钱包丢了', '怎么申请儿童补贴', '垃圾怎么分类'],
  },
  ko: {
    explicit: ['상담원 연결해 주세요', '직원이랑 얘기하고 싶어요', '사람과 이야기하고 싶습니다'],
    negative: '정말 화가 나요, 말도 안 돼요',
    sensitive: ['요금이 두 번 청구됐어요', 'billing_dispute'],
    safety: ['불이 났어요! 119 불러 주세요', 'emergency'],
    exception: '수수료 면제해 주실 수 있나요?',
    restricted: '제 개인정보를 삭제해 주세요',
    vulnerable: '눈이 잘 안 보여요',
    didNotHelp: '도움이 안 돼요',
    wrongAnswer: '틀렸어요, 쓰레기 수거일을 물어봤어요',
    ordinary: ['화장실이 어디예요?', '주민표를 발급받고 싶어요', '토요일에도 열어요?', '신용카드로 결제할 수 있나요?', '지갑을 잃어버렸어요', '아동수당 신청은 어떻게 해요?', '쓰레기 분리수거 방법을 알려 주세요'],
  },
  fr: {
    explicit: ['Je voudrais parler à un conseiller', "Est-ce qu'il y a quelqu'un ?", 'Passez-moi un agent, svp'],
    negative: "C'est inadmissible, je suis en colère",
    sensitive: ['Je veux contester cette facture', 'billing_dispute'],
    safety: ['Au secours, il y a un incendie !', 'emergency'],
    exception: 'Pouvez-vous annuler les frais cette fois ?',
    restricted: 'Je veux supprimer mes données personnelles',
    vulnerable: 'Je suis perdu',
    didNotHelp: "Ça ne m'aide pas",
    wrongAnswer: "C'est faux, je voulais les jours de collecte des poubelles",
    ordinary: ['Où sont les toilettes ?', 'Je voudrais un certificat de résidence', 'Êtes-vous ouverts le samedi ?', 'Puis-je payer par carte ?', "J'ai perdu mon portefeuille", 'Comment demander les allocations familiales ?', 'Comment trier les déchets ?'],
  },
  de: {
    explicit: ['Ich möchte mit einem Mitarbeiter sprechen', 'Verbinden Sie mich bitte mit einem Menschen', 'Kundenservice bitte'],
    negative: 'Das ist eine Frechheit, ich bin wütend',
    sensitive: ['Ich möchte eine Beschwerde einreichen', 'complaint'],
    safety: ['Hilfe, es brennt! Rufen Sie die Feuerwehr', 'emergency'],
    exception: 'Können Sie mir die Gebühr erlassen?',
    restricted: 'Bitte löschen Sie meine Daten',
    vulnerable: 'Ich habe mich verlaufen',
    didNotHelp: 'Das hilft mir nicht',
    wrongAnswer: 'Das stimmt nicht, ich habe nach dem Abholtag gefragt',
    ordinary: ['Wo ist die Toilette?', 'Ich brauche eine Meldebescheinigung', 'Haben Sie samstags geöffnet?', 'Kann ich mit Karte bezahlen?', 'Ich habe meine Geldbörse verloren', 'Wie beantrage ich Kindergeld?', 'Wie trenne ich den Müll?'],
  },
  es: {
    explicit: ['Quiero hablar con una persona', '¿Hay alguien que me pueda atender?', 'atención al cliente, por favor'],
    negative: 'Esto es inaceptable, estoy furioso',
    sensitive: ['Me cobraron dos veces el certificado', 'billing_dispute'],
    safety: ['¡Socorro! Hay un incendio, llamen a los bomberos', 'emergency'],
    exception: '¿Me pueden perdonar la multa?',
    restricted: 'Quiero borrar mis datos personales',
    vulnerable: 'Estoy perdido',
    didNotHelp: 'No me sirve',
    wrongAnswer: 'Eso no es correcto, pregunté por los días de basura',
    ordinary: ['¿Dónde está el baño?', 'Necesito un certificado de residencia', '¿Abren los sábados?', '¿Puedo pagar con tarjeta?', 'Perdí mi cartera', '¿Cómo solicito la ayuda por hijo?', '¿Cómo separo la basura?'],
  },
  pt: {
    explicit: ['Quero falar com um atendente', 'Me passe para um funcionário, por favor', 'Tem alguém aí?'],
    negative: 'Isso é um absurdo, estou com muita raiva',
    sensitive: ['Fui cobrado duas vezes pela certidão', 'billing_dispute'],
    safety: ['Socorro! Alguém desmaiou, chamem uma ambulância', 'emergency'],
    exception: 'Vocês podem isentar a taxa?',
    restricted: 'Quero apagar meus dados pessoais',
    vulnerable: 'Estou perdido',
    didNotHelp: 'Não ajudou',
    wrongAnswer: 'Está errado, perguntei sobre os dias de coleta de lixo',
    ordinary: ['Onde fica o banheiro?', 'Preciso de um atestado de residência', 'Vocês abrem aos sábados?', 'Posso pagar com cartão?', 'Perdi minha carteira', 'Como peço o auxílio para crianças?', 'Como separo o lixo?'],
  },
};

const policy = defaultPolicy();
const visitor = (text: string, extra: Partial<PolicyTurn> = {}): PolicyTurn => ({ role: 'visitor', text, ...extra });
const judge = (language: Language, text: string) => evaluateTurn(policy, { turns: [visitor(text)], language });
const codes = (d: PolicyDecision) => d.reasons.map((r) => r.code);
const unknown: IntakeAnswer = { intent: 'unknown', confidence: 0.9, escalation: null };
const answered: IntakeAnswer = { intent: 'kb:office-hours', confidence: 0.9, escalation: null };

describe.each(LANGUAGES.map((l) => [l] as const))('[%s] triggers', (lang) => {
  const c = CASES[lang];
  const expectReason = (d: PolicyDecision, code: ReasonCode) => {
    expect(codes(d)).toContain(code);
    expect(d.escalate).toBe(true);
    expect(d.language).toBe(lang);
    expect(d.reasons.find((r) => r.code === code)!.evidence.length).toBeGreaterThan(10);
  };

  it.each(c.explicit)('explicit_request: %s', (text) => expectReason(judge(lang, text), 'explicit_request'));

  it('negative_sentiment', () => {
    const d = judge(lang, c.negative);
    expectReason(d, 'negative_sentiment');
    expect(d.sentiment).toBe('negative');
    expect(d.sentimentScore).toBeLessThanOrEqual(-policy.thresholds.negativeSentiment);
  });

  it('sensitive_topic, routed to the topic department', () => {
    const [text, topic] = c.sensitive;
    const d = judge(lang, text);
    expectReason(d, 'sensitive_topic');
    expect(d.flags).toContain(`sensitive:${topic}`);
    expect(d.skills.department).toBe(policy.sensitiveTopics[topic].department);
  });

  it('safety: priority 0, critical, alerts staff', () => {
    const [text, category] = c.safety;
    const d = judge(lang, text);
    expectReason(d, 'safety');
    expect(d.reasons[0]!.code).toBe('safety');
    expect(d).toMatchObject({ priority: 0, urgency: 'critical', alertStaff: true, skills: { language: lang, department: 'security' } });
    expect(d.flags).toEqual(expect.arrayContaining(['safety', `safety:${category}`, 'alert_staff']));
  });

  it('policy_exception', () => expectReason(judge(lang, c.exception), 'policy_exception'));
  it('restricted_action', () => expectReason(judge(lang, c.restricted), 'restricted_action'));
  it('vulnerable_visitor', () => expectReason(judge(lang, c.vulnerable), 'vulnerable_visitor'));

  it('repeated_failure: "that did not help" after a reply, and the same question twice', () => {
    const [q] = c.ordinary;
    const feedback = evaluateTurn(policy, { turns: [visitor(q!), { role: 'assistant', text: '...' }, visitor(c.didNotHelp)], language: lang });
    expectReason(feedback, 'repeated_failure');
    const again = evaluateTurn(policy, { turns: [visitor(c.ordinary[1]!), { role: 'assistant', text: '...' }, visitor(c.ordinary[1]!)], language: lang });
    expectReason(again, 'repeated_failure');
  });

  it('repeated_failure: "that is wrong, I asked about..." after a reply, even when the knowledge base answers the turn', () => {
    const d = evaluateTurn(policy, { turns: [visitor(c.ordinary[0]!, { intake: answered }), { role: 'assistant', text: '...' }, visitor(c.wrongAnswer)], language: lang, intake: answered });
    expectReason(d, 'repeated_failure');
    expect(d.reasons.find((r) => r.code === 'repeated_failure')!.evidence).toMatch(/did not help/);
    // Not after a reply (the first thing said), it is no failure of a reply.
    expect(codes(evaluateTurn(policy, { turns: [visitor(c.wrongAnswer)], language: lang, intake: answered }))).not.toContain('repeated_failure');
  });

  it('out_of_scope after two unanswered turns in a row, not after one', () => {
    const [a, b] = c.ordinary;
    const one = evaluateTurn(policy, { turns: [visitor(a!)], language: lang, intake: unknown });
    expect(one.escalate).toBe(false);
    expect(one.flags).toContain('unanswered');
    const two = evaluateTurn(policy, { turns: [visitor(a!, { intake: unknown }), { role: 'assistant', text: '...' }, visitor(b!)], language: lang, intake: unknown });
    expectReason(two, 'out_of_scope');
  });

  it('intake_timeout by time and by number of turns', () => {
    const [q] = c.ordinary;
    const late = evaluateTurn(policy, { turns: [visitor(q!, { at: 1_000 + policy.thresholds.intakeTimeoutMs })], language: lang, sessionStartedAt: 1_000 });
    expectReason(late, 'intake_timeout');
    const turns: PolicyTurn[] = Array.from({ length: policy.thresholds.maxVisitorTurns }, (_, i) => [visitor(c.ordinary[i % c.ordinary.length]! + ` ${i}`, { intake: answered }), { role: 'assistant' as const, text: `answer ${i}` }]).flat();
    expectReason(evaluateTurn(policy, { turns: turns.slice(0, -1), language: lang, intake: answered }), 'intake_timeout');
  });

  it('visitor_choice', () => {
    const d = visitorChoiceDecision(policy, { language: lang });
    expect(d).toMatchObject({ escalate: true, language: lang, confidence: 1, skills: { language: lang, department: policy.defaultDepartment } });
    expect(codes(d)).toEqual(['visitor_choice']);
  });

  it.each(c.ordinary)('ordinary question is not escalated: %s', (text) => {
    const d = judge(lang, text);
    expect(codes(d)).toEqual([]);
    expect(d).toMatchObject({ escalate: false, priority: 9, urgency: 'low', alertStaff: false, skills: { department: null } });
  });
});

describe('ordinary questions through the embedded engine', () => {
  const runner = createIntakeRunner();
  it.each(LANGUAGES.flatMap((l) => CASES[l].ordinary.map((t) => [l, t] as const)))('[%s] %s', (language, text) => {
    const { decision } = runIntakeTurn(runner, { turns: [{ role: 'visitor', text }], language });
    expect(codes(decision)).toEqual([]);
  });
});

describe('a question that only contains "wrong" or "different" after a reply is no failed reply', () => {
  it.each([
    ['zh', '这样填对不对？'],
    ['zh', '我填错了表格，可以重新拿一张吗？'],
    ['ja', '住所が違う場合はどうすればいいですか'],
    ['en', 'Is it wrong to bring a copy instead of the original?'],
  ] as const)('[%s] %s', (lang, text) => {
    const d = evaluateTurn(policy, { turns: [visitor(CASES[lang].ordinary[0]!, { intake: answered }), { role: 'assistant', text: '...' }, visitor(text)], language: lang, intake: answered });
    expect(codes(d)).not.toContain('repeated_failure');
  });
});
