import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '@telekiosk/shared';
import { NOTICES, notice, type NoticeKey } from './notices.ts';

const KEYS = Object.keys(NOTICES) as NoticeKey[];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('transcript notices', () => {
  it.each(KEYS)('%s is written in each of the 8 languages, and in no other', (key) => {
    const columns = NOTICES[key] as Record<string, string>;
    expect(Object.keys(columns).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) expect(columns[lang]?.trim(), `${key}.${lang}`).toBeTruthy();
  });

  it.each(KEYS)('%s is translated (no column left in English) and keeps the placeholders of en', (key) => {
    const columns = NOTICES[key] as Record<Language, string>;
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      expect(columns[lang], `${key}.${lang} left in English`).not.toBe(columns.en);
      expect(placeholders(columns[lang]), `${key}.${lang}`).toEqual(placeholders(columns.en));
    }
  });

  it('answers a Korean, French, German or Portuguese visitor in their language, with the name filled in', () => {
    expect(notice('workerJoined', 'ko', { name: 'Sam' })).toBe('하버시청의 Sam 님이 연결되었습니다.');
    expect(notice('workerJoined', 'fr', { name: 'Sam' })).toBe('Sam, de la mairie de Harbor City, vous a rejoint.');
    expect(notice('workerJoined', 'de', { name: 'Sam' })).toBe('Sam vom Bürgeramt Harbor City ist jetzt bei Ihnen.');
    expect(notice('workerJoined', 'pt', { name: 'Sam' })).toBe('Sam, da Prefeitura de Harbor City, entrou na conversa.');
    for (const lang of ['ko', 'fr', 'de', 'pt'] as const) expect(notice('sessionEnded', lang)).not.toBe(NOTICES.sessionEnded.en);
  });

  it('falls back to English for a value that is not one of the languages, and empties unknown placeholders', () => {
    expect(notice('sessionEnded', 'xx' as Language)).toBe(NOTICES.sessionEnded.en);
    expect(notice('workerJoined', 'en')).toBe(' from Harbor City Office has joined.');
  });
});
