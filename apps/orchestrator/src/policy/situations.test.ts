/**
 * Needs told as situations rather than with the trigger's usual words, in several languages, each
 * with a routine twin (sentences written for these tests, not taken from any evaluation set).
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';

const { decide, codesOf } = engineKit();

describe('sensitive matters told as situations', () => {
  it.each([
    ['can I pay it in bits? like a fiver now and the rest on friday', 'en', 'financial'],
    ['ando apretado, me quedé sin chamba y debo el predial de dos años, ¿hay algún convenio?', 'es', 'financial'],
    ['¿puedo pagar el certificado en cuotas?', 'es', 'financial'],
    ['国民年金の保険料、半年分たまってて催告状が来ました', 'ja', 'financial'],
    ['房租拖了三个月了，房东天天催，补贴什么时候到账', 'zh', 'financial'],
    ["my mum's on warfarin and forgot if she took it, should she take another?", 'en', 'medical'],
    ['粗大ごみの回収、やっぱりなしにしたいんですが', 'ja', 'cancellation'],
    ['대형폐기물 신청한 거 없던 걸로 하고 싶어요', 'ko', 'cancellation'],
    ['과태료 나왔는데 이의신청 하고 싶어요', 'ko', 'legal'],
  ] as const)('%s (%s) is %s', (text, lang, topic) => {
    const d = decide(text, lang);
    expect(d.reasons.map((r) => r.code)).toContain('sensitive_topic');
    expect(d.flags).toContain(`sensitive:${topic}`);
  });

  it.each([
    ['Can I pay by card here?', 'en'],
    ['¿se puede pagar con tarjeta?', 'es'],
    ['粗大ごみの回収日はいつですか', 'ja'],
    ['房租补贴在哪里申请', 'zh'],
  ] as const)('%s (%s) is routine', (text, lang) => {
    expect(codesOf(text, lang)).not.toContain('sensitive_topic');
  });
});

describe('vulnerable visitors and a child gone, told as situations', () => {
  it.each([
    ["Sorry, my portuguese is very bad. I need the paper for my landlord, I don't understand what is written here.", 'pt', 'vulnerable_visitor'],
    ['my spanish is not very good, sorry', 'en', 'vulnerable_visitor'],
    ['这上面的字我好多不认得，以前没念过书，孙子平时帮我念', 'zh', 'vulnerable_visitor'],
    ['ich such meine tochter die ist drei, die war eben noch am spielplatz und jetzt seh ich sie nirgends', 'de', 'safety'],
  ] as const)('%s (%s) -> %s', (text, lang, code) => {
    expect(codesOf(text, lang)).toContain(code);
  });

  it('overwhelmed after a death in the family escalates (ja); a routine question does not', () => {
    expect(decide('母が急に亡くなって、もう頭が回らなくて、何から手続きすればいいのか', 'ja').escalate).toBe(true);
    expect(decide('駐車場はどこですか', 'ja').escalate).toBe(false);
  });

  it.each([
    ['这个字怎么念？', 'zh'],
    ['Ich suche meinen Ausweis, ich seh ihn nirgends, ist der beim Fundbüro?', 'de'],
  ] as const)('%s (%s) is routine', (text, lang) => {
    expect(codesOf(text, lang)).toEqual([]);
  });
});
