import { describe, expect, it } from 'vitest';
import { ArticleClassifier, ARTICLE_MIN_PROBABILITY, exampleTerms, MIN_ARTICLES } from './articleClassifier.ts';
import { ARTICLE_WORD_SUPPORT, DEFAULT_MIN_SCORE, KnowledgeBase } from './knowledgeBase.ts';
import { HANDLED_ELSEWHERE_CATEGORY } from './knowledgeBaseFile.ts';

const examples = new Map<string, string[]>([
  ['garbage-collection-days', ['Wann wird der Restmüll abgeholt?', 'An welchem Tag kommt die Müllabfuhr?', 'Restmüll Abholung welcher Wochentag', 'Wann holen sie den Biomüll ab?']],
  ['garbage-sorting', ['Wie trenne ich den Müll?', 'In welche Tonne kommt Restmüll?', 'Mülltrennung Anleitung', 'Wohin mit Dosen und Flaschen?']],
  ['parking', ['Wo kann ich parken?', 'Ist das Parken kostenlos?', 'Parkplatz für Besucher', 'Wie lange darf ich auf dem Parkplatz stehen?']],
  ['restrooms', ['Wo ist die Toilette?', 'Gibt es hier ein WC?', 'Toiletten im Erdgeschoss?', 'Wo sind die Toiletten?']],
  ['free-wifi', ['Gibt es hier WLAN?', 'Wie lautet das WLAN-Passwort?', 'Internet kostenlos?', 'Wie verbinde ich mich mit dem WLAN?']],
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

describe('ArticleClassifier', () => {
  const classifier = ArticleClassifier.train(examples);

  it('tells apart articles that share a word by the words around it (Restmüll + Tag vs Restmüll + Tonne), through compounds no example has', () => {
    // "Restmüllabholung" occurs in no example (only "Restmüll Abholung").
    expect(classifier.answer('Welcher Wochentag Restmüllabholung')).toMatchObject({ id: 'garbage-collection-days' });
    expect(classifier.classify('Restmüll in welche Tonne?')[0]!.id).toBe('garbage-sorting');
    expect(classifier.answer('Welcher Wochentag Restmüllabholung')!.probability).toBeGreaterThanOrEqual(ARTICLE_MIN_PROBABILITY);
  });

  it('gives probabilities that sum to 1, best first, the same every time', () => {
    const once = classifier.classify('Parken kostenlos?');
    expect(once[0]!.id).toBe('parking');
    expect(once.reduce((s, c) => s + c.probability, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < once.length; i++) expect(once[i - 1]!.probability).toBeGreaterThanOrEqual(once[i]!.probability);
    expect(classifier.classify('Parken kostenlos?')).toEqual(once);
  });

  it('answers nothing for a question made of words no example has, or an empty one', () => {
    expect(classifier.answer('Wie wird das Wetter morgen in Hamburg?')).toBeNull();
    expect(classifier.answer('')).toBeNull();
  });

  it('counts words no example has against the question (less sure, same article)', () => {
    const plain = classifier.classify('Wo kann ich parken?')[0]!;
    const diluted = classifier.classify('Wo kann ich parken Zugticket Flughafen Reisepass Konsulat?')[0]!;
    expect(diluted.id).toBe(plain.id);
    expect(diluted.probability).toBeLessThan(plain.probability);
  });

  it(`never answers alone with fewer than ${MIN_ARTICLES} articles (a softmax over one article is always sure)`, () => {
    const one = ArticleClassifier.train(new Map([['parking', ['Wo kann ich parken?']]]));
    expect(one.classify('Wetter morgen')[0]!.probability).toBe(1);
    expect(one.answer('Wetter morgen')).toBeNull();
    expect(ArticleClassifier.train(new Map()).classify('Parken')).toEqual([]);
  });
});

describe('KnowledgeBase.searchWithFallback with the article classifier', () => {
  const kb = KnowledgeBase.fromFile();

  it('answers from the classifier when word search stays under the threshold, marked via "classifier"', () => {
    // Word search: moving-in at 0.59 ("mitbringen"); "Abmelden" is what moving out is about.
    const words = kb.search('Was muss ich zum Abmelden mitbringen?', 'de', 1)[0];
    expect(words && words.score < DEFAULT_MIN_SCORE).toBe(true);
    const { hits, language } = kb.searchWithFallback('Was muss ich zum Abmelden mitbringen?', 'de', DEFAULT_MIN_SCORE);
    expect(language).toBe('de');
    expect(hits[0]).toMatchObject({ article: { id: 'moving-out' }, via: 'classifier' });
    expect(hits[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    expect(new Set(hits.map((h) => h.article.id)).size).toBe(hits.length);
  });

  it('overrules a word-search answer with the classifier when the words point elsewhere', () => {
    // Word search: "appointments" at 1.0 (contract, health insurance); the question is about leaving.
    const q = "My contract at the university ends in March and I'm going to Kyoto for a new job. I'm on the city's health insurance right now. What do I have to do here before I go?";
    expect(kb.search(q, 'en', 1)[0]!.article.id).not.toBe('moving-out');
    expect(kb.searchWithFallback(q, 'en', DEFAULT_MIN_SCORE).hits[0]).toMatchObject({ article: { id: 'moving-out' }, via: 'classifier' });
  });

  it('keeps a word-search answer the classifier agrees with, and a stricter threshold needs a surer classifier', () => {
    const { hits } = kb.searchWithFallback('what do i need for the marriage paperwork', 'en', DEFAULT_MIN_SCORE);
    expect(hits[0]).toMatchObject({ article: { id: 'marriage-registration' } });
    const own = kb.classifierAnswer('Was muss ich zum Abmelden mitbringen?', 'de')!;
    expect(own.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    expect(kb.searchWithFallback('Was muss ich zum Abmelden mitbringen?', 'de', own.score + 0.01).hits[0]?.via).toBeUndefined();
  });

  it('does not answer when the retrievers disagree: the word-search hit comes back under the threshold', () => {
    // Word search: moving-in at 0.86; the classifier's top is residence-certificate, under ARTICLE_MIN_PROBABILITY.
    const q = 'for my address paper, what kind of mibun shoumeisho is okay? is my zairyu card enough?';
    expect(kb.search(q, 'en', 1)[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    const { hits } = kb.searchWithFallback(q, 'en', DEFAULT_MIN_SCORE);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.score < DEFAULT_MIN_SCORE)).toBe(true);
  });

  it(`does not let the classifier answer alone when the article's words barely match (word support < ${ARTICLE_WORD_SUPPORT})`, () => {
    // The classifier: child benefits (children, a payment); the words: almost nothing of that article.
    const q = 'nos cortaron el agua por impago y tengo tres niños pequeños';
    const top = kb.classifierFor('es').classify(q)[0]!;
    expect(top).toMatchObject({ id: 'child-benefits' });
    expect(top.probability).toBeGreaterThanOrEqual(ARTICLE_MIN_PROBABILITY);
    expect(kb.search(q, 'es', 25).find((h) => h.article.id === 'child-benefits')?.score ?? 0).toBeLessThan(ARTICLE_WORD_SUPPORT);
    expect(kb.searchWithFallback(q, 'es', DEFAULT_MIN_SCORE).hits.every((h) => h.score < DEFAULT_MIN_SCORE)).toBe(true);
  });

  it('does not answer a question outside every article', () => {
    expect(kb.searchWithFallback('What will the weather be like in Osaka tomorrow?', 'en', DEFAULT_MIN_SCORE).hits.every((h) => h.score < DEFAULT_MIN_SCORE)).toBe(true);
  });

  it('answers a matter the office does not handle only with its handled-elsewhere article', () => {
    const top = kb.searchWithFallback('Where can I renew my passport?', 'en', DEFAULT_MIN_SCORE).hits[0]!;
    expect(top.article.id).toBe('elsewhere-passports');
    expect(top.article.category).toBe(HANDLED_ELSEWHERE_CATEGORY);
  });

  it('answers a small knowledge base by word search alone', () => {
    const bare = KnowledgeBase.fromArticles('Test office', [
      { id: 'parking', category: 'parking', department: 'general', content: { en: { title: 'Parking', answer: 'Parking is free for two hours.', keywords: ['parking'] } } },
    ]);
    expect(bare.classifierAnswer('Is there parking?', 'en')).toBeNull();
    expect(bare.searchWithFallback('parking', 'en', DEFAULT_MIN_SCORE).hits[0]).toMatchObject({ article: { id: 'parking' } });
    expect(bare.searchWithFallback('What will the weather be like tomorrow?', 'en', DEFAULT_MIN_SCORE).hits).toEqual([]);
  });

  it('learns published content: a new example question is answered after replaceWith', () => {
    const live = KnowledgeBase.fromFile();
    const q = 'Wo bekomme ich einen Anwohnerparkausweis für mein Viertel?';
    const before = live.classifierFor('de').classify(q)[0]!;
    const articles = live.articles.map((a) => (a.id === 'lost-and-found' ? { ...a, content: { ...a.content, de: { ...a.content.de, questions: [...a.content.de.questions, q, 'Anwohnerparkausweis beantragen', 'Parkausweis für Anwohner'] } } } : a));
    live.replaceWith(KnowledgeBase.fromArticles(live.office, articles));
    const after = live.classifierFor('de').classify(q)[0]!;
    expect(after.id).toBe('lost-and-found');
    expect(before.id === 'lost-and-found' ? before.probability < after.probability : true).toBe(true);
  });

  it('warmUp trains every language ahead of the first question', async () => {
    const fresh = KnowledgeBase.fromFile();
    await fresh.warmUp();
    for (const lang of ['en', 'ja', 'zh', 'ko'] as const) expect(fresh.classifierFor(lang).size).toBe(fresh.articles.length);
    expect(fresh.articles.length).toBe(36);
  });
});
