import { describe, expect, it } from 'vitest';
import { correctTypos, findCues, oneEditApart } from './cues.ts';
import { identifyLanguage } from './language.ts';

describe('identifyLanguage', () => {
  it.each([
    ['화장실이 어디예요?', 'ko'],
    ['トイレはどこですか', 'ja'],
    ['厕所在哪里', 'zh'],
    ['Where can I get a residence certificate?', 'en'],
    ['¿Dónde puedo sacar un certificado de residencia?', 'es'],
    ['Où puis-je obtenir un certificat de résidence ?', 'fr'],
    ['Wo bekomme ich eine Meldebescheinigung?', 'de'],
    ['Onde posso tirar uma certidão de residência?', 'pt'],
  ] as const)('detects %s as %s without a session language', (text, lang) => {
    expect(identifyLanguage(text).language).toBe(lang);
  });

  it('keeps the session language for short texts tinyld gets wrong', () => {
    // tinyld alone says "hello" is Spanish and "I am lost" German.
    expect(identifyLanguage('hello', 'en')).toMatchObject({ language: 'en', source: 'session' });
    expect(identifyLanguage('I am lost', 'en').language).toBe('en');
    expect(identifyLanguage('merci', 'fr').language).toBe('fr');
    expect(identifyLanguage('ok', 'pt').language).toBe('pt');
    expect(identifyLanguage('hello').language).toBe('en');
    expect(identifyLanguage('12345', 'de').language).toBe('de');
  });

  it('kanji-only text stays Japanese in a Japanese session', () => {
    expect(identifyLanguage('住民票', 'ja').language).toBe('ja');
    expect(identifyLanguage('住民票', 'en').language).toBe('zh');
  });

  it('overrides the session language when a longer text is clearly another language', () => {
    expect(identifyLanguage('Je voudrais parler à quelqu’un, s’il vous plaît', 'en')).toMatchObject({ language: 'fr', detected: 'fr' });
    expect(identifyLanguage('화장실이 어디예요?', 'en').language).toBe('ko');
  });

  it('honours custom minimums', () => {
    expect(identifyLanguage('Danke schön für alles', 'en', { minChars: 100 }).language).toBe('en');
  });
});

describe('matching is case-, accent-, width- and typo-tolerant', () => {
  const kinds = (text: string, langs = ['en'] as const) => findCues(text, null, [...langs]).map((h) => `${h.kind}:${h.category}`);
  it('normalises case, accents and full-width forms', () => {
    expect(kinds('I WANT TO TALK TO A HUMAN')).toContain('requestPerson:request');
    expect(findCues('Je veux parler a un employe', null, ['fr']).some((h) => h.kind === 'requestPerson')).toBe(true);
    expect(findCues('ＡＩじゃなくて人と話したい', null, ['ja']).some((h) => h.kind === 'requestPerson')).toBe(true);
  });

  it('corrects one swapped, missing or extra letter in request and topic words only', () => {
    expect(oneEditApart('somenoe', 'someone')).toBe(true);
    expect(oneEditApart('seervice', 'service')).toBe(true);
    expect(oneEditApart('relating', 'rebating')).toBe(false);
    expect(correctTypos(' i want to chat with somenoe ', 'en')).toBe(' i want to chat with someone ');
    expect(kinds('how do i conttact customer sevrice')).toContain('requestPerson:request');
    expect(kinds('there is a fier')).not.toContain('safety:emergency');
  });
});
