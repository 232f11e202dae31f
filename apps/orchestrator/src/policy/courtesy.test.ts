import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { stripCourtesy } from './courtesy.ts';
import { loadPolicy } from './policySchema.ts';
import { evaluateTurn } from './evaluate.ts';

describe('courtesy openers', () => {
  it.each([
    ['fr', 'Bonjour Madame, Monsieur. Je souhaiterais faire enlever des encombrants', 'Je souhaiterais faire enlever des encombrants'],
    ['zh', '您好，不好意思打擾一下。家父的身分證想換發', '家父的身分證想換發'],
    ['es', 'Muy buenas. Le ruego me disculpe. Mi suegra quiere tirar un armario', 'Mi suegra quiere tirar un armario'],
    ['ja', '失礼いたします。夫のマイナンバーカードの更新について', '夫のマイナンバーカードの更新について'],
    ['de', 'Verzeihen Sie bitte die Störung, wo ist Zimmer 3?', 'wo ist Zimmer 3?'],
    ['pt', 'Com licença, senhora, onde fica o guichê 2?', 'onde fica o guichê 2?'],
    ['ko', '실례합니다만 주민센터 몇 시까지 해요?', '주민센터 몇 시까지 해요?'],
    ['en', 'Excuse me, sorry to bother you, where are the toilets?', 'where are the toilets?'],
  ] as [Language, string, string][])('[%s] are removed from the start only', (lang, text, bare) => {
    expect(stripCourtesy(text, lang)).toBe(bare);
  });

  it('leave words that only begin like an opener, and the rest of the turn', () => {
    expect(stripCourtesy('Holanda no, España', 'es')).toBe('Holanda no, España');
    expect(stripCourtesy('hiring office?', 'en')).toBe('hiring office?');
    expect(stripCourtesy('Can I talk to someone, sorry?', 'en')).toBe('Can I talk to someone, sorry?');
  });
});

describe('the classifier reads a request for a person without the opener', () => {
  const policy = loadPolicy();
  const codes = (text: string, language: Language) => evaluateTurn(policy, { turns: [{ role: 'visitor', text }], language }).reasons.map((r) => r.code);

  it.each([
    ['fr', 'Bonjour Madame, Monsieur. Je souhaiterais faire enlever des encombrants pour le compte de ma belle-mère. Comment procéder ?'],
    ['zh', '您好，不好意思打擾一下。家父的身分證想換發，照片有什麼規格要求嗎？'],
  ] as [Language, string][])('[%s] a polite routine question is no request', (lang, text) => {
    expect(codes(text, lang)).not.toContain('explicit_request');
  });

  it.each([
    ['fr', "Bonjour Madame, je voudrais parler à quelqu'un du service des taxes"],
    ['zh', '您好，不好意思，我想找工作人员'],
    ['en', 'Excuse me, can I talk to a real person please?'],
    ['ja', 'すみません、職員の方と話したいです'],
  ] as [Language, string][])('[%s] a request after an opener is still a request', (lang, text) => {
    expect(codes(text, lang)).toContain('explicit_request');
  });
});
