/**
 * Requests for a person worded around a particular clerk or around meeting face to face, in the
 * eight languages, each with a twin that is no request (sentences written for these tests, not
 * taken from any evaluation set).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { createIntakeRunner, runIntakeTurn } from './runIntake.ts';

const runner = createIntakeRunner();
// Loading the knowledge base, its article classifier and the escalation model takes seconds on a busy machine.
beforeAll(() => {
  runIntakeTurn(runner, { turns: [{ role: 'visitor', text: 'hello' }], language: 'en' });
}, 120_000);
const codesOf = (text: string, language: Language) => runIntakeTurn(runner, { turns: [{ role: 'visitor', text }], language }).decision.reasons.map((r) => r.code);

describe('a particular clerk: asked whether they are in, where they sit, to be told the visitor has come', () => {
  it.each([
    ["Mrs Patel is expecting me at eleven, could you tell her I'm here?", 'en'],
    ['¿La directora de Catastro anda por acá? Necesito verla antes de que cierren.', 'es'],
    ['buenas vengo a ver a la trabajadora social, me dijo que volviera hoy con los papeles', 'es'],
    ['¿Le puede avisar a la licenciada que ya llegué?', 'es'],
    ['上次是一个短头发的大姐帮我办的，她说有事直接找她，她今天坐哪个窗口？', 'zh'],
    ["C'est M. Tremblay qui m'avait aidé l'an passé. Il travaille-tu encore icitte ?", 'fr'],
    ['Herr Özdemir hat gesagt, ich soll mich melden. Können Sie ihm sagen, dass ich da bin?', 'de'],
    ['a dona márcia do setor de habitação que me atendeu da outra vez sabe se ela está aí hoje?', 'pt'],
  ] as const)('%s (%s) is a request, reported speech around it notwithstanding', (text, lang) => {
    expect(codesOf(text, lang)).toContain('explicit_request');
  });

  it.each([
    ['The lady at the desk told me to ask you: where do I pay for the certificate?', 'en'],
    ['La trabajadora social me dijo que el trámite se hace en la ventanilla 3, ¿a qué hora abre?', 'es'],
    ['大姐说材料齐了，结婚登记要带户口本吗？', 'zh'],
    ['Frau Becker hat gesagt, die Meldebescheinigung kostet fünf Euro. Kann ich mit Karte zahlen?', 'de'],
  ] as const)('%s (%s) only reports what a clerk said: no request', (text, lang) => {
    expect(codesOf(text, lang)).not.toContain('explicit_request');
  });
});

describe('face to face, not through the screen', () => {
  it.each([
    ["Can we go over this face to face? I'd rather not do it on the screen.", 'en'],
    ['Con la pantalla me enredo, ¿no podemos verlo cara a cara?', 'es'],
    ['画面越しじゃなくて、顔を見ながら相談したいです', 'ja'],
    ['顔を見ながら相談できませんか', 'ja'],
    ['能不能跟人面对面谈一下这个事', 'zh'],
    ['이거 얼굴 보고 상담할 수 있을까요?', 'ko'],
    ["Je préférerais en parler en face à face avec quelqu'un.", 'fr'],
    ['Kann ich das unter vier Augen besprechen?', 'de'],
    ['dá pra gente conversar cara a cara sobre isso?', 'pt'],
  ] as const)('%s (%s) is a request', (text, lang) => {
    expect(codesOf(text, lang)).toContain('explicit_request');
  });

  it.each([
    ['Does the form have to be signed face to face?', 'en'],
    ['¿Tiene que ser cara a cara o se puede por internet?', 'es'],
    ['顔写真は必要ですか', 'ja'],
    ['结婚登记要两个人当面签字吗', 'zh'],
    ['職員さんを呼ばなくても大丈夫です、何階か教えてください', 'ja'],
    // a negation the request pattern does not spell still vetoes it (안 해 주셔도 돼요: no need to)
    ['담당자 연결은 안 해 주셔도 돼요, 주차장 위치만 알려 주세요', 'ko'],
  ] as const)('%s (%s) is no request', (text, lang) => {
    expect(codesOf(text, lang)).not.toContain('explicit_request');
  });
});
