/**
 * Requests for a person worded around a particular clerk, a role, a language spoken or meeting face to face, in the
 * eight languages, each with a twin that is no request (sentences written for these tests, not
 * taken from any evaluation set).
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { evaluateTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';
import { engineKit } from '../../test/engineKit.ts';

const policy = defaultPolicy();
const { codesOf } = engineKit();
const codes = (text: string, language: Language) => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language }).reasons.map((r) => r.code);

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

describe('a named staff member, a role, someone who speaks a language (moved from failureKinds.test.ts)', () => {
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
    ['en', 'And the registrar who took our notice last month, tall, glasses? She said to come straight back to her. Is she in today?', "The lady at counter 3 said it's fine, she's in a meeting anyway, so where do I pay?"],
    ['de', 'Letzte Woche hat mir eine Frau Yilmaz bei der Anmeldung geholfen. Ist sie heute da?', 'Meine Frau braucht eine Meldebescheinigung, ist sie schon da?'],
    ['fr', "c'est le monsieur qui a pris mes empreintes qui m'a dit de revenir le voir, il est où", 'Monsieur, il est où le bureau des passeports ?'],
    ['pt', 'E o senhor Rui, que trata dos atestados, ainda cá está?', 'A senhora sabe se o guichê de atestados está aqui?'],
    ['zh', '上次接待我的是一位戴眼镜的女同志，她说材料补齐了直接去找她，她今天在班上吗？', '上次那位工作人员说材料齐了，今天还要排队吗？'],
  ] as [Language, string, string][])('[%s] a staff member described, then asked after by pronoun, is a request for that person; a document asked after is not', (lang, asked, other) => {
    expect(codes(asked, lang)).toContain('explicit_request');
    expect(codes(other, lang)).not.toContain('explicit_request');
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
});
