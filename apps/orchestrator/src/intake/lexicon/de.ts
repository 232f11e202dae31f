import { REQUEST_PERSON_EXTRA } from './requestPerson.ts';
import type { LanguagePack } from './types.ts';

/** German language pack (compound words are split for search, see `text.ts`). */
export const de: LanguagePack = {
  code: 'de',
  name: 'Deutsch',
  segmentation: 'spaced',
  stripPlural: false,
  decompound: true,
  stopwords: [
    'wieviel', 'genau', 'alles', 'selbst', 'werde', 'wird', 'schon', 'etwas', 'jemand', 'nichts',
    'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'und', 'oder', 'aber', 'in', 'im', 'an', 'am', 'auf', 'fur', 'mit', 'von', 'vom', 'zu', 'zum', 'zur', 'bei', 'beim', 'aus', 'nach', 'uber',
    'ich', 'mich', 'mir', 'mein', 'meine', 'meinen', 'meiner', 'du', 'sie', 'ihr', 'ihre', 'ihren', 'wir', 'uns', 'unser', 'es', 'er', 'man', 'dies', 'diese', 'dieser', 'dieses',
    'ist', 'bin', 'sind', 'war', 'sein', 'habe', 'hat', 'haben', 'hatte', 'kann', 'konnen', 'konnte', 'muss', 'mussen', 'soll', 'mochte', 'will', 'wurde', 'werden', 'brauche', 'brauchen',
    'was', 'wo', 'wann', 'wie', 'welche', 'welcher', 'welches', 'wer', 'warum', 'gibt', 'es', 'bitte', 'danke', 'hallo', 'guten', 'tag', 'nicht', 'kein', 'keine', 'auch', 'noch', 'nur', 'sehr',
    'hier', 'da', 'dort', 'rathaus', 'harbor', 'city', 'amt', 'bekommen', 'bekomme', 'erfahren', 'wissen', 'sagen', 'fragen', 'frage', 'finden', 'gehen', 'viel', 'denn', 'mal', 'ja', 'so',
    // Courtesy formulae ("Sería tan amable de indicarme...", "Je me permets de solliciter..."): they
    // diluted the query coverage of the topic words behind them (dev8, 2026-12-07).
    'verzeihen', 'verzeihung', 'entschuldigen', 'entschuldigung', 'störung', 'storung', 'könnten', 'konnten', 'würde', 'würden', 'gerne', 'gern', 'möchte', 'dürfte', 'durfte', 'frau', 'herr',
  ],
  patterns: {
    requestPerson: REQUEST_PERSON_EXTRA.de.patterns,
    greeting: ['^ hallo|hi|servus|moin|gruss_gott|guten_tag|guten_morgen|guten_abend', '^ entschuldigung|entschuldigen_sie'],
    thanks: ['danke|dankeschon|vielen_dank|danke_schon|besten_dank', 'tschuss|auf_wiedersehen|wiedersehen|schonen_tag', '^ das war|ist alles|es', '^ alles_klar|verstanden|passt $', '^ super|prima|toll|perfekt|klasse|wunderbar danke?'],
    negativeFeedback: [
      'das|es hilft|hat|half mir? nicht|nichts|uberhaupt_nicht|kein_stuck',
      'nicht hilfreich|geholfen',
      'das ist|war nicht was|die_antwort|das_was',
      'sie haben mich? nicht verstanden',
      'beantwortet|beantworten * nicht * frage',
      'falsche antwort|auskunft|information',
      'nutzlos|sinnlos|bringt_nichts',
      'sie sagen|wiederholen immer? wieder? dasselbe|das_gleiche|sich',
    ],
    affirm: ['^ ja|jawohl|gerne|gern|ok|okay|bitte|klar|sicher|natürlich|machen_sie_das gerne|bitte|danke? $'],
    decline: [
      '^ nein|ne|nee danke? $',
      '^ nein|ne|nee? danke|passt|passt_schon|nicht_notig|schon_gut|alles_gut|geht_schon $',
      '^ nicht notig|jetzt $',
      '^ nein * passt|gut|danke $',
    ],
  },
  replies: {
    greeting:
      'Hallo, willkommen im Rathaus Harbor City! Ich helfe Ihnen bei Öffnungszeiten, Bescheinigungen, An- und Abmeldung, Steuern, Mülltrennung und dem richtigen Schalter. Was möchten Sie wissen?',
    thanks: 'Gern geschehen! Einen schönen Tag noch.',
    unknown: 'Das weiß ich leider nicht genau. Soll ich Sie mit einem Mitarbeiter verbinden?',
    unknownNear:
      'Entschuldigung, meine Informationen zu „{topic}“ enthalten diese Angabe nicht. Soll ich Sie mit einer Mitarbeiterin oder einem Mitarbeiter verbinden, die Ihnen Auskunft geben kann?',
    anythingElse: 'In Ordnung. Kann ich Ihnen sonst noch helfen?',
    escalation: {
      explicit_request: 'Ich verbinde Sie jetzt mit einem Mitarbeiter. Bitte einen Moment Geduld.',
      out_of_scope: 'Das kann ich leider nicht selbst beantworten. Ich verbinde Sie jetzt mit einem Mitarbeiter.',
      repeated_failure: 'Es tut mir leid, dass das nicht geholfen hat. Ich verbinde Sie jetzt mit einem Mitarbeiter.',
    },
    summary: { first: 'Erste Frage', latest: 'Zuletzt', topics: 'Themen', none: 'Noch keine konkrete Frage.', listSeparator: ', ' },
  },
};
