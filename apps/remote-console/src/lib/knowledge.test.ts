import { describe, expect, it } from 'vitest';
import type { KbArticleVersion, KbContent } from '@telekiosk/shared';
import { contentFromForm, EDITOR_LANGUAGES, editorActions, formFromContent, isKbSlug, parseKeywords, parseQuestions, sameForm, slugSuggestion, translationStates } from './knowledge.ts';

const T0 = '2026-11-21T09:30:00.000Z';
const LATER = '2026-11-22T09:30:00.000Z';

const version = (v: number, status: KbArticleVersion['status'], content: KbContent = { en: { title: 'T', answer: 'A', keywords: ['k'], editedAt: T0 } }): KbArticleVersion => ({
  articleId: 'office-hours',
  version: v,
  status,
  category: 'hours',
  department: 'general',
  content,
  createdBy: 'worker:e-nadia',
  createdAt: T0,
  updatedAt: T0,
  publishedAt: null,
});

describe('knowledge editor helpers', () => {
  it('puts the source language first', () => {
    expect(EDITOR_LANGUAGES[0]).toBe('en');
    expect(EDITOR_LANGUAGES).toHaveLength(8);
  });

  it('splits keywords on commas (also the ideographic and full-width ones), trimmed and without repeats', () => {
    expect(parseKeywords(' hours, opening  hours ,,hours')).toEqual(['hours', 'opening hours']);
    expect(parseKeywords('住民票、写し，取得')).toEqual(['住民票', '写し', '取得']);
    expect(parseKeywords('  ')).toEqual([]);
  });

  it('builds the content to save: blank languages left out, partly written ones named', () => {
    const form = formFromContent({ en: { title: 'Office hours', answer: 'Weekdays.', keywords: ['hours', 'open'], editedAt: T0 } });
    expect(form.en.keywords).toBe('hours, open');
    expect(contentFromForm(form)).toEqual({ ok: true, content: { en: { title: 'Office hours', answer: 'Weekdays.', keywords: ['hours', 'open'], questions: [] } } });
    const partly = { ...form, ja: { title: '開庁時間', answer: '', keywords: '', questions: '' } };
    expect(contentFromForm(partly)).toEqual({ ok: false, problems: { ja: ['answer', 'keywords'] }, empty: false });
    expect(contentFromForm(formFromContent(undefined))).toEqual({ ok: false, problems: {}, empty: true });
  });

  it('keeps example questions, one per line, through the form', () => {
    expect(parseQuestions(' Are you open on Sunday? \n\n are  you open on Sunday?\r\nAre you open on Sunday?')).toEqual(['Are you open on Sunday?', 'are you open on Sunday?']);
    const form = formFromContent({ en: { title: 'Office hours', answer: 'Weekdays.', keywords: ['hours'], questions: ['Open on Sunday?', 'Lunch break?'], editedAt: T0 } });
    expect(form.en.questions).toBe('Open on Sunday?\nLunch break?');
    expect(contentFromForm(form)).toMatchObject({ ok: true, content: { en: { questions: ['Open on Sunday?', 'Lunch break?'] } } });
    // questions alone make a language partly written, not blank
    expect(contentFromForm({ ...form, fr: { title: '', answer: '', keywords: '', questions: 'Ouvert le dimanche ?' } })).toEqual({ ok: false, problems: { fr: ['title', 'answer', 'keywords'] }, empty: false });
    expect(sameForm(form, { ...form, en: { ...form.en, questions: 'Open on Sunday?\n Lunch break? \n' } })).toBe(true);
    expect(sameForm(form, { ...form, en: { ...form.en, questions: 'Open on Sunday?' } })).toBe(false);
  });

  it('compares forms by what they say', () => {
    const a = formFromContent({ en: { title: 'T', answer: 'A', keywords: ['x', 'y'], editedAt: T0 } });
    expect(sameForm(a, { ...a, en: { ...a.en, keywords: 'x,y ' } })).toBe(true);
    expect(sameForm(a, { ...a, en: { ...a.en, answer: 'B' } })).toBe(false);
  });

  it('checks and suggests kebab-case ids', () => {
    expect(isKbSlug('office-hours')).toBe(true);
    for (const bad of ['', 'Office', 'office--hours', '-office', 'office hours', 'a'.repeat(65)]) expect(isKbSlug(bad), bad).toBe(false);
    expect(slugSuggestion('Where can I park my bicycle?')).toBe('where-can-i-park-my-bicycle');
    expect(slugSuggestion('Café déjà vu')).toBe('cafe-deja-vu');
    expect(slugSuggestion('自転車')).toBe('');
  });

  it('marks translations missing, stale (edited before the source) or current', () => {
    const s = translationStates({ en: { title: 'T', answer: 'A', keywords: ['k'], editedAt: LATER }, ja: { title: 'T', answer: 'A', keywords: ['k'], editedAt: T0 }, fr: { title: 'T', answer: 'A', keywords: ['k'], editedAt: LATER } });
    expect([s.en, s.ja, s.fr, s.de]).toEqual(['current', 'stale', 'current', 'missing']);
  });

  it('enables the editor buttons by status; submit and publish wait for unsaved edits', () => {
    const draft = [version(2, 'draft'), version(1, 'published')];
    expect(editorActions(draft, false)).toEqual({ save: false, submit: true, publish: true, retire: true, saveStartsVersion: false, blockedBy: null });
    expect(editorActions(draft, true)).toMatchObject({ save: true, submit: false, publish: false, blockedBy: 'unsaved' });
    expect(editorActions([version(3, 'review'), version(2, 'published')], false)).toMatchObject({ save: true, submit: false, publish: true, retire: true, saveStartsVersion: true });
    expect(editorActions([version(1, 'published')], false)).toMatchObject({ save: true, submit: false, publish: false, retire: true, saveStartsVersion: true });
    expect(editorActions([version(1, 'draft', { ja: { title: 'T', answer: 'A', keywords: ['k'], editedAt: T0 } })], false)).toMatchObject({ submit: true, publish: false, blockedBy: 'noSource' });
    expect(editorActions([], true)).toMatchObject({ save: true, submit: false, publish: false, retire: false });
  });
});
