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

  it('searches in English for languages the knowledge base does not have', async () => {
    const s = await new KbAssist(kb).suggest('office hours', 'ko', ['ko']);
    expect(s[0]?.language).toBe('en');
  });
});
