import { describe, expect, it } from 'vitest';
import { compilePattern, findLexiconMatch, languageOrder, stripLexicon, stripLexiconKeepingSentences } from './lexicon.ts';
import { LANGS, LANGUAGE_PACKS, type Lang } from './lexicon/index.ts';
import { analyze, normalizeText } from './text.ts';

const requests: Record<Lang, string[]> = {
  en: [
    'Can I talk to a person?',
    'I want to speak with a human',
    'agent please',
    'Connect me to a staff member',
    'I need a real person',
    'Is there someone I can talk to?',
    'REPRESENTATIVE',
    'Could you call a staff member?',
    'I don’t want to talk to a robot',
  ],
  ja: ['人と話したい', '担当者をお願いします', 'スタッフを呼んでください', '職員に代わってください', 'オペレーター', '人間と話せますか', '誰かと相談したいです'],
  es: [
    'Quiero hablar con una persona',
    '¿Puedo hablar con un agente?',
    'agente',
    'Necesito un empleado',
    'Pásame con alguien, por favor',
    '¿HABLAR CON UN HUMANO?',
    'quiero atención humana',
  ],
  zh: ['转人工', '我要人工服务', '我想和真人说话', '请帮我找工作人员', '人工', '可以联系工作人员吗', '我要跟人说话'],
  ko: ['상담원 연결해 주세요', '직원이랑 얘기하고 싶어요', '사람이랑 이야기할래요'],
  fr: ['Je voudrais parler à un conseiller', 'Passez-moi un agent', 'service client'],
  de: ['Ich möchte mit einem Mitarbeiter sprechen', 'Verbinden Sie mich mit einem Menschen', 'Kundenservice'],
  pt: ['Quero falar com um atendente', 'atendimento humano', 'Me passe para um funcionário'],
};

const ordinary: Record<Lang, string[]> = {
  en: [
    'When are you open?',
    'Where is the staff parking?',
    'What does the staff at counter 3 handle?',
    'Is artificial intelligence used here?',
    'Can someone else pick up my certificate for me?',
    'How do I sort my garbage?',
  ],
  ja: ['住民票はどこで取れますか', '職員用の駐車場はありますか', 'ごみの出し方を教えてください', '外国人向けの窓口はありますか'],
  es: ['¿dónde tiro la basura?', '¿Dónde está la oficina de los agentes de policía?', '¿Cuánto cuesta el certificado?', '¿Otra persona puede recoger mi certificado?'],
  zh: ['税务证明', '你是人工智能吗', '垃圾怎么分类', '可以请人代办住民票吗', '停车场在哪'],
  ko: ['주민표는 어디서 떼요', '쓰레기 분리 방법'],
  fr: ['Quels sont les horaires ?', 'Où est le parking ?'],
  de: ['Wann haben Sie geöffnet?', 'Wo ist der Parkplatz?'],
  pt: ['Qual é o horário?', 'Onde fica o estacionamento?'],
};

describe('requestPerson lexicon', () => {
  for (const lang of LANGS) {
    it.each(requests[lang])(`[${lang}] detects %s`, (text) => {
      const m = findLexiconMatch(text, 'requestPerson', languageOrder(lang));
      expect(m).not.toBeNull();
      expect(m!.lang).toBe(lang);
    });
    it.each(ordinary[lang])(`[${lang}] ignores %s`, (text) => {
      expect(findLexiconMatch(text, 'requestPerson', languageOrder(lang))).toBeNull();
    });
  }
});

describe('other categories', () => {
  const cases: [Lang, 'greeting' | 'thanks' | 'negativeFeedback', string][] = [
    ['en', 'greeting', 'Hello!'],
    ['en', 'greeting', 'Good morning'],
    ['en', 'greeting', 'Ｈｅｌｌｏ'],
    ['ja', 'greeting', 'こんにちは'],
    ['ja', 'greeting', 'おはようございます'],
    ['es', 'greeting', 'Buenos días'],
    ['es', 'greeting', 'HOLA'],
    ['zh', 'greeting', '您好'],
    ['en', 'thanks', 'Thank you so much'],
    ['en', 'thanks', 'bye'],
    ['ja', 'thanks', 'ありがとうございました'],
    ['es', 'thanks', '¡Muchas gracias!'],
    ['es', 'thanks', 'adiós'],
    ['zh', 'thanks', '谢谢'],
    ['zh', 'thanks', '再见'],
    ['en', 'negativeFeedback', 'That did not help'],
    ['en', 'negativeFeedback', "that's not what I asked"],
    ['en', 'negativeFeedback', 'useless'],
    ['ja', 'negativeFeedback', '役に立たない'],
    ['ja', 'negativeFeedback', '答えになっていません'],
    ['es', 'negativeFeedback', 'No me ayudó'],
    ['es', 'negativeFeedback', 'NO ME AYUDO'],
    ['es', 'negativeFeedback', 'eso no es lo que pregunté'],
    ['zh', 'negativeFeedback', '没用'],
    ['zh', 'negativeFeedback', '答非所问'],
  ];
  it.each(cases)('[%s] %s: %s', (lang, category, text) => {
    expect(findLexiconMatch(text, category, [lang])?.category).toBe(category);
  });

  it('does not treat questions as negative feedback', () => {
    for (const [lang, text] of [
      ['en', 'Where is the restroom?'],
      ['ja', 'トイレはどこですか'],
      ['es', '¿Dónde está el baño?'],
      ['zh', '洗手间在哪里'],
    ] as [Lang, string][]) {
      expect(findLexiconMatch(text, 'negativeFeedback', languageOrder(lang))).toBeNull();
    }
  });

  it('strips greetings before searching', () => {
    expect(stripLexicon('Hi, where is the restroom?', 'en', ['greeting', 'thanks'])).toBe('where is the restroom');
    expect(stripLexicon('こんにちは、住民票はどこですか', 'ja', ['greeting'])).toBe('住民票はどこですか');
    expect(stripLexicon('Hello', 'en', ['greeting'])).toBe('');
  });

  it('strips greetings sentence by sentence, keeping the sentence marks between what is left', () => {
    const left = stripLexiconKeepingSentences('Buenos días. Mi madre ya no sale de casa. ¿Puedo pedir yo su volante?', 'es', ['greeting', 'thanks']);
    expect(left).not.toMatch(/buenos/);
    expect(left.split(/[.?¿]+\s*/u).filter(Boolean)).toEqual(['mi madre ya no sale de casa', 'puedo pedir yo su volante']);
    expect(stripLexiconKeepingSentences('こんにちは。母の代わりに来ました。住民票はどこですか？', 'ja', ['greeting'])).toBe('母の代わりに来ました。住民票はどこですか？');
    expect(stripLexiconKeepingSentences('The fee is 1.000 yen, right?', 'en', ['greeting'])).toBe('the fee is 1 000 yen right?');
    expect(stripLexiconKeepingSentences('Hello. Thanks!', 'en', ['greeting', 'thanks'])).toBe('');
  });
});

describe('language packs', () => {
  it('every pattern compiles and no pattern matches empty text', () => {
    for (const lang of LANGS) {
      const pack = LANGUAGE_PACKS[lang];
      for (const list of Object.values(pack.patterns)) {
        for (const p of list) expect(() => compilePattern(p, pack.segmentation), `${lang}: ${p}`).not.toThrow();
      }
    }
    expect(() => compilePattern('^ hello? $', 'spaced')).toThrow(/empty/);
  });

  it('every reply string is present', () => {
    for (const lang of LANGS) {
      const r = LANGUAGE_PACKS[lang].replies;
      for (const s of [r.greeting, r.thanks, r.unknown, r.anythingElse, ...Object.values(r.escalation), ...Object.values(r.summary)]) {
        expect(s.length, lang).toBeGreaterThan(0);
      }
    }
  });
});

describe('text normalisation', () => {
  it('folds case, Latin accents and full-width forms but keeps kana voicing', () => {
    expect(normalizeText('¿DÓNDE está el BAÑO?')).toBe('¿donde esta el bano?');
    expect(normalizeText('ＴＡＬＫ　ｔｏ')).toBe('talk to');
    expect(normalizeText('ｶﾞｲﾄﾞ')).toBe('ガイド');
    expect(normalizeText('ごみ')).toBe('ごみ');
  });

  it('tokenizes CJK text without spaces into words and bigrams', () => {
    const { terms, units } = analyze('住民票はどこで取れますか', LANGUAGE_PACKS.ja);
    expect(units.map((u) => u.text)).toContain('住民票');
    expect(terms).toEqual(expect.arrayContaining(['住民', '民票']));
    expect(analyze('税务证明', LANGUAGE_PACKS.zh).terms).toEqual(expect.arrayContaining(['税务', '证明', '务证']));
  });

  it('drops French elisions instead of fusing them into the next word', () => {
    const units = analyze("Carte d'identité, l’acte de naissance, j'ai oublié", LANGUAGE_PACKS.fr).units.map((u) => u.text);
    expect(units).toEqual(['carte', 'identite', 'acte', 'naissance', 'oublie']);
    // only French: an English "o'clock" keeps its word
    expect(analyze("at 5 o'clock", LANGUAGE_PACKS.en).units.map((u) => u.text)).toContain('oclock');
  });

  it('strips stacked Korean particles and verb endings after a stem of two syllables', () => {
    const units = (t: string) => analyze(t, LANGUAGE_PACKS.ko).units.map((u) => u.text);
    expect(units('공휴일에도 문을 여나요')).toContain('공휴일');
    expect(units('현금만 받아요?')).toContain('현금');
    expect(units('자전거 버리고 싶은데')).toContain('버리');
    // a one-syllable stem keeps its ending (사고 "accident" is not 사 + 고)
    expect(units('사고 났어요')).toContain('사고');
  });
});
