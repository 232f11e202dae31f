/**
 * Rules chosen on the eighteenth development set and on unit tests the retrained classifier broke
 * (2026-12-08), each with sentences written for these tests (not taken from any evaluation set)
 * and a twin that must stay as it is: a CJK cue the visitor wants to avoid, an ask the visitor
 * negates in its own scope, Japanese past contact with a staff member, Korean 미쳤 as anger, and
 * lexicon forms (being followed, a paralysed hand at the touch screen, a withdrawn duplicate
 * application, a signature brought later, jaundice, the friend who usually translates, a clerk
 * from a team asked after by pronoun, a code-mixed "English staff", the screen refused for the
 * real form).
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';
import { findCues } from './cues.ts';
import { defaultPolicy } from './policySchema.ts';
import { cueScope } from './scope.ts';
import { JA_PAST_STAFF_CONTACT } from './vetoForms.ts';

const { converse } = engineKit();
const codes = (lang: string, ...lines: string[]) => converse(lang as never, ...lines).decision.reasons.map((r) => r.code);
const scopeOf = (lang: string, text: string, kind: string) => {
  const hit = findCues(text, defaultPolicy(), [lang as never]).find((h) => h.kind === kind);
  expect(hit, `a ${kind} cue in "${text}"`).toBeDefined();
  return cueScope(text, hit!.phrase, { pattern: hit!.pattern });
};

describe('a CJK cue the visitor wants to avoid is no matter now', () => {
  it.each([
    ['ja', '口座振替にしておきたいです。うっかり忘れて督促が来るのは避けたいので'],
    ['ko', '자동이체 신청하고 싶어요 연체되지 않도록요'],
  ])('[%s] %s', (lang, text) => {
    expect(scopeOf(lang, text, 'sensitive')).toBe('negation');
  });
  it.each([
    ['ja', '先月の住民税で督促が来てしまいました'],
    ['ko', '세금이 석 달째 연체돼서 걱정이에요'],
  ])('[%s] the twin told as happening: %s', (lang, text) => {
    expect(scopeOf(lang, text, 'sensitive')).toBeNull();
  });
});

describe('an ask the visitor negates in its own scope', () => {
  it('needs the model at the reported cut, alone or to keep the cue', () => {
    expect(codes('es', 'No busco ninguna excepción, solo quiero saber hasta cuándo se paga la tasa de basura.')).not.toContain('policy_exception');
    expect(codes('es', 'No sabía del plazo. ¿No me pueden hacer una excepción con la multa?')).toContain('policy_exception');
  });
});

describe('Japanese past contact with a staff member before a routine question', () => {
  it('is told, not asked for; within one sentence only', () => {
    expect(JA_PAST_STAFF_CONTACT.test('担当者の方から書類をもらいました。次は何階ですか')).toBe(true);
    expect(JA_PAST_STAFF_CONTACT.test('担当者の方を呼んでください。昨日も来ました')).toBe(false);
    expect(codes('ja', '担当者の方を呼んでください。昨日も来ました')).toContain('explicit_request');
  });
});

describe('Korean 미쳤 is anger, not profanity', () => {
  it('a laughing remark about the queue does not escalate; said to someone with another complaint it does', () => {
    expect(codes('ko', '와 사람 진짜 미쳤네 ㅋㅋ 번호표 받으면 한 시간 걸려요?')).not.toContain('negative_sentiment');
    expect(codes('ko', '진짜 미쳤네 세 번째 왔는데 또 서류가 안 된대요 말도 안 돼')).toContain('negative_sentiment');
  });
});

describe('lexicon forms chosen on the eighteenth development set', () => {
  it.each([
    ['de', 'entschuldigung da ist so ein mann der läuft mir schon seit dem bahnhof hinterher und wartet jetzt draußen', 'safety'],
    ['ja', 'すみません、左手に麻痺があって、この画面がうまく押せません', 'vulnerable_visitor'],
    ['zh', '我先生已经帮孩子申请过育儿津贴了，我这边这笔申请要撤回', 'sensitive_topic'],
    ['zh', '证人今天来不了，可以先登记，签名之后再补吗？', 'policy_exception'],
    ['zh', '孩子出生十天了黄疸一直不退，我很担心', 'sensitive_topic'],
    ['en', 'Normally my cousin come with me for translate but she is sick today', 'vulnerable_visitor'],
    ['en', 'Tom from the housing team said to come back when the letter came, it came. Is he on today?', 'explicit_request'],
    ['zh', '我想找个会说english的staff帮我看一下这张表', 'explicit_request'],
    ['ja', '画面で説明されるより、書類を見ながら確認してもらえると助かります', 'explicit_request'],
  ])('[%s] %s -> %s', (lang, text, code) => {
    expect(codes(lang, text)).toContain(code);
  });
  it.each([
    ['de', 'Mein Hund läuft mir immer hinterher, darf er mit rein?'],
    ['zh', '证人签名的表格要补办吗？'],
    ['en', 'Tom from the housing team said the letter would come in May. Is the office open on Saturday?'],
    ['zh', '请问有没有English的表格？'],
  ])('[%s] the twin %s does not escalate', (lang, text) => {
    expect(codes(lang, text)).toEqual([]);
  });
});
