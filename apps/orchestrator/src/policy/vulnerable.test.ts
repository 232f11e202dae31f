/**
 * Vulnerable visitors: a minor who states their age or school year on an adult's errand (an adult
 * recalling their school years is not one), a visitor who forgot their errand, mobility cues in an
 * answered turn, cues worded with their own negation (sentences written for these tests, not taken
 * from any evaluation set; the older cases moved here from failureKinds.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { findCues } from './cues.ts';
import { evaluateTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';
import { engineKit } from '../../test/engineKit.ts';

const policy = defaultPolicy();
const { codesOf, converse: convo } = engineKit();

describe('a school year stated by the visitor', () => {
  it.each([
    ['我初三，我爸在外地上班，让我带着他的户口本来开个证明，在哪儿办？', 'zh'],
    ["bonjour chu en sec 2, mon père m'a demandé de venir chercher son certificat de résidence", 'fr'],
    ["Je suis en 4e, ma mère m'envoie déposer son dossier de carte d'identité, c'est où ?", 'fr'],
  ] as const)('%s (%s): a minor on an errand, vulnerable', (text, lang) => {
    expect(codesOf(text, lang)).toContain('vulnerable_visitor');
  });

  it.each([
    ['我初二的时候就办过身份证了，现在要换新的去哪里？', 'zh'],
    ['我小学三年级的时候来过这里，现在办居住证明在哪个窗口？', 'zh'],
  ] as const)('%s (%s): an adult recalling school, not vulnerable', (text, lang) => {
    expect(codesOf(text, lang)).not.toContain('vulnerable_visitor');
  });
});

const codes = (text: string, language: Language) => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language }).reasons.map((r) => r.code);

describe('vulnerable-visitor cues and their scope', () => {
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

  it.each([
    ['ja', 'お母さんにたのまれて、じゅうみんひょうをもらいにきました。ぼくは4年生です。', '息子が4年生なんですが、児童手当はどうなりますか'],
    ['ko', '저 초등학교 6학년인데요 엄마가 인감증명서 떼 오라고 하셨어요', '아들이 초등학교 6학년인데 전입신고 같이 해야 돼요?'],
    ['zh', '你好 我初二的 我妈上班走不开 她让我来帮她开证明', '我儿子初二了，他的户口要怎么迁？'],
  ] as [Language, string, string][])('[%s] a child stating their school year, sent by a parent, is a vulnerable visitor; a parent speaking of one is not', (lang, child, parent) => {
    expect(codes(child, lang)).toContain('vulnerable_visitor');
    expect(findCues(parent, policy, [lang], [lang]).filter((h) => h.kind === 'vulnerable' && h.category === 'child')).toEqual([]);
  });
});
