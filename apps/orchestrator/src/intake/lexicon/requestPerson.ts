/**
 * Explicit requests for a person in the visitor languages that have no full language pack
 * (no knowledge-base content yet): ko, fr, de, pt. The engine recognises them in any session
 * language, so a French visitor asking for "un conseiller" is handed to staff at once; the
 * escalation policy (`src/policy`) uses the same patterns. Pattern syntax: see `types.ts`.
 * Adding a full pack for one of these languages later means moving its patterns into the pack.
 */
import type { Segmentation } from './types.ts';

/** Languages with request-for-a-person patterns but no full language pack. */
export const EXTRA_REQUEST_LANGS = ['ko', 'fr', 'de', 'pt'] as const;
/** One of {@link EXTRA_REQUEST_LANGS}. */
export type ExtraRequestLang = (typeof EXTRA_REQUEST_LANGS)[number];

// 쌤: teenagers' word for a teacher or a clerk ("일하는 쌤 한 명만 불러 주시면", dev16 ko-d16-e06, 2026-12-07)
const KO_STAFF = '상담원|상담사|직원|담당자|사람|매니저|관리자|안내원|책임자|공무원|실제_사람|진짜_사람|쌤';
const FR_PERSON =
  "personne|quelqu'un|quelqu_un|quelquun|humain|humaine|agent|agente|conseiller|conseillere|employe|employee|fonctionnaire|responsable|operateur|operatrice|guichetier|guichetiere|prepose|preposee|interlocuteur|etre_humain|membre_du_personnel|personnel|collaborateur|superviseur|directeur|chef";
const FR_WANT = 'veux|voudrais|souhaite|souhaiterais|aimerais|prefere|prefererais|peux|pourrais|puis-je|dois|faut';
const DE_PERSON =
  'mensch|menschen|person|personen|mitarbeiter|mitarbeiterin|mitarbeitenden|sachbearbeiter|sachbearbeiterin|angestellten|angestellte|beamten|beamtin|berater|beraterin|jemand|jemandem|jemanden|ansprechpartner|ansprechpartnerin|vorgesetzten|chef|zustandigen|zustandige|personal|agenten|kundenberater|servicemitarbeiter';
const PT_PERSON =
  'pessoa|humano|humana|atendente|funcionario|funcionaria|alguem|agente|operador|operadora|responsavel|gerente|supervisor|supervisora|representante|servidor|servidora|assistente|consultor|consultora';

/** Request-for-a-person patterns and segmentation per extra language. */
export const REQUEST_PERSON_EXTRA: Readonly<Record<ExtraRequestLang, { segmentation: Segmentation; patterns: readonly string[] }>> = {
  ko: {
    segmentation: 'cjk',
    patterns: [
      // a matter to be talked over face to face (dev10, 2026-12-07)
      '얼굴 보고|대면 으로|해서? 얘기|이야기|상담|말씀',
      // a named staff member or a role by title, asked whether they are in (dev3 explicit-request misses, 2026-12-06);
      // the named group `presence` marks it for the scope rules (see PRESENCE_GROUP in policy/scope.ts)
      're:(?<presence>(?:동장|과장|팀장|계장|국장|구청장|실장|주무관|담당자|센터장)님?(?:은|이|께서)?(?:오늘|지금)?(?:계세요|계신가요|계십니까|자리에계|안계|나오셨|출근하셨|오셨|(?:많이)?바쁘세요|(?:많이)?바쁘신가요|(?:많이)?바쁘십니까))',
      `${KO_STAFF} * 연결|바꿔|불러|부탁|얘기|이야기|대화|말하|말할|만나|통화|상담하`,
      '상담원|직원|담당자 연결',
      '로봇|기계|ai|인공지능 * 말고|싫|아니라',
      '누구 없어요|없나요|계세요',
      '사람 이랑|하고|과|와 얘기|이야기|말',
    ],
  },
  fr: {
    segmentation: 'spaced',
    patterns: [
      // a staff member described, asked whether he still works here ("Réjean ... il travaille-tu encore icitte ?"),
      // and a matter to be gone over face to face (dev10, 2026-12-07)
      're:(?<presence> (?:il|elle) (?:travaille|travaille-tu|travaille-t-il|travaille-t-elle|travaille-ti) (?:encore|toujours) (?:ici|icitte|la|a la mairie|au bureau) )',
      'parler|discuter|voir|regler|jaser|en_parler en? face_a_face|de_vive_voix',
      // a named clerk, then asked after by pronoun ("c'est M. Dubois qui avait mon dossier ... Il est là cet après-midi ?"),
      // and a clerk to be told the visitor is here ("prévenir la responsable ... que je suis là"; dev15 fr-d15-e25 / e05, 2026-12-07)
      're:(?<presence> (?:m|mr|monsieur|madame|mme|mlle|mademoiselle) \\S+ (?:\\S+ ){0,30}?(?:il|elle) (?:est|serait|sera) (?:la|present|presente|disponible|dans son bureau|au bureau)(?: aujourd\\S*| cet apres-midi| ce matin| maintenant| en ce moment)? )',
      're:(?<presence> (?:prevenir|prevenez|prevenez-la|prevenez-le|avertir|avertissez|informer|informez|dire a|dites a|dites-lui|lui dire) (?:\\S+ ){0,8}?que je suis (?:la|ici|arrive|arrivee) )',
      // a named staff member or a role by title, asked whether they are in (dev3 explicit-request misses, 2026-12-06);
      // the named group `presence` marks it for the scope rules (see PRESENCE_GROUP in policy/scope.ts)
      're:(?<presence> (?:madame|monsieur|mme|mademoiselle|le maire|la maire|le directeur|la directrice|le responsable|la responsable|le chef|la cheffe)(?: \\S+){0,6}? (?:est|serait|sera) (?:la|present|presente|disponible|dans son bureau) )',
      `parler|discuter|parle|echanger|m'adresser|cause avec|a|au * ${FR_PERSON}`,
      // Québec "jaser" (to chat) and "en parler avec du monde" (with real people) (dev5, 2026-12-06)
      `jaser|jase|placoter avec|a|au * ${FR_PERSON}`,
      'parler|jaser|discuter avec du_monde|des_humains|des_gens_en_vrai',
      `passer|passez|passez-moi|mettre|mettez-moi|transferer|transferez|connecter|connectez-moi|rediriger|orienter * avec|a|vers * ${FR_PERSON}`,
      `${FR_WANT} voir|avoir|contacter|joindre|parler_a * ${FR_PERSON}`,
      `contacter|joindre|appeler|appelez|voir * ${FR_PERSON}`,
      `passez-moi|passe-moi|appelez-moi|faites_venir|allez_chercher * ${FR_PERSON}`,
      'service|relation client|clients|clientele|a_la_clientele',
      'un|une|des vrai|vraie|vraies|vrais|veritable personne|humain|agent|conseiller',
      "y_a-t-il|il_y_a|est-ce_qu'il_y_a|y_a quelqu'un|une_personne|un_employe",
      `^ ${FR_PERSON} s'il_vous_plait|svp|stp? $`,
      'pas * robot|machine|ordinateur|ia|automate',
    ],
  },
  de: {
    segmentation: 'spaced',
    patterns: [
      // a clerk the visitor is expected by, asked to be told they have arrived ("Können Sie ihr sagen, dass
      // ich da bin?"), and a talk face to face or in private (dev10, 2026-12-07)
      're:(?<presence> (?:ihr|ihm|frau \\S+|herrn? \\S+|der sachbearbeiterin|dem sachbearbeiter) (?:\\S+ )?(?:sagen|ausrichten|bescheid geben|bescheid sagen|bescheid|mitteilen|melden) dass ich (?:jetzt )?(?:da|hier|angekommen) )',
      'von_angesicht_zu_angesicht|unter_vier_augen sprechen|reden|besprechen|klaren',
      // a named staff member or a role by title, asked whether they are in (dev3 explicit-request misses, 2026-12-06);
      // the named group `presence` marks it for the scope rules (see PRESENCE_GROUP in policy/scope.ts)
      're:(?<presence> ist (?:der |die )?(?:(?:frau|herr|herrn|dr) \\S+|\\S*(?:leitung|leiter|leiterin|chef|chefin|sachbearbeiter|sachbearbeiterin|vorgesetzte|zustandige))(?: \\S+){0,3}? (?:heute |jetzt |gerade |noch |morgen |schon )?(?:da|erreichbar|im haus|im buro|zu sprechen|anwesend|zu erreichen) )',
      `mit|zu|an * ${DE_PERSON} sprechen|reden|verbunden|verbinden|weiterleiten|durchstellen`,
      `sprechen|reden|sprache|rede mit|zu * ${DE_PERSON}`,
      `verbinden|verbindet|verbinde|weiterleiten|durchstellen|stellen * mit|zu|an * ${DE_PERSON}`,
      `mochte|brauche|hatte_gern|hatte_gerne|wurde_gern|wurde_gerne|kann_ich|darf_ich * ${DE_PERSON}`,
      'kundenservice|kundendienst|kundenbetreuung|servicehotline|kundensupport',
      'einen|ein|eine echten|echte|echter|richtigen|richtige|lebenden mensch|menschen|person|mitarbeiter|mitarbeiterin',
      'ist hier|da jemand|ein_mitarbeiter',
      'kein|keinen|keinem|keiner|nicht * roboter|bot|computer|maschine|automaten',
      // a head of section wished to be spoken to, by role compound ("Dann hätt ich gern gleich den Herrn
      // Gruppenleiter gesprochen", Austrian; dev12 de-d12-e03, 2026-12-07): the wish verb, then the role
      're:(?:hatte|hatt|hatten|wurde|wurd|mochte|mocht)(?: \\S+){0,5}? (?:den |die |der |dem |mit dem |mit der )?(?:herrn |frau )?\\S*(?:leiter|leiterin|leitung|chef|chefin|vorgesetzten?|sachbearbeiter|sachbearbeiterin) (?:\\S+ )?(?:gesprochen|sprechen)(?= |$)',
      // someone from a named office asked to come and fetch the visitor ("kann mich wer vom Jugendamt kurz abholen?"; dev8 de-d8-e06, 2026-12-07)
      'wer|jemand vom|von_der|aus_dem|aus_der * abholen|runterkommen|herkommen|vorbeikommen',
    ],
  },
  pt: {
    segmentation: 'spaced',
    patterns: [
      // a matter to be talked over face to face (dev10, 2026-12-07)
      'conversar|falar|ver|tratar|resolver|ver_isso cara_a_cara|olho_no_olho',
      // a named staff member or a role by title, asked whether they are in (dev3 explicit-request misses, 2026-12-06);
      // the named group `presence` marks it for the scope rules (see PRESENCE_GROUP in policy/scope.ts)
      're:(?<presence> (?:o|a) (?:senhor|senhora|dona|seu|dr|dra|doutor|doutora|presidente|secretario|secretaria|chefe|diretor|diretora|coordenador|coordenadora|vereador|vereadora)(?: \\S+){0,8}? (?:ja chegou|esta hoje|esta ai|ta ai|veio hoje|esta ca|se encontra hoje|esta disponivel))',
      `falar|conversar|falo|fale|atendimento com|a|ao|o * ${PT_PERSON}`,
      `passar|passe|transferir|transfira|conectar|conecte|encaminhar|encaminhe * com|para|a * ${PT_PERSON}`,
      `quero|queria|preciso|gostaria|prefiro|posso * falar|ver|ser_atendido * ${PT_PERSON}`,
      'quero|queria|preciso|gostaria|prefiro um|uma atendente|humano|pessoa|funcionario|funcionaria|agente',
      'atendimento humano|pessoal|presencial|ao_cliente|ao_consumidor',
      'servico de atendimento|ao_cliente',
      'pessoa|atendente de verdade|real',
      'ser humano',
      `chamar|chame|chama|chamem * ${PT_PERSON}`,
      'tem|ha alguem|algum_funcionario|alguma_pessoa',
      // who is the supervisor/person in charge today, asked to talk to them (dev5, 2026-12-06)
      'quem que? ta|esta|e|fica de? supervisor|supervisora|chefe|gerente|encarregado|encarregada|responsavel hoje|agora|aqui|ai',
      `trocar_uma_ideia|bater_um_papo|dar_uma_palavrinha com|ao|a|o * ${PT_PERSON}`,
      'nao quero * robo|maquina|bot|computador',
    ],
  },
};
