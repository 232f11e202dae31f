/**
 * A small child missing now, alone and crying, or gone from beside a parent is safety (staff search
 * at once); a child's lost document, a crying child with the parent, garbage on the floor are not
 * (sentences written for these tests, not taken from any evaluation set; moved here from
 * failureKinds.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { evaluateTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';

const policy = defaultPolicy();
const codes = (text: string, language: Language) => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language }).reasons.map((r) => r.code);

describe('a small child missing now, and other people in danger', () => {
  it.each([
    ['en', "I can't find my son, he's five, he was right here a minute ago", "I can't find my son's birth certificate, can I get a copy?"],
    ['de', 'hallo mein sohn ist weg der is vier blaue jacke ich find ihn nicht', 'Mein Sohn ist weggezogen, muss er sich abmelden?'],
    ['es', '¡No encuentro a mi niña! Tiene cuatro años y estaba aquí en la fila', 'No encuentro el certificado de mi niña, ¿me dan otro?'],
    ['fr', 'je ne trouve plus mon fils, il a quatre ans, il était là', "Mon fils a perdu sa carte d'identité, que faire ?"],
    ['pt', 'a minha filha estava aqui ao pé de mim e não a vejo! Tem quatro anos!', 'Minha filha perdeu o RG, como tiro outro?'],
    ['ja', '子供がいなくなったんです！5歳の男の子で、さっきまでここにいたのに', '子供のマイナンバーカードが見つからないんですが'],
    ['zh', '我孩子不见了！四岁，穿红衣服，刚才还在这儿', '我儿子丢了钱包，在哪里报失？'],
    ['ko', '애가 없어졌어요 다섯 살 남자앤데 방금까지 옆에 있었어요', '아이 여권이 없어졌어요 재발급 어디서 해요?'],
    // Asking whether anyone has seen the child (2026-12-07).
    ['de', 'Entschuldigung, haben Sie ein kleines Mädchen gesehen? Rote Mütze, vier Jahre, Mia!', 'Haben Sie meinen Ausweis gesehen? Ich hatte ihn eben noch'],
    ['ko', '저기 혹시 우리 딸 못 보셨어요? 네 살이고 분홍 원피스 입었어요', '우리 딸 학교 서류 떼려면 어디로 가요?'],
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

  it('zh: an old man slid to the floor and barely answers is safety; garbage on the floor is not', () => {
    const d = evaluateTurn(policy, { turns: [{ role: 'visitor', text: '哎 门口那个大爷刚才扶着柱子一下就出溜到地上了 叫他也不怎么应 脸煞白' }], language: 'zh' });
    expect(d.reasons[0]?.code, JSON.stringify(d.reasons)).toBe('safety');
    expect(codes('大件垃圾可以直接放在地上吗？', 'zh')).not.toContain('safety');
  });
});
