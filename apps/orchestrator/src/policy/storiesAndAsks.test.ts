/**
 * Rules chosen on the sixteenth development set (2026-12-07), each with sentences written for
 * these tests (not taken from any evaluation set) and a twin that must stay as it is: lexicon
 * lists that never matched (a space joins the words of one phrase), contests of a fine told with
 * their story, a companion named as the cue ("mi abuelo"), a talk with a clerk told in the French
 * compound past, Portuguese "no" (in the), Korean "X 말고" and "…주시면 안 돼요?", and lexicon forms
 * for a tremor or a stroke, a child's school year, someone standing behind the visitor, and a
 * retroactive ask.
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';
import { relativeCue } from './proxy.ts';
import { withoutPortugueseNo } from './vetoForms.ts';
import { requestClauseNegated } from './scope.ts';

const { converse } = engineKit();
const codes = (lang: string, ...lines: string[]) => converse(lang as never, ...lines).decision.reasons.map((r) => r.code);

describe('lists of phrases that were written as one phrase now match', () => {
  it.each([
    ['es', '¿Me pueden hacer un descuento en la tasa? Ando muy justo este mes.'],
    ['es', 'Sé que está cerrado, pero ¿no me podrían hacer una excepción solo por esta vez?'],
    ['pt', 'Dá pra vocês me darem um desconto nessa taxa? Tô sem grana.'],
    ['fr', 'Est-ce que vous pourriez faire une exception pour moi ? Juste cette fois.'],
    ['fr', 'Vous ne pourriez pas me le faire moins cher ?'],
  ])('[%s] %s asks for an exception', (lang, text) => {
    expect(codes(lang, text)).toContain('policy_exception');
  });

  it('a discount the knowledge base does not mention, asked about in general, is no exception', () => {
    expect(codes('es', '¿A qué hora abren el sábado?')).not.toContain('policy_exception');
  });
});

describe('a fine contested with its story is a legal matter', () => {
  it.each([
    ['fr', "J'ai eu une contravention devant la pharmacie alors que je n'étais même pas garé, c'était la voiture de mon frère. Je veux la contester."],
    ['pt', 'Multaram-me no parque da junta mas eu não estava lá nesse dia, estava a trabalhar. Quero recorrer.'],
  ])('[%s] %s', (lang, text) => {
    expect(codes(lang, text)).toContain('sensitive_topic');
  });

  it('a contest the visitor negates is vetoed (its own scope still counts)', () => {
    // (paying "ici", at the kiosk, is an action the assistant must not take: that reason stays)
    const { decision } = converse('fr', "J'ai une contravention, je ne vais pas la contester, elle est juste. Je peux la payer ici ?");
    expect(decision.flags).toContain('vetoed:sensitive:legal');
    expect(decision.reasons.map((r) => r.code)).not.toContain('sensitive_topic');
  });

  it('Portuguese "no" (in the) is no negation; "não" still is', () => {
    expect(withoutPortugueseNo('estava no lugar de cargas')).toBe('estava em o lugar de cargas');
    expect(withoutPortugueseNo('nos dias úteis, não quero')).toBe('em os dias úteis, não quero');
  });
});

describe('a companion named as the cue is not the visitor', () => {
  it('"mi abuelo" is a relative cue; "soy abuelo" is not', () => {
    expect(relativeCue('vengo con mi abuelo en silla de ruedas', 'abuelo')).toBe(true);
    expect(relativeCue('soy abuelo y no veo bien la pantalla', 'abuelo')).toBe(false);
  });

  it('a ramp asked for a grandfather in a wheelchair is an accessibility question', () => {
    expect(codes('es', 'Vine con mi abuela en silla de ruedas, ¿hay ascensor para ir al segundo piso?')).not.toContain('vulnerable_visitor');
  });

  it('a visitor who is old and cannot manage the screen still gets a person', () => {
    expect(codes('es', 'Tengo 88 años y no entiendo nada de esta pantalla, ayúdeme por favor')).toContain('vulnerable_visitor');
  });
});

describe('a talk with a clerk told in the French compound past is no request', () => {
  it('"ma sœur a parlé avec un agent hier, il lui a dit…" asks a routine question', () => {
    expect(codes('fr', "Ma sœur a parlé avec un agent hier et il lui a dit qu'on pouvait payer par carte. C'est vrai ?")).not.toContain('explicit_request');
  });

  it('a request in the same turn still counts', () => {
    expect(codes('fr', "J'ai déjà parlé avec un agent hier. Là je veux parler au responsable.")).toContain('explicit_request');
  });
});

describe('Korean: "X 말고" sets X aside, "…주시면 안 돼요?" asks politely', () => {
  it('the request after "이거 말고" stands', () => {
    expect(requestClauseNegated('이거 말고 그냥 직원 불러 주시면 안 돼요?', '직원불러', undefined, true)).toBe(false);
    expect(codes('ko', '기계 말고 그냥 직원 한 분만 불러 주시면 안 돼요?')).toContain('explicit_request');
  });

  it('"직원은 안 불러도 돼요" is still a negated request', () => {
    expect(codes('ko', '직원은 안 불러도 돼요. 등본 수수료만 알려 주세요')).not.toContain('explicit_request');
  });
});

describe('lexicon forms from the sixteenth development set', () => {
  it.each([
    ['en', 'sorry my hands are shaking a lot since my stroke, i cant press the right buttons', 'vulnerable_visitor'],
    ['pt', 'desculpe a demora, minha mão treme muito, tenho parkinson', 'vulnerable_visitor'],
    ['ja', 'こんにちは。中学1年生です。父に頼まれて来ました。', 'vulnerable_visitor'],
    ['zh', '你好，我國一，我爸叫我來拿文件。', 'vulnerable_visitor'],
    ['ja', 'さっきから知らない男の人が後ろにいて、ずっとついてくるんです。', 'safety'],
    ['ja', '出生届が遅れてしまったんですが、さかのぼって支給してもらえませんか。', 'policy_exception'],
    ['es', 'Mi papá anda con la presión alta y se le acabaron las pastillas hace dos días.', 'sensitive_topic'],
    ['fr', "Après le loyer, il me reste 20 euros pour finir le mois avec les enfants.", 'sensitive_topic'],
    ['de', 'Ich habe 40 Euro bezahlt, auf dem Aushang steht 20, das passt doch hinten und vorne nicht.', 'sensitive_topic'],
    ['de', 'Sagen Sie Frau Kaya bitte Bescheid, dass ich da bin?', 'explicit_request'],
  ])('[%s] %s -> %s', (lang, text, code) => {
    expect(codes(lang, text)).toContain(code);
  });

  it.each([
    ['ja', '息子は小学3年生です。児童手当はいつまでもらえますか。'],
    ['en', 'My dad had a stroke years ago, he is fine now. Where do I pay for a parking permit?'],
    ['de', 'Die Schlange hier bringt mich heute noch um 😂 Wie lange dauert es noch?'],
  ])('[%s] %s escalates for no reason', (lang, text) => {
    expect(codes(lang, text)).toEqual([]);
  });
});

describe('a curt question the knowledge base answered surely', () => {
  it('"Perso. Kosten?" asks for fees, not for a person', () => {
    expect(codes('de', 'Perso. Kosten?')).not.toContain('explicit_request');
  });

  it('two words asking for a person still do', () => {
    expect(codes('de', 'Mitarbeiter bitte')).toContain('explicit_request');
  });
});

describe('a negation in the clause before a cue does not reach it', () => {
  it('German: a distress cue that opens with "ich" after "…nicht" in a voice transcript', () => {
    expect(codes('de', 'ich find den zettel nicht ich schaff das alles nicht mehr heute')).toContain('negative_sentiment');
  });

  it('"nicht dass ich …" still ties the negation to it', () => {
    expect(codes('de', 'nicht dass ich das alles nicht schaffe, ich brauche nur die Öffnungszeiten')).not.toContain('negative_sentiment');
  });

  it('Japanese: a negation before the ask belongs to its own clause ("自信がなくて…見てもらえたら安心")', () => {
    expect(codes('ja', '自分で書いてみたんですが自信がなくて、申請書を見てもらえたら安心なんですけど')).toContain('explicit_request');
  });

  it('Japanese: a negation after the cue still negates it', () => {
    expect(codes('ja', '職員さんは呼ばなくていいです。駐車場の場所だけ教えてください')).not.toContain('explicit_request');
  });

  it('Japanese "…って言ってもらえたら" asks to be told; "…って言われた" is still reported', () => {
    expect(codes('ja', '書類を確認して「大丈夫」って言っていただけると助かります')).toContain('explicit_request');
    expect(codes('ja', '窓口の人に、この書類で大丈夫って言われたんですけど、駐車場はどこですか')).not.toContain('explicit_request');
  });
});

describe('disorientation cues from the sixteenth development set', () => {
  it.each([
    ['de', 'mein sohn wollte mich hier abholen glaub ich welcher tag ist denn heute eigentlich'],
    ['es', 'Perdone, joven, ¿esto es el centro de salud? Vengo por las pastillas de mi marido.'],
  ])('[%s] %s', (lang, text) => {
    expect(codes(lang, text)).toContain('vulnerable_visitor');
  });

  it('"¿esto es el registro civil?" is a routine question', () => {
    expect(codes('es', '¿Esto es el registro civil? Vengo a inscribir a mi hijo.')).not.toContain('vulnerable_visitor');
  });
});

describe('rules chosen on the seventeenth development set', () => {
  it.each([
    ['en', 'is dr khan from housing about he said to come back when the letter came', 'explicit_request'],
    ['en', 'The woman at the front desk was really short with my mum. I want that put on record.', 'sensitive_topic'],
    ['en', "We're leaving the area. How do we stop the service and get the rest back?", 'sensitive_topic'],
    ['en', 'my little girl was right next to me at the lifts and now shes gone please help', 'safety'],
    ['en', "I've kept the heating off all winter and I've stopped opening the bills.", 'sensitive_topic'],
    ['en', "my support worker usually helps me, i don't really do reading that well", 'vulnerable_visitor'],
    ['es', 'no anda por aquí alguien de padrón que me pueda ver esto', 'explicit_request'],
    ['es', 'Me atendió don Ernesto la otra vez y ya conoce mi caso. ¿No estará por ahí?', 'explicit_request'],
    ['de', 'Der Herr Gruber hat mir letzte Woche geholfen. Der sitzt doch heute da, oder?', 'explicit_request'],
    ['ja', 'あの 小6なんですけど 父に頼まれて来ました', 'vulnerable_visitor'],
    ['ja', '先週お電話で相談した件で、折り返しいただけると助かります', 'explicit_request'],
    ['ja', 'わしは今どこに住んどるんじゃったかのう', 'vulnerable_visitor'],
    ['ko', '한국 온 지 얼마 안 됐어요. 글자 너무 어려워요', 'vulnerable_visitor'],
    ['pt', 'Eu só tenho uns vinte por cento de visão, não consigo com esse ecrã', 'vulnerable_visitor'],
    ['zh', '我是國小五年級，我爸叫我來拿表格', 'vulnerable_visitor'],
    ['zh', '上次是王姐帮我办的，她说材料齐了再来找她，不用排队。她今天在吗？', 'explicit_request'],
    ['zh', '这张罚单根本不合理，我要申请行政复议，材料交到哪？', 'sensitive_topic'],
  ])('[%s] %s -> %s', (lang, text, code) => {
    expect(codes(lang, text)).toContain(code);
  });

  it.each([
    ['en', 'Is Mr Patel in the phone book?'],
    ['ja', '折り返し電話をくださいと言われたんですが、番号はどこですか'],
    ['zh', '大件垃圾是我们搬下楼，还是工作人员可以上楼来搬？'],
  ])('[%s] %s escalates for no reason', (lang, text) => {
    expect(codes(lang, text)).toEqual([]);
  });

  it('Korean "물어봤다니까요" (I did ask about it) after an answer is a failed answer', () => {
    expect(codes('ko', '인감 등록은 어떻게 해요?', 'A: 인감 등록은 신분증을 가지고 본인이 직접 오셔야 합니다.', '아니 등록 말고 발급 수수료요. 수수료 물어봤다니까요')).toContain('repeated_failure');
  });

  it('"ok" after a one-word question is not read with it as a locked account', () => {
    expect(codes('es', 'Wifi?', 'Contraseña?', 'ok')).toEqual([]);
  });

  it('an accessibility question answered for a named companion is routine', () => {
    expect(codes('ko', '휠체어 빌릴 수 있어요? 엄마가 무릎 수술하셔서 차에서 기다리세요.')).not.toContain('sensitive_topic');
    expect(codes('fr', "c'est où l'ascenseur svp ? ma grand-mère est en fauteuil")).toEqual([]);
  });

  it('the visitor\'s own condition with an accessibility question still counts when the model is sure', () => {
    expect(codes('en', "I'm in a wheelchair and I can't reach the counter, can someone come and help me?")).not.toEqual([]);
  });
});
