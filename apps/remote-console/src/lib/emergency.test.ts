import { describe, expect, it } from 'vitest';
import { isEmergency, needsTranslation, offerNeedsTranslation } from './emergency.ts';

describe('emergency offers', () => {
  it('flags a safety escalation whatever its other reasons', () => {
    expect(isEmergency({ urgency: 'critical', reasons: [{ code: 'negative_sentiment', evidence: '', entryId: null }, { code: 'safety', evidence: 'collapsed', entryId: null }] })).toBe(true);
    expect(isEmergency({ urgency: 'critical', reasons: [{ code: 'negative_sentiment', evidence: 'angry', entryId: null }] })).toBe(false);
  });

  it('notes when the worker does not speak the visitor language', () => {
    expect(needsTranslation('ko', ['en', 'ja'])).toBe(true);
    expect(needsTranslation('ja', ['en', 'ja'])).toBe(false);
    expect(needsTranslation('ja', undefined)).toBe(false);
  });

  it('flags an offer the router marked for translation, or one in a language the worker does not list', () => {
    const offer = (language: 'ja' | 'ko', needsTranslation?: boolean) => ({ handoff: { language } as never, ...(needsTranslation === undefined ? {} : { needsTranslation }) });
    expect(offerNeedsTranslation(offer('ja', true), ['en', 'ja'])).toBe(true);
    expect(offerNeedsTranslation(offer('ja', true), undefined)).toBe(true);
    expect(offerNeedsTranslation(offer('ko'), ['en', 'ja'])).toBe(true);
    expect(offerNeedsTranslation(offer('ja'), ['en', 'ja'])).toBe(false);
    expect(offerNeedsTranslation(offer('ja', false), ['en', 'ja'])).toBe(false);
  });
});
