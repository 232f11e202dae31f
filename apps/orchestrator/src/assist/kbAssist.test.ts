import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO_ROOT } from '../config.ts';
import { KnowledgeBase } from '../intake/knowledgeBase.ts';
import { KbAssist } from './kbAssist.ts';

const kb = KnowledgeBase.fromFile(join(REPO_ROOT, 'apps/orchestrator/data/knowledge-base.json'));

describe('KbAssist', () => {
  it('suggests the matching article answer in the worker language for a visitor question in another language', async () => {
    const s = await new KbAssist(kb).suggest('¿Dónde puedo pedir un certificado de impuestos?', 'es', ['ja', 'en']);
    expect(s.length).toBeGreaterThan(0);
    expect(s[0]).toMatchObject({ source: 'kb', language: 'ja' });
    expect(s[0]!.article?.id).toMatch(/tax/);
    expect(s[0]!.text).toBe(kb.get(s[0]!.article!.id)!.content.ja.answer);
  });

  it('returns nothing for an unrelated utterance', async () => {
    expect(await new KbAssist(kb).suggest('qwerty zxcv', 'en', ['en'])).toEqual([]);
  });

  it('finds the article for a Korean question and suggests it in Korean (every article has all eight languages)', async () => {
    const s = await new KbAssist(kb).suggest('운영 시간이 어떻게 되나요?', 'ko', ['ko']);
    expect(s.length).toBeGreaterThan(0);
    expect(s[0]).toMatchObject({ source: 'kb', language: 'ko' });
    expect(s[0]!.text).toBe(kb.get(s[0]!.article!.id)!.content.ko.answer);
  });
});
