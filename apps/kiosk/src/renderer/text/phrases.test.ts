import { describe, expect, it } from 'vitest';
import { phraseSegments } from './phrases.ts';

describe('phraseSegments', () => {
  it('keeps Japanese verb endings and particles with their word', () => {
    const segs = phraseSegments('言語を選んでください', 'ja');
    expect(segs.join('')).toBe('言語を選んでください');
    expect(segs.some((s) => s.endsWith('ください'))).toBe(true);
    expect(segs.every((s) => !/^[をがのはでくさ]/u.test(s))).toBe(true);
  });

  it('never starts a segment with closing punctuation', () => {
    const segs = phraseSegments('本日の対応はいかがでしたか？', 'ja');
    expect(segs.join('')).toBe('本日の対応はいかがでしたか？');
    expect(segs.every((s) => !s.startsWith('？'))).toBe(true);
  });

  it('splits Chinese into words and leaves spaced languages whole', () => {
    expect(phraseSegments('现在没有工作人员值班', 'zh').length).toBeGreaterThan(1);
    expect(phraseSegments('Choose your language', 'en')).toEqual(['Choose your language']);
    expect(phraseSegments('언어를 선택하세요', 'ko')).toEqual(['언어를 선택하세요']);
  });
});
