/**
 * Errands run for someone else (`proxy.ts`): a vulnerable cue about a person who is not here, and
 * questions whether someone must come in person. Sentences written for these tests, not taken
 * from any evaluation set.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { findCues } from './cues.ts';
import { evaluateTurn } from './evaluate.ts';
import { defaultPolicy } from './policySchema.ts';
import { inPersonRequirement, proxyErrand, thirdPersonBefore } from './proxy.ts';

const policy = defaultPolicy();
const codes = (text: string, language: Language) => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language }).reasons.map((r) => r.code);

describe('errands run for someone else', () => {
  it.each([
    ['en', 'Can I collect the certificate on behalf of my mother?'],
    ['es', 'Vengo en nombre de mi padre'],
    ['de', 'Ich habe eine Vollmacht von meinem Vater'],
    ['zh', '我想代她办一下'],
    ['ja', '母の代わりに来ました'],
    ['ko', '어머니 대신 왔어요'],
  ] as [Language, string][])('[%s] proxyErrand: %s', (_lang, text) => {
    expect(proxyErrand(text)).toBe(true);
  });

  it.each([
    ['en', "Good morning. I'm here for my elderly father, who hardly leaves the house these days. Can I get his residence certificate for him?", 'My elderly father is with me and he is very confused, he does not know why we came'],
    ['zh', '您好，家父年纪大了腿脚不便，想由我代他办理户籍誊本，需要带什么？', '我爸爸年纪大了，就在我旁边，他看不懂屏幕，能不能来个人帮帮我们'],
    ['es', 'Vengo en nombre de mi abuela, que es muy mayor y no sale de casa. ¿Qué necesito para pedir su volante?', 'Mi abuela es muy mayor y está aquí conmigo muy confundida, no sabe a qué vino'],
  ] as [Language, string, string][])('[%s] an old person the visitor runs an errand for is not a vulnerable visitor; one who is here is', (lang, proxy, present) => {
    expect(findCues(proxy, policy, [lang], [lang]).some((h) => h.kind === 'vulnerable')).toBe(true);
    expect(codes(proxy, lang)).not.toContain('vulnerable_visitor');
    expect(codes(present, lang)).toContain('vulnerable_visitor');
  });

});

describe('whether someone must come in person', () => {
  it.each([
    ['es', '¿Puedo pedir yo la cita por mi marido, o tiene que venir él personalmente?'],
    ['de', 'Kann ich den Ausweis für meine Tochter abholen, oder muss sie persönlich erscheinen?'],
    ['en', 'Does my dad have to come in person to sign, or can I bring the form back for him?'],
    ['fr', 'Mon fils doit-il venir en personne pour sa carte, ou je peux y aller seule ?'],
    ['pt', 'A minha mãe precisa vir pessoalmente ou posso tratar disso por ela?'],
    ['ja', '父の書類ですが、本人が窓口に来ないとだめですか'],
    ['zh', '给我爸办的这个证明，一定要他本人亲自来吗？'],
    ['ko', '아버지 서류인데 본인이 직접 와야 하나요?'],
  ] as [Language, string][])('[%s] is an errand question, not a request for a person: %s', (lang, text) => {
    expect(inPersonRequirement(text)).toBe(true);
    expect(codes(text, lang)).not.toContain('explicit_request');
  });

  it.each([
    ['en', 'I need to speak to someone in person about my case'],
    ['pt', 'quero falar pessoalmente com alguém, pode ser?'],
    ['de', 'ich möchte bitte mit jemandem persönlich sprechen'],
    ['es', 'tengo que hablar con alguien en persona, no con una pantalla'],
  ] as [Language, string][])('[%s] asking to talk to someone in person is not an errand question, and is a request: %s', (lang, text) => {
    expect(inPersonRequirement(text)).toBe(false);
    expect(codes(text, lang)).toContain('explicit_request');
  });
});

describe('an elderly cue about someone else (Chinese third-person pronoun)', () => {
  it('她年纪大了 in a question about her pickup is no vulnerable visitor', () => {
    expect(codes('收旧沙发的时候要她本人在家吗？她年纪大了，平时白天是保姆在家。', 'zh')).not.toContain('vulnerable_visitor');
    expect(thirdPersonBefore('她年纪大了', '年纪大')).toBe(true);
  });
  it('the visitor\'s own age still is one', () => {
    expect(codes('我年纪大了，这个屏幕上的字我看不清，也不会点', 'zh')).toContain('vulnerable_visitor');
    expect(thirdPersonBefore('我年纪大了', '年纪大')).toBe(false);
  });
});
