import { describe, expect, it } from 'vitest';
import { foldChinese, toSimplified } from './chinese.ts';
import { createIntakeRunner } from '../policy/runIntake.ts';
import { defaultClassifier } from '../policy/model/classifier.ts';

describe('Traditional Chinese folding', () => {
  it('writes Traditional characters and Taiwan variants in Simplified, one character for one', () => {
    const traditional = '我的自然人憑證PIN碼被鎖住了，裡面的資料進不去';
    const simplified = toSimplified(traditional);
    expect(simplified).toBe('我的自然人凭证PIN码被锁住了，里面的资料进不去');
    expect(toSimplified('我的帳號被鎖了，帐单也看不到')).toBe('我的账号被锁了，账单也看不到');
    expect(Array.from(simplified)).toHaveLength(Array.from(traditional).length);
  });

  it('folds only Chinese: Japanese kanji stay as written', () => {
    expect(foldChinese('駐車場の料金は？', 'ja')).toBe('駐車場の料金は？');
    expect(foldChinese('駐車場', 'zh')).toBe('驻车场');
    expect(foldChinese('Wi-Fi password', 'en')).toBe('Wi-Fi password');
  });

  it('the knowledge base answers a Traditional question as it answers the Simplified one', () => {
    const { engine } = createIntakeRunner();
    const simplified = engine.respond({ text: '办印鉴证明要带什么？', language: 'zh', history: [] });
    const traditional = engine.respond({ text: '辦印鑑證明要帶什麼？', language: 'zh', history: [] });
    expect(simplified.intent).toBe('kb:seal-registration');
    expect(traditional.intent).toBe(simplified.intent);
    expect(traditional.confidence).toBeCloseTo(simplified.confidence, 5);
  });

  it('the classifier scores a Traditional turn as the Simplified one, and quotes nothing it changed', () => {
    const clf = defaultClassifier();
    const t = clf.score('我的自然人憑證PIN碼打錯太多次被鎖住了', { language: 'zh' });
    const s = clf.score('我的自然人凭证PIN码打错太多次被锁住了', { language: 'zh' });
    expect(t).toEqual(s);
  });
});
