import type { HandoffVerdict, KbArticleSummary, KbArticleVersion, KbContent, KbTranslationState, KnowledgeGap, Language, ReviewItem, ReviewTurn } from '@telekiosk/shared';
import { idleKnowledge, idleReview, type KnowledgeState, type ReviewState } from '../client/knowledgeState.ts';

/**
 * Fixture data of the knowledge editor's and the AI trainer's screens (see fixtures.ts): a
 * knowledge base mid-edit (the English text of an article changed, some translations redone,
 * others stale or missing), knowledge gaps, and a review queue with one conversation open.
 */

const T0 = Date.parse('2026-11-21T09:30:00.000Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const LANGS: Language[] = ['en', 'ja', 'es', 'zh', 'ko', 'fr', 'de', 'pt'];

const states = (over: Partial<Record<Language, KbTranslationState>> = {}): Record<Language, KbTranslationState> =>
  Object.fromEntries(LANGS.map((l) => [l, over[l] ?? 'current'])) as Record<Language, KbTranslationState>;

const summary = (id: string, title: string, category: string, department: string, latest: KbArticleSummary['latest'], published: number | null, tr: Partial<Record<Language, KbTranslationState>> = {}): KbArticleSummary => ({
  id,
  title,
  category,
  department,
  latest,
  published,
  translations: states(tr),
});

/** The article list: published ones, one being edited (draft v4), one in review, one new draft. */
export const KB_ARTICLES: KbArticleSummary[] = [
  summary('residence-certificate', 'Residence certificate (jūminhyō)', 'certificates', 'citizen-services', { version: 4, status: 'draft', updatedAt: at(-20) }, 3, { fr: 'stale', de: 'stale', pt: 'missing' }),
  summary('office-hours', 'Office hours', 'hours', 'general', { version: 2, status: 'published', updatedAt: at(-4000) }, 2),
  summary('garbage-collection-days', 'Garbage collection days', 'garbage', 'environment', { version: 3, status: 'review', updatedAt: at(-180) }, 2, { ko: 'stale', zh: 'stale' }),
  summary('moving-in', 'Moving in (registering your address)', 'registration', 'citizen-services', { version: 1, status: 'published', updatedAt: at(-9000) }, 1),
  summary('bicycle-parking', 'Bicycle parking and removed bicycles', 'facilities', 'environment', { version: 1, status: 'draft', updatedAt: at(-45) }, null, { ja: 'missing', es: 'missing', zh: 'missing', ko: 'missing', fr: 'missing', de: 'missing', pt: 'missing' }),
  summary('tax-certificates', 'Tax certificates', 'tax', 'tax', { version: 2, status: 'published', updatedAt: at(-12000) }, 2, { pt: 'stale' }),
  summary('lost-and-found', 'Lost and found', 'facilities', 'general', { version: 1, status: 'retired', updatedAt: at(-20000) }, null),
];

/** Content of the draft being edited: the fee changed in English; ja, es, zh, ko redone; fr, de stale; pt missing. */
const content = (): KbContent => {
  const src = at(-25);
  const old = at(-9000);
  return {
    en: {
      title: 'Residence certificate (jūminhyō)',
      answer:
        "You can get a copy of your residence certificate at Counter 2 on the 1st floor. From December 1 it costs 350 yen per copy, and you need photo ID such as a My Number card, driver's license or residence card. If someone else applies for you, they need a letter of proxy. With a My Number card, you can also print it at convenience stores.",
      keywords: ['residence certificate', 'resident certificate', 'certificate of residence', 'juminhyo'],
      questions: ['My bank wants proof of address, where do I get it?', 'how much is one copy now', 'Can my wife pick it up for me?'],
      editedAt: src,
    },
    ja: { title: '住民票の写し', answer: '住民票の写しは1階の窓口2で取得できます。12月1日から手数料は1通350円です。マイナンバーカード、運転免許証、在留カードなどの本人確認書類が必要です。代理人が申請する場合は委任状が必要です。', keywords: ['住民票', '住民票の写し', '写し', '取得'], editedAt: at(-22) },
    es: {
      title: 'Certificado de residencia (jūminhyō)',
      answer: 'Puede obtener una copia de su certificado de residencia en la Ventanilla 2 del primer piso. Desde el 1 de diciembre cuesta 350 yenes por copia y necesita una identificación con foto.',
      keywords: ['certificado de residencia', 'certificado de domicilio', 'constancia de domicilio'],
      editedAt: at(-21),
    },
    zh: { title: '住民票（居民证明）', answer: '住民票复印件可以在一楼2号窗口办理。自12月1日起每份350日元，需要出示带照片的身份证件。', keywords: ['住民票', '居民证明', '住址证明'], editedAt: at(-21) },
    ko: { title: '주민표', answer: '주민표 사본은 1층 2번 창구에서 발급받을 수 있습니다. 12월 1일부터 1통에 350엔이며 사진이 있는 신분증이 필요합니다.', keywords: ['주민표', '주민등록표', '주소 증명'], editedAt: at(-20) },
    fr: {
      title: 'Certificat de résidence',
      answer: "Vous pouvez obtenir une copie de votre certificat de résidence au guichet 2 du 1er étage. Il coûte 300 yens par copie et il faut une pièce d'identité avec photo.",
      keywords: ['certificat de résidence', 'attestation de résidence', 'justificatif de domicile'],
      editedAt: old,
    },
    de: { title: 'Meldebescheinigung (Jūminhyō)', answer: 'Eine Kopie Ihrer Meldebescheinigung erhalten Sie an Schalter 2 in Etage 1. Sie kostet 300 Yen pro Exemplar, und Sie brauchen einen Lichtbildausweis.', keywords: ['meldebescheinigung', 'wohnsitzbescheinigung', 'juminhyo'], editedAt: old },
  };
};

const version = (v: number, status: KbArticleVersion['status'], updatedMin: number, publishedMin: number | null): KbArticleVersion => ({
  articleId: 'residence-certificate',
  version: v,
  status,
  category: 'certificates',
  department: 'citizen-services',
  content: content(),
  createdBy: 'worker:e-nadia',
  createdAt: at(updatedMin - 60),
  updatedAt: at(updatedMin),
  publishedAt: publishedMin === null ? null : at(publishedMin),
});

const GAPS: KnowledgeGap[] = [
  { id: 'g-7f3a1c', language: 'en', examples: ['Where can I park my bicycle?', 'is there bike parking near the office', 'My bicycle was removed from the station, where is it?'], count: 14, escalations: 5, lastAt: at(-35) },
  { id: 'g-19b2e4', language: 'ja', examples: ['粗大ごみの予約はどこでできますか？', 'ソファを捨てたいです'], count: 9, escalations: 2, lastAt: at(-120) },
  { id: 'g-c4d801', language: 'es', examples: ['¿Puedo pagar el impuesto de residencia con tarjeta?'], count: 4, escalations: 0, lastAt: at(-800) },
];

/**
 * Knowledge state of the editor fixtures: list, gaps, the outcome of an import, and with `open`
 * the draft v4 of `residence-certificate` in the editor (`readOnly`: a supervisor reading v3).
 */
export function knowledgeFixture(opts: { open?: boolean; readOnly?: boolean } = {}): KnowledgeState {
  const versions = opts.readOnly ? [version(3, 'published', -3000, -3000), version(2, 'retired', -9000, -9000), version(1, 'retired', -20000, -20000)] : [version(4, 'draft', -20, null), version(3, 'published', -3000, -3000), version(2, 'retired', -9000, -9000), version(1, 'retired', -20000, -20000)];
  return {
    ...idleKnowledge,
    list: { status: 'ready', articles: KB_ARTICLES, error: null },
    gaps: { status: 'ready', items: GAPS, days: 30, error: null },
    open: opts.open ? { articleId: 'residence-certificate', status: 'ready', versions, isNew: false, error: null } : null,
    imported: opts.readOnly ? null : { drafted: ['bicycle-parking', 'garbage-collection-days'], unchanged: 23 },
    result: opts.readOnly ? null : { ok: true, scope: 'file', key: 'knowledge.result.imported', params: { count: 2, unchanged: 23 } },
  };
}

const REVIEW_SESSION = '22222222-2222-4222-8222-222222222222';

const turn = (seq: number, speaker: ReviewTurn['speaker'], text: string, over: Partial<ReviewTurn> = {}): ReviewTurn => ({
  entryId: uuid(400 + seq),
  seq,
  speaker,
  text,
  language: 'es',
  escalatedFor: [],
  article: null,
  label: null,
  labelReason: null,
  ...over,
});

const QUEUE: ReviewItem[] = [
  { sessionId: REVIEW_SESSION, language: 'es', createdAt: at(-90), why: ['verdict_earlier', 'verdict_wrong_answer', 'repeated_question'], escalated: true, rating: 2, labelled: 2 },
  { sessionId: uuid(601), language: 'ja', createdAt: at(-160), why: ['sample'], escalated: false, rating: 5, labelled: 0 },
  { sessionId: uuid(602), language: 'ko', createdAt: at(-300), why: ['abandoned_wait'], escalated: true, rating: null, labelled: 0 },
  { sessionId: uuid(603), language: 'fr', createdAt: at(-720), why: ['low_csat', 'verdict_wrong_answer'], escalated: true, rating: 1, labelled: 6 },
  { sessionId: uuid(604), language: 'de', createdAt: at(-1500), why: ['verdict_earlier'], escalated: true, rating: 3, labelled: 0 },
];

const VERDICT: HandoffVerdict = { escalation: 'earlier', answers: 'wrong', wrongEntryIds: [uuid(405)], package: 'missing', missing: 'Which ID documents the visitor has' };

/** Review state of the trainer fixture: the queue and one conversation open, two turns labelled. */
export function reviewFixture(): ReviewState {
  return {
    ...idleReview,
    queue: { status: 'ready', items: QUEUE, sampleRatePercent: 5, error: null },
    open: {
      sessionId: REVIEW_SESSION,
      status: 'ready',
      why: ['verdict_earlier', 'verdict_wrong_answer', 'repeated_question'],
      verdict: VERDICT,
      error: null,
      turns: [
        turn(1, 'assistant', 'Hola, soy el asistente virtual de la Oficina de Harbor City. ¿En qué puedo ayudarle?', { label: 'correct' }),
        turn(2, 'visitor', 'Necesito un certificado de residencia para mi trabajo.'),
        turn(3, 'assistant', 'Puede obtenerlo en la Ventanilla 2. Cuesta 300 yenes por copia.', { article: { id: 'residence-certificate', version: 3 } }),
        turn(4, 'visitor', '¿Cuánto cuesta? Mi correo es [email].', { label: 'should_not_escalate' }),
        turn(5, 'assistant', 'Cuesta 200 yenes y puede pagarlo con tarjeta.', { article: { id: 'certificate-fees-payment', version: 2 } }),
        turn(6, 'visitor', 'Eso no es lo que dijo antes. Quiero hablar con una persona.', { escalatedFor: ['explicit_request', 'repeated_failure'] }),
        turn(7, 'system', 'Conectando con una persona…', { language: 'es' }),
        turn(8, 'worker', 'Hola, soy Sam. El certificado cuesta 350 yenes desde el 1 de diciembre.', { language: 'es' }),
      ],
    },
  };
}
