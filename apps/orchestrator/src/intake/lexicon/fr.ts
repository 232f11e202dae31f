import { REQUEST_PERSON_EXTRA } from './requestPerson.ts';
import type { LanguagePack } from './types.ts';

/** French language pack. */
export const fr: LanguagePack = {
  code: 'fr',
  name: 'Français',
  segmentation: 'spaced',
  stripPlural: true,
  elisions: ['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu'],
  stopwords: [
    'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'au', 'aux', 'a', 'et', 'ou', 'mais', 'en', 'dans', 'sur', 'pour', 'par', 'avec', 'sans',
    'je', 'j', 'me', 'm', 'moi', 'mon', 'ma', 'mes', 'tu', 'te', 'vous', 'votre', 'vos', 'il', 'elle', 'on', 'nous', 'notre', 'ils', 'elles', 'ce', 'c', 'ca', 'cette', 'ces', 'cet',
    'est', 'suis', 'sont', 'etre', 'ai', 'as', 'avez', 'avons', 'ont', 'avoir', 'fait', 'faire', 'peux', 'peut', 'pouvez', 'puis', 'pourrais', 'pourriez', 'dois', 'doit', 'faut',
    'veux', 'voudrais', 'voulais', 'aimerais', 'souhaite', 'besoin', 'que', 'qu', 'qui', 'quoi', 'quel', 'quelle', 'quels', 'quelles', 'ou', 'quand', 'comment', 'combien', 'est-ce', 'y',
    'ne', 'pas', 'plus', 'se', 's', 'si', 'bonjour', 'merci', 'svp', 'plait', 'vous', 'juste', 'aussi', 'encore', 'tres', 'bien', 'ici', 'la-bas', 'mairie', 'harbor', 'city',
    'fois', 'meme', 'tout', 'toute', 'tous', 'toutes', 'apres', 'avant', 'pendant', 'comme', 'autre', 'autres', 'lequel', 'laquelle', 'lesquels', 'fais', 'viens', 'vient', 'venons', 'venez',
    'renseigner', 'savoir', 'dire', 'dites', 'demander', 'obtenir', 'avoir', 'trouver', 'aller', 'prendre',
    // Courtesy formulae ("Sería tan amable de indicarme...", "Je me permets de solliciter..."): they
    // diluted the query coverage of the topic words behind them (dev8, 2026-12-07).
    'souhaiterais', 'souhaiterait', 'permets', 'permettre', 'solliciter', 'madame', 'monsieur', 'prie', 'plaît', 'excusez', 'déranger', 'deranger',
  ],
  patterns: {
    requestPerson: REQUEST_PERSON_EXTRA.fr.patterns,
    greeting: ['^ bonjour|bonsoir|salut|coucou|allo', '^ excusez-moi|pardon'],
    thanks: ['merci|remercie|remercions', 'au revoir|a_bientot|bonne_journee|bonne_soiree', "^ c'est tout|tout_bon", "^ compris|c'est_clair|c'est_bon $", 'super|parfait|genial merci?'],
    negativeFeedback: [
      "ca|cela|ce|c' ne|n' m'a|m_a|vous_m'avez pas aide|aide|servi",
      'ne sert|servent a rien',
      "ce n'est|c'est pas|n'est_pas ce_que|la_question|ca",
      "vous n'avez|avez pas compris|repondu",
      'ne repond|repondez pas a? ma? question',
      'mauvaise|fausse reponse',
      "pas la bonne reponse|information",
      'sans_interet',
      // "inutile" as a verdict, not "inutile de déranger quelqu'un" (no need to bother anyone).
      "c'est|cest|c'etait|vraiment|completement|totalement|reponse|machine|borne inutile",
      'inutile $',
      "vous repetez|repetez toujours? la_meme_chose|pareil",
    ],
    affirm: ["^ oui|ouais|d'accord|ok|volontiers|bien_sur|s'il_vous_plait|svp|avec_plaisir|allez-y|je_veux_bien merci|svp|s'il_vous_plait? $"],
    decline: [
      '^ non|nan merci|ca_va|c_est_bon|pas_la_peine|pas_besoin? merci? $',
      "^ ca va|c'est bon|pas la_peine|besoin merci? $",
      '^ pas maintenant $',
      "^ non|ah_non|oh_non? non|merci? c'est_bon|c_est_bon|ca_va|ca_ira|pas_besoin|pas_la_peine|laissez_tomber|tant_pis merci? $",
      "^ non * ca va|c'est_bon|merci $",
    ],
  },
  replies: {
    greeting:
      "Bonjour, bienvenue à la mairie de Harbor City ! Je peux vous renseigner sur les horaires, les certificats, les emménagements et déménagements, les impôts, le tri des déchets et les guichets. Que souhaitez-vous savoir ?",
    thanks: 'Je vous en prie ! Bonne journée.',
    unknown: "Je suis désolé, je ne suis pas sûr de pouvoir répondre. Voulez-vous que je vous mette en relation avec un agent ?",
    unknownNear:
      'Désolé, mes informations sur « {topic} » ne précisent pas ce point. Voulez-vous que je vous mette en relation avec un membre du personnel qui pourra vous renseigner ?',
    anythingElse: "Très bien. Puis-je vous aider pour autre chose ?",
    escalation: {
      explicit_request: 'Je vous mets en relation avec un agent. Merci de patienter un instant.',
      out_of_scope: "Je suis désolé, je ne peux pas répondre moi-même. Je vous mets en relation avec un agent.",
      repeated_failure: "Je suis désolé que cela ne vous ait pas aidé. Je vous mets en relation avec un agent.",
    },
    summary: { first: 'Première question', latest: 'Dernière', topics: 'Sujets', none: 'Pas encore de question précise.', listSeparator: ', ' },
  },
};
