import { describe, expect, it } from 'vitest';
import { ExampleIndex, exampleTerms, NEIGHBOUR_MIN_MARGIN, NEIGHBOUR_MIN_SIMILARITY } from './exampleIndex.ts';
import { DEFAULT_MIN_SCORE, KnowledgeBase } from './knowledgeBase.ts';

const examples = new Map<string, string[]>([
  ['garbage-collection-days', ['Wann wird der Restmüll abgeholt?', 'An welchem Tag kommt die Müllabfuhr?', 'Restmüll Abholung welcher Wochentag', 'Wann holen sie den Biomüll ab?']],
  ['parking', ['Wo kann ich parken?', 'Ist das Parken kostenlos?', 'Parkplatz für Besucher', 'Wie lange darf ich auf dem Parkplatz stehen?']],
  ['restrooms', ['Wo ist die Toilette?', 'Gibt es hier ein WC?', 'Toiletten im Erdgeschoss?', 'Wo sind die Toiletten?']],
]);

describe('exampleTerms', () => {
  it('gives words and character 3- to 5-grams of Latin words, 1- to 3-grams of CJK runs', () => {
    const latin = exampleTerms('Restmüll');
    expect(latin.get('wrestmull')).toBe(1);
    expect(latin.has('c res')).toBe(true);
    expect(latin.has('cmull ')).toBe(true);
    const cjk = exampleTerms('ゴミの日');
    expect([...cjk.keys()]).toEqual(expect.arrayContaining(['cゴ', 'cゴミ', 'cゴミの', 'c日']));
    expect(cjk.has('wゴミの日')).toBe(false);
  });
});

describe('ExampleIndex', () => {
  const index = new ExampleIndex(examples);

  it('answers with the article whose examples share word parts, where whole words differ (compounds, inflection)', () => {
    // The compound "Restmüllabholung" occurs in no example (only "Restmüll Abholung").
    const best = index.answer('Welcher Wochentag Restmüllabholung');
    expect(best?.id).toBe('garbage-collection-days');
    expect(best!.similarity).toBeGreaterThanOrEqual(NEIGHBOUR_MIN_SIMILARITY);
    const [first, second] = index.match('Welcher Wochentag Restmüllabholung');
    expect(first!.similarity - (second?.similarity ?? 0)).toBeGreaterThanOrEqual(NEIGHBOUR_MIN_MARGIN);
  });

  it('counts words no example has against the question ("Zugticket" makes it less near)', () => {
    const near = index.match('Wann wird Restmüll abgeholt')[0]!;
    const diluted = index.match('Wann wird Restmüll abgeholt Zugticket Flughafen')[0]!;
    expect(diluted.id).toBe(near.id);
    expect(diluted.similarity).toBeLessThan(near.similarity);
  });

  it('answers nothing for a question no example is near, or one two articles share', () => {
    expect(index.answer('Wie wird das Wetter morgen in Hamburg?')).toBeNull();
    expect(index.answer('')).toBeNull();
    // Near both the parking and the restroom examples: no lead of NEIGHBOUR_MIN_MARGIN.
    const [a, b] = index.match('Toilette Parkplatz');
    expect(a && b && a.similarity - b.similarity < NEIGHBOUR_MIN_MARGIN).toBe(true);
    expect(index.answer('Toilette Parkplatz')).toBeNull();
  });

  it('is deterministic and ranks best first', () => {
    const once = index.match('Parken kostenlos?');
    expect(index.match('Parken kostenlos?')).toEqual(once);
    expect(once[0]!.id).toBe('parking');
    for (let i = 1; i < once.length; i++) expect(once[i - 1]!.similarity).toBeGreaterThanOrEqual(once[i]!.similarity);
  });
});

describe('KnowledgeBase.searchWithFallback with the nearest example questions', () => {
  const kb = KnowledgeBase.fromFile();

  it('answers from the examples when word search stays under the threshold, marked via "examples"', () => {
    const words = kb.search('Wann wird der Restmüll abgeholt?', 'de', 1)[0];
    expect(words && words.score < DEFAULT_MIN_SCORE).toBe(true);
    const { hits, language } = kb.searchWithFallback('Wann wird der Restmüll abgeholt?', 'de', DEFAULT_MIN_SCORE);
    expect(language).toBe('de');
    expect(hits[0]).toMatchObject({ article: { id: 'garbage-collection-days' }, via: 'examples' });
    expect(hits[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    expect(new Set(hits.map((h) => h.article.id)).size).toBe(hits.length);
  });

  it('keeps the word-search answer when it reaches the threshold, and a stricter threshold needs nearer examples', () => {
    const { hits } = kb.searchWithFallback('what do i need for the marriage paperwork', 'en', DEFAULT_MIN_SCORE);
    expect(hits[0]).toMatchObject({ article: { id: 'marriage-registration' } });
    expect(hits[0]!.via).toBeUndefined();
    const near = kb.nearestExamples('Wann wird der Restmüll abgeholt?', 'de')!;
    expect(kb.searchWithFallback('Wann wird der Restmüll abgeholt?', 'de', near.score + 0.01).hits[0]?.via).toBeUndefined();
  });

  it('does not answer a question outside every article from the examples', () => {
    expect(kb.nearestExamples('What will the weather be like in Osaka tomorrow?', 'en')).toBeNull();
    expect(kb.searchWithFallback('What will the weather be like in Osaka tomorrow?', 'en', DEFAULT_MIN_SCORE).hits.every((h) => h.score < DEFAULT_MIN_SCORE)).toBe(true);
  });

  it('has no example neighbourhood for a language without example questions', () => {
    const bare = KnowledgeBase.fromArticles('Test office', [
      { id: 'parking', category: 'parking', department: 'general', content: { en: { title: 'Parking', answer: 'Parking is free for two hours.', keywords: ['parking'] } } },
    ]);
    expect(bare.nearestExamples('Parking', 'en')).toBeNull();
  });
});
