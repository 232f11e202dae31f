import type { CueLexicon } from './types.ts';
import { LANGUAGE_NAMES } from './languageNames.ts';

const SPOKEN = LANGUAGE_NAMES.fr;

const KID = 'enfant|fils|fille|bebe|petit|petite|gamin';
const CANT = "peux_pas|arrive_pas_a|n'arrive_pas_a|ne_peux_pas|impossible_de";

/** French escalation cues (whole words; accents, case and apostrophes normalised). */
export const fr: CueLexicon = {
  code: 'fr',
  segmentation: 'spaced',
  neutral: [
    // "en arrière de l'hôtel de ville" (behind) is no arrear (dev11, 2026-12-07)
    "en|a_l' arriere|l'arriere de|du",
    'marche arriere',
    // safety words in routine matters: devices, drills, blood tests, licences, idioms (training-set lookalikes, 2026-12-05)
    'jeter|jette|recycler * couteau|couteaux',
    'detecteur|detecteurs de fumee',
    'don du|de sang',
    'prise|prises|analyse|analyses de sang',
    'failli faire|avoir une crise cardiaque',
    'mon chef|ma cheffe|mon patron|ma patronne va me tuer',
    'permis de chasse',
    'exercice|exercices d?|de evacuation|incendie',
    'prelevement|prelevements automatique|bancaire?',
    'mobilite reduite',
    'sortie|sorties|issue|issues de secours',
    "contact|numero en cas d'urgence",
    "assurance|l'assurance|d'assurance maladie|incendie|sante",
    'allocations|allocation familiales|familiale|enfant',
    'objets trouves',
    'annuler|reporter|deplacer|modifier mon|le|un? rendez-vous|rdv|reservation',
    'pas de probleme|souci',
    'pas mal',
    "a l'aide de|du|des",
    'pot au feu',
    'pot-au-feu',
  ],
  // Requests for a person: `src/intake/lexicon/requestPerson.ts` (shared with the intake engine).
  requestPerson: [
    // un agent décrit, puis demandé par pronom ("la madame des taxes ... est-tu revenue de dîner",
    // "le monsieur qui a pris mes empreintes ... il est où"; dev8, 2026-12-07)
    're:(?<presence> (?:madame|monsieur|dame|agent|agente|employe|employee|preposee|prepose|fonctionnaire|commis) (?:\\S+ ){0,25}?(?:est(?: |-)?(?:elle|il|tu)|(?:elle|il) est) (?:(?:revenue?|la|ici|au bureau|disponible|de retour|encore la) |ou $))',
    // someone who speaks a named language (dev4 misses, 2026-12-06): languageNames.ts
    `re: (?:quelqu.?un|une personne|un agent|une agente|du personnel|un employe|une employee|un conseiller|une conseillere|des gens|quelqu.?une)(?: \\S+){0,4} (?:parle|parlent|parlant|connait) (?:le |l.)?(?:${SPOKEN}) `,
    `re: (?:interprete|traducteur|traductrice)s? (?:en |de |qui parle )?(?:${SPOKEN}) `,
  ],
  negativeFeedback: [
    "ca|ca_ne|cela|cela_ne m'a|m'aide|aide|sert pas|a_rien|rien",
    'pas aide|aidee|utile|clair',
    "ce n'est|c'est|c'etait pas ce que * demande|voulais|cherche|dit",
    'vous ne comprenez|comprenez pas',
    'tu comprends|comprend pas',
    'mauvaise|fausse reponse',
    // "inutile" as a verdict on the answer, not "inutile de déranger quelqu'un" (no need to bother anyone).
    "c'est|cest|c'etait|vraiment|completement|totalement|reponse|machine|borne inutile",
    'inutile $',
    "je l'ai|j'ai deja demande|dit",
    'toujours pas',
    // "je vous demande l'étage pas les horaires" (I'm asking X, not Y; dev17 fr-d17-e21, 2026-12-07)
    're: je (?:vous |te )?(?:demande|demandais|parle|parlais) (?:\\S+ ){1,4}(?:pas|et non|non pas) ',
    'je vous|te? redemande|demande_encore',
    // The reply was wrong ("that's not right", "I asked about X"), added 2026-12-05 with nearest-example answers.
    "c'est faux",
    "ce n'est pas ca|juste|correct",
    "j'ai demande * pas",
    // a correction right after a reply: "no, not the collection day, the stickers" (dev4 repeated-failure misses, 2026-12-06)
    'non * je parle|parlais des|du|de|de_la',
    // the same correction with "ask": "Non, je demande pour le carton de pizza" (dev5, 2026-12-06)
    'non * je demande|demandais pour|des|du|de|de_la|si',
  ],
  sentiment: {
    negative: [
      'decu|decue|decevant|mecontent|mecontente|insatisfait|insatisfaite|agace|agacee|enerve|enervee|frustre|frustree|frustrant|penible|mauvais|horrible|affreux|complique|lent|zut|mince|galere',
      'pas content|contente|satisfait|satisfaite',
      "j'attends|attends|attendu depuis * heure|heures|longtemps",
      'trop long|longtemps',
      'perte de temps',
    ],
    anger: [
      'hors de moi|mes_gonds',
      'colere|furieux|furieuse|inadmissible|inacceptable|scandaleux|scandale|honteux|honte|ridicule|incompetent|incompetents|insupportable|revoltant|indigne',
      "j'en ai marre|assez",
      'ras le bol',
      'ras-le-bol|marre',
      "n'importe quoi",
      "c'est une blague",
      'vous vous moquez|foutez',
    ],
    distress: [
      'desespere|desesperee|effraye|effrayee|panique|paniquee|angoisse|angoissee|pleure|pleurer|detresse|terrifie|terrifiee',
      "j'ai tres? peur",
      'ne sais plus quoi faire',
      'je ne sais pas quoi faire',
      // tears that will not stop, shaking hands, a blank head, cannot cope any more (dev5/dev6 grief and overwhelm, 2026-12-06)
      "je_n'en|j'en peux plus",
      'mes mains tremblent',
      "j'ai les mains qui tremblent",
      "j'arrive|je_n'arrive plus|pas a reflechir|penser",
      // at the end of one's tether, informal negation ("je sais plus quoi faire je suis à bout"; dev13 fr-d13-e08, 2026-12-07)
      'je suis|suis a_bout|au_bout_du_rouleau',
      'sais plus quoi faire',
    ],
    profanity: [
      "putain|merde|bordel|connard|connasse|salaud|salope|encule|foutu|foutre|chier|nique|pute|cretin|abruti|imbecile|debile",
      'fait chier',
      'ta gueule',
    ],
    positive: ['merci|genial|parfait|excellent|super|formidable|sympa|gentil|gentille|utile|aimable|bravo|impeccable'],
  },
  sensitive: {
    billing_dispute: [
      'facture|facturation|prelevement|montant|frais|debit|paiement * errone|erronee|faux|fausse|incorrect|incorrecte|double|trop_eleve|injustifie',
      'contester|conteste|contestation * facture|frais|paiement|prelevement|montant|amende',
      'facture|preleve|debite|paye deux_fois|a_tort|en_trop|trop',
      'remboursement|rembourser|remboursez|rembourse|remboursee|me_rembourser',
      "probleme|erreur|souci de|avec|du|sur|dans * paiement|facture|prelevement|facturation",
      'paiement refuse|echoue|bloque|rejete',
      // "Je ne vois pas pourquoi je paierais ça" (a bill the visitor was told would be free; dev16 fr-d16-e09, 2026-12-07)
      'ne vois|voit pas pourquoi * paierais|payerais|payer|paie|paye|regler|reglerais',
      'vois|voit pas pourquoi * paierais|payerais|payer|paie|paye|regler|reglerais',
    ],
    complaint: [
      'plainte|plaintes|reclamation|reclamations|me_plaindre|porter_plainte|doleance',
      "personnel|employe|employee|agent|guichetier|fonctionnaire * impoli|impolie|desagreable|grossier|irrespectueux|meprisant",
    ],
    cancellation: [
      'annuler|resilier|resiliation|annulation|supprimer|suppression|cloturer|cloture|fermer|desinscrire|desinscription * contrat|commande|abonnement|compte|inscription|adhesion|demande|service|dossier',
      'resiliation|annulation|suppression|cloture de|du|d\'un|d\'une * contrat|commande|abonnement|compte|inscription',
      // a marriage notice or an application already filed, withdrawn or undone (dev5/dev6 cancellation misses, 2026-12-06)
      "n'y_aura|y_aura pas|plus de mariage",
      'retirer|annuler * publication_des_bans|dossier_de_mariage',
    ],
    account_access: [
      `${CANT}|je_n'arrive_pas_a * connecter|acceder|ouvrir_une_session|me_connecter|identifier`,
      'mot de passe * oublie|perdu|bloque|incorrect|ne_marche_pas|ne_fonctionne_pas',
      'oublie|perdu * mot_de_passe|identifiant|code',
      'compte * bloque|verrouille|pirate|suspendu|desactive',
      'pirate|piratage|usurpation',
    ],
    legal: [
      "avocat|avocate|proces|tribunal|juridique|discrimination|discrimine|harcelement|harcele|harcelee|expulsion|expulse|illegal|illegale|litige|prud'hommes",
      'porter plainte',
      'porter|aller|saisir en|la justice',
      'mes droits',
      // a fine the visitor wants to contest, told first ("une amende … je veux la contester", dev16 fr-d16-e13, 2026-12-07)
      // (the match is the verb alone, so a negation in the story between them does not scope it)
      're:(?<= (?:amende|contravention|pv|proces-verbal)(?: \\S+){0,30} )(?:la |le |l )?(?:contester|conteste|contestation|recours) ',
      'garde des enfants',
      'aide juridictionnelle',
    ],
    medical: [
      'suis|sens|est malade|souffrant|souffrante',
      'me sens mal',
      "besoin d'un|d'une|de medecin|docteur|hopital|medicament|medicaments",
      'ordonnance|maladie|depression|deprime|deprimee|cancer|diabete|hospitalise|hospitalisee|psychiatre|psychologue',
      'sante mentale',
    ],
    financial: [
      'dette|dettes|endette|endettee|surendettement|impaye|impayes|arriere|arrieres|faillite|huissier|saisie|fraude|escroquerie|arnaque|arnaque|chomage|rsa',
      "pas les moyens",
      // a few euros left to the end of the month ("il me reste 11 euros sur le compte … jusqu'à la fin du mois", dev16 fr-d16-e26)
      're: (?:il )?(?:ne )?me reste (?:plus que |que |seulement |a peine |meme pas )?\\d+ ?(?:euros?|€|balles|dollars?|\\$)? ',
      'peux|pouvons pas payer * loyer|impots|factures|taxe',
      "plus|pas d'argent",
      'difficultes|problemes financieres|financiers|d\'argent',
    ],
  },
  safety: {
    emergency: [
      // a small child missing right now: safety, staff alerted (MISSING_CHILD_GROUP in scope.ts)
      're: (?<missingchild>(?:je trouve pus|je trouve pu|je retrouve pus|on trouve pus) (?:mon|ma|notre) (?:fils|fille|enfant|petit|petite|garcon|petit-fils|petite-fille)) ',
      're: (?<missingchild>(?:petit garcon|petite fille|petit enfant|bambin|tout petit|toute petite|un petit|une petite)(?=(?: \\S+){0,10} (?:pleure|pleurer|pleurait|en pleurs|erre) )(?=(?: \\S+){0,14} (?:tout seul|toute seule|seul|seule|sans (?:ses )?parents|sans adulte) )) ',
      're: (?<missingchild>(?:je ne trouve plus|je trouve plus|je ne retrouve plus|je retrouve plus|on ne trouve plus|vous avez vu|avez vous vu) (?:mon|ma|notre) (?:fils|fille|enfant|petit|petite|garcon|petit-fils|petite-fille)) ',
      // "mon fils était juste là, il a trois ans … je le vois plus" (dev6, 2026-12-06)
      're: (?<missingchild>(?:mon|ma|notre) (?:fils|fille|enfant|petit|petite|garcon|bebe) (?:etait|est) (?:juste |encore )?(?:la|ici|a cote)(?=(?: \\S+){0,16} je (?:ne )?(?:le|la) vois (?:plus|pus) ))',
      "re: (?<missingchild>(?:mon|ma|notre) (?:fils|fille|enfant|petit|petite|garcon) (?:a disparu|est parti|est partie|s'est perdu|s'est perdue|a fugue|n'est plus la)) ",
      'urgence|urgences|ambulance|samu|pompiers',
      'au secours',
      "^ a l'aide $",
      'appelez|appeler|appelle * police|pompiers|ambulance|samu|15|17|18|112',
      "il y a le|un feu|incendie",
      'au feu',
      'fumee|incendie',
      'fuite de gaz',
      'crise cardiaque',
      'fait un malaise',
      "evanoui|evanouie|inconscient|inconsciente|s'est_effondre|s'est_effondree",
      'ne respire plus|pas',
      "crise d'epilepsie",
    ],
    threat: [
      'vais|va|veux|allait|allais tuer|frapper|poignarder|tirer_sur',
      'arme|armes|couteau|pistolet|fusil|bombe|explosif',
      'menace|menacee|menaces|menacer|menacant',
      'me suit|suivent|harcele',
      'violence|violent|agresse|agressee|agression|battu|battue|viol|violee',
      'suicide|suicider|me_tuer|en_finir',
      'veux mourir',
    ],
    injury: [
      'blesse|blessee|blessure|saigne|saignement|fracture',
      'casse le|la bras|jambe|poignet|cheville',
      'suis|est tombe|tombee',
      'glisse|brulure',
      "j'ai tres|tellement|trop mal",
      'douleur|douleurs poitrine|thoracique|forte|fortes',
    ],
  },
  vulnerable: {
    vision: [
      "je ne vois pas bien|rien|l'ecran",
      'je vois mal',
      // "l'écran je le vois presque pas" (dev13 fr-d13-e27, 2026-12-07)
      'je_le|je_la|j\'y vois presque|quasiment|a_peine pas|rien',
      'aveugle|malvoyant|malvoyante',
      'oublie mes lunettes',
      'ecrit|texte|lettres|caracteres trop petit|petits|petites',
    ],
    hearing: ['sourd|sourde|malentendant|malentendante', "je n'entends pas|rien|mal", "j'entends mal", 'langue des signes'],
    mobility: ["en|j'utilise|dans_un fauteuil roulant", `${CANT} marcher|rester_debout`, 'bequilles|deambulateur'],
    lost: [
      // forgot the errand, a minor stating their age or school year (dev3 vulnerable misses, 2026-12-06)
      'oublie|sais_plus|souviens_plus|rappelle_plus pourquoi|ce_que je|j\'etais|jetais',
      'suis perdu|perdue|perdus|perdues', 'me suis perdu|perdue|egare|egaree', 'ne sais pas ou aller|je_suis', 'ou suis-je'],
    child: [
      `mon|ma ${KID} * perdu|perdue|disparu|disparue|introuvable|tout_seul|toute_seule|pleure|malade`,
      `perdu|trouve_plus|retrouve_pas mon|ma ${KID}`,
      "re: j'ai (?:[5-9]|1[0-5]) ans ",
      "re: j'?ai (?:cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|[5-9]|1[0-5]) ans ",
      'suis mineur|mineure',
      // a school year stated by the visitor: Québec secondaire, France collège ("jsuis en sec 3 pis ma mère m'a envoyé"; dev10, 2026-12-07)
      "re: (?:je suis|jsuis|j'suis|chu|suis) en (?:sec|secondaire) [1-5] ",
      "re: (?:je suis|jsuis|j'suis|chu|suis) en (?:6e|5e|4e|3e|6eme|5eme|4eme|3eme|sixieme|cinquieme|quatrieme|troisieme|cm1|cm2) ",
    ],
    elderly: [
      "re: j'ai (?:[7-9][0-9]|1[01][0-9]) ans ",
      'personne agee|agee|vieux|vieille|grand-mere|grand-pere|retraite|retraitee',
      'trop vieux|vieille pour',
    ],
    disability: [
      "je suis|suis|est handicape|handicapee|en_situation_de_handicap|autiste",
      "j'ai un|une handicap|deficience",
      'demence|alzheimer|autisme|chien guide|chien_d\'assistance',
      // a tremor or a stroke that makes the screen hard to use (as en, dev16, 2026-12-07)
      'ma main|mes_mains * tremble|tremblent',
      "depuis mon|l' avc",
      "j'ai|c'est le? parkinson",
    ],
    literacy: ['ne sais pas lire|ecrire', 'analphabete|illettre|illettree', 'comprends|parle pas * japonais|formulaire|francais|la_langue|les_mots', 'parle|comprends un_peu|peu|mal le? francais', 'mon francais * pas|mauvais|faible', 'aider|aidez-moi * remplir'],
  },
  policyException: {
    fee_waiver: ['exonerer|exoneration|annuler|supprimer|dispenser|dispense|remise * frais|amende|penalite|penalites|taxe|majoration', 'sans payer', 'gratuitement|gratuit pour moi|cette_fois'],
    deadline_extension: [
      'prolonger|prolongation|repousser|report|reporter|delai_supplementaire * delai|date_limite|echeance',
      'date limite|delai depassee|depasse|passee|passe',
      "rate|manque|depasse * delai|date_limite|echeance",
      'plus de temps',
      // a file past its deadline, asked to be taken all the same ("Vous pouvez pas le prendre quand même ?"; dev15 fr-d15-e23, 2026-12-07)
      'prendre|accepter|enregistrer|recevoir|deposer|valider le|la|les|mon|notre|nos? * quand_meme|malgre_tout|exceptionnellement',
    ],
    rule_exception: [
      // one phrase per entry (as es; the list written as one entry never matched before 2026-12-07)
      'exception|derogation|faveur',
      'cas particulier',
      'autorisation speciale',
      'traitement de faveur',
      'juste cette fois',
      'passer avant|devant',
      // served again without a new ticket ("me faire repasser tout de suite sans reprendre un ticket"; dev13 fr-d13-e23, 2026-12-07)
      'sans reprendre|refaire * ticket|numero|la_queue|la_file',
    ],
    discount: ['reduction|rabais', 'moins cher', 'reduire|baisser * frais|prix|montant|impot|taxe'],
  },
  restrictedAction: {
    refund: ['rembourser|remboursement|remboursez|me_rendre_mon_argent', 'recuperer|recupere mon argent'],
    record_change: [
      "modifier|corriger|changer|rectifier|rectification * dossier|fiche|etat_civil|date_de_naissance|sexe|donnees|registre|acte",
      'erreur|erreurs dans|sur * dossier|acte|registre|donnees',

      // asks the assistant itself to change a record in the system (dev4 misses, 2026-12-06)
      `re: (?:vous pouvez|pouvez vous|pouvez-vous|vous pourriez|pourriez vous|pourriez-vous|tu peux|peux tu|peux-tu|tu pourrais)(?: pas)?(?: \\S+){0,2} (?:modifier|changer|corriger|mettre a jour|rectifier|supprimer|effacer|ajouter)(?: \\S+){0,5} (?:dans|sur|de) (?:vos|votre|le|les|mon|ton|tes) (?:fichiers?|systeme|dossiers?|base|registres?|ordinateur|compte)`,
    ],
    data_deletion: ['supprimer|effacer|suppression|effacement * donnees|informations|donnees_personnelles|dossier', "droit a l'oubli", 'rgpd'],
    identity_verification: ['procuration|mandataire', 'pour le compte de', 'a la place de', "au nom d'un|d'une|de * autre|ma|mon", "sans|pas_de piece|carte d'identite"],
    payment: ['numero|code de|de_la ma? carte', 'cryptogramme', 'payer ici|maintenant'],
  },
};
