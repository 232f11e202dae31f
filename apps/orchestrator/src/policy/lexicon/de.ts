import type { CueLexicon } from './types.ts';
import { LANGUAGE_NAMES } from './languageNames.ts';

const SPOKEN = LANGUAGE_NAMES.de;

const KID = 'kind|sohn|tochter|baby|enkel|enkelin';

/** German escalation cues (whole words; umlauts and ß are normalised: ä -> a, ß stays). */
export const de: CueLexicon = {
  code: 'de',
  segmentation: 'spaced',
  neutral: [
    // the queue or the wait "kills me" ("Die Schlange hier bringt mich noch um 😂", dev16 de-d16-n12, 2026-12-07)
    'schlange|warterei|wartezeit|burokratie|hitze|papierkram|formular|formulare|warten * bringt|bringen mich noch|heute|heut? um',
    // safety words in routine matters: devices, drills, blood tests, licences, idioms (training-set lookalikes, 2026-12-05)
    'messer|kuchenmesser|scheren entsorgen|wegwerfen|abgeben|entsorgt',
    'rauchmelder|brandmelder|feuermelder|blutspende|blutspenden|blutabnahme|blutbild|blutdruck|blutzucker|waffenschein|jagdschein|waffenbesitzkarte|brandschutzubung|feuerwehrubung',
    'fast|beinahe einen herzinfarkt bekommen|gekriegt|gehabt',
    'schlange|warteschlange|warterei|wartezeit|hitze|chef|chefin bringt mich noch? um',
    'lastschrift|lastschriften|einzugsermachtigung',
    'eingeschrankter|eingeschrankte|eingeschrankten mobilitat',
    'notausgang|notausgange|notfallkontakt|notfallnummer|brandschutz|feuerloscher',
    'krankenversicherung|krankenkasse|gesundheitsamt|feuerversicherung',
    'kindergeld|elterngeld|kita',
    'fundburo|fundsachen',
    'termin|termine * absagen|stornieren|verschieben|andern',
    'wohnsitz|wohnung * abmelden',
    // a private lease or a job given notice before a move: routine deregistration, not a cancellation here (dev3 lookalike, 2026-12-06)
    'kundige|kundigen|gekundigt * wohnung|mietvertrag|mietwohnung|job|stelle|arbeitsstelle',
    'wohnung|mietvertrag|mietwohnung|job|stelle|arbeitsstelle * kundige|kundigen|gekundigt',
    'abmeldung|ummeldung',
    'kein problem',
    'nicht schlecht',
  ],
  // Requests for a person: `src/intake/lexicon/requestPerson.ts` (shared with the intake engine).
  requestPerson: [
    // eine beschriebene Mitarbeiterin, dann per Pronomen nach ihr gefragt ("Letzte Woche hat mir eine
    // Frau Yilmaz geholfen ... Ist sie heute da?"; dev8, 2026-12-07); nicht "mein Ausweis, ist er da?"
    're:(?<presence> (?<!meine |meiner |meinen |meinem |seine |seiner |deine |ihre |ihrer |unsere )(?:frau|herr|herrn|sachbearbeiterin|sachbearbeiter|mitarbeiterin|mitarbeiter|kollegin|kollege|beamtin|beamte|dame) (?:\\S+ ){0,25}?(?:(?:ist|sitzt|arbeitet) (?:sie|er)|(?:die|der) (?:ist|sitzt|arbeitet)) (?:doch |denn |wohl )?(?:heute |jetzt |gerade |noch |wieder )?(?:da|hier|im haus|im dienst|zu sprechen|erreichbar|im buro|zuruck|am schalter) )',
    // (and by a demonstrative: "die Frau Hofer … Die sitzt doch heute da, oder?", dev17 de-d17-e25, 2026-12-07)
    // asked directly whether a named clerk sits at the desk today ("Sitzt Frau Becker heute da?"; dev14 de-d14-e25, 2026-12-07)
    're:(?<presence> (?:sitzt|arbeitet) (?:die |der )?(?:frau|herr|herrn) \\S+ (?:heute |jetzt |gerade |noch |wieder )?(?:da|hier|im haus|im dienst|am schalter|im buro) )',
    // someone who speaks a named language (dev4 misses, 2026-12-06): languageNames.ts
    `re: (?:jemand|jemanden|wer|mitarbeiter|mitarbeiterin|mitarbeitende|personal|leute|person|einer|eine)(?: \\S+){0,5} (?:${SPOKEN}) (?:spricht|sprechen|kann|versteht|sprechende)`,
    `re: (?:spricht|sprechen|kann) (?:\\S+ ){0,2}(?:jemand|wer|einer|eine|jemanden|ihr|sie) (?:\\S+ ){0,2}(?:${SPOKEN}) `,
    `re: (?:dolmetscher|dolmetscherin|ubersetzer|ubersetzerin)(?: \\S+){0,2} (?:${SPOKEN}) `,
  ],
  negativeFeedback: [
    'hilft|half|hilfreich mir? nicht|nichts|kein_bisschen|wenig',
    'nicht|nichts geholfen|weitergeholfen|hilfreich',
    'das ist|war nicht was|das_was|die_antwort',
    'falsche|falsch antwort|auskunft|information',
    'verstehen|verstehst * nicht',
    'nutzlos|sinnlos',
    'schon|bereits gefragt|gesagt',
    'immer noch nicht',
    'ich frag|frage jetzt|doch|nochmal|zum',
    // The reply was wrong ("that's not right", "I asked about X"), added 2026-12-05 with nearest-example answers.
    'das stimmt nicht|so_nicht',
    'das ist|war falsch',
    'ich habe|hatte|hab nach * gefragt',
    // a correction right after a reply: "no, not the collection day, the stickers" (dev4 repeated-failure misses, 2026-12-06)
    'nein * ich meine|meinte den|die|das|nicht',
  ],
  sentiment: {
    negative: [
      'enttauscht|enttauschend|unzufrieden|argerlich|genervt|nervig|frustriert|frustrierend|schlecht|schlimm|furchtbar|schrecklich|kompliziert|umstandlich|unfreundlich|mist|blod|doof|verdammt|verdammte',
      'nicht zufrieden',
      'warte|warten|gewartet seit|schon * stunde|stunden|ewig',
      'stunde|stunden gewartet',
      'zu|viel zu lange',
      'dauert ewig',
      'zeitverschwendung',
    ],
    anger: [
      'wutend|sauer|verargert|emport|unverschamt|unverschamtheit|frechheit|lacherlich|inakzeptabel|skandal|skandalos|inkompetent|zumutung|katastrophe|sauerei|unglaublich',
      'es reicht',
      'reicht mir|jetzt',
      'die|meine nase|schnauze voll',
      'das ist doch|ja unmoglich|ein_witz',
    ],
    distress: [
      'verzweifelt|verangstigt|panik|weine|weinen|hilflos|uberfordert|verzweiflung',
      'ich habe|hab angst',
      'weiss|weiß nicht mehr weiter',
      'am ende',
      // tears that will not stop, shaking hands, a blank head, cannot cope any more (dev5/dev6 grief and overwhelm, 2026-12-06)
      'ich schaff|schaffe das * alles_nicht|gerade_alles_nicht',
      'meine hande zittern',
      'ich kann nicht mehr $',
      'kann nicht klar denken',
    ],
    profanity: ['scheisse|scheiße|scheiss|scheiß|arschloch|arsch|idiot|idioten|vollidiot|blodmann|depp|wichser|fick|ficken|verfickt|kacke|beschissen|beschissene|verflucht|fuck|dreckig'],
    positive: ['danke|dankeschon|super|toll|prima|perfekt|hilfreich|klasse|freundlich|wunderbar|grossartig|großartig|ausgezeichnet', 'vielen dank'],
  },
  sensitive: {
    billing_dispute: [
      'falsche|fehlerhafte|zu_hohe|doppelte rechnung|abbuchung|gebuhr|gebuhren|betrag|zahlung|belastung',
      'doppelt|zweimal|zu_viel * abgebucht|berechnet|belastet|bezahlt',
      'rechnung|gebuhr|gebuhren|bescheid|abbuchung * anfechten|reklamieren|falsch|stimmt_nicht',
      'einspruch|widerspruch gegen|einlegen',
      'ruckerstattung|erstattung|erstatten|zuruckerstatten|ruckzahlung|zuruckzahlen',
      'geld zuruck',
      // paid a different amount and "it doesn't add up" ("15 Euro bezahlt … Das passt ja dann hinten und vorne
      // nicht zusammen", dev16 de-d16-e26, 2026-12-07)
      're: (?:bezahlt|gezahlt|quittung|rechnung|gebuhr|gebuhren|euro)(?: \\S+){0,25} (?:passt|stimmt) (?:\\S+ ){0,3}hinten und vorne nicht ',
      'zahlung|bezahlung|uberweisung|kartenzahlung * fehlgeschlagen|abgelehnt|funktioniert_nicht|problem|fehler',
      'problem|probleme|fehler|arger mit|bei * zahlung|rechnung|abbuchung',
    ],
    complaint: ['beschwerde|beschweren|beschwere|reklamation|dienstaufsichtsbeschwerde', 'mitarbeiter|mitarbeiterin|personal|beamte|beamtin * unfreundlich|unhoflich|respektlos|frech|herablassend'],
    cancellation: [
      'kundigen|kundigung|stornieren|stornierung|storno|loschen|auflosen|beenden|widerrufen|widerruf * vertrag|bestellung|abo|abonnement|konto|mitgliedschaft|antrag|dienst|account|kundenkonto|vertrags',
      'vertrag|bestellung|abo|abonnement|konto|mitgliedschaft|antrag|account|kundenkonto * kundigen|stornieren|loschen|auflosen|beenden|widerrufen',
      'kundigen|kundigung|stornieren|stornierung',
      // a marriage notice or an application already filed, withdrawn or undone (dev5/dev6 cancellation misses, 2026-12-06)
      'antrag|eheschliessung|eheschließung|aufgebot|trauung|hochzeit * zuruckziehen|zurucknehmen|ruckgangig|absagen',
      'anmeldung * ruckgangig',
    ],
    account_access: [
      'kann|komme mich? nicht * anmelden|einloggen|rein',
      'passwort|kennwort|pin|zugangsdaten * vergessen|verloren|gesperrt|falsch|funktioniert_nicht',
      'vergessen|verloren * passwort|kennwort|zugangsdaten',
      'konto|account|zugang * gesperrt|gehackt|blockiert|deaktiviert',
      'gehackt|identitatsdiebstahl',
    ],
    legal: [
      'anwalt|anwaltin|rechtsanwalt|rechtsanwaltin|klage|verklagen|rechtsberatung|rechtsstreit|diskriminierung|diskriminiert|belastigung|belastigt|raumungsklage|zwangsraumung|abschiebung|sorgerecht|illegal|strafanzeige',
      'vor gericht',
      'rechtliche schritte',
      'anzeige erstatten',
      'meine rechte',
    ],
    medical: [
      'bin|fuhle_mich|ist krank|unwohl|schwindelig',
      'brauche|brauchen|muss_zum|muss_ins einen? arzt|arztin|krankenhaus|medikament|medikamente',
      'depression|depressionen|psychisch|krebs|diabetes|chemotherapie|operiert|diagnose|psychiater|psychotherapeut',
    ],
    financial: [
      'schulden|verschuldet|uberschuldung|pleite|insolvenz|privatinsolvenz|zahlungsunfahig|mahnung|mahnungen|inkasso|gerichtsvollzieher|pfandung|betrug|betrogen|arbeitslos|burgergeld|sozialhilfe',
      'kein geld',
      'miete|steuer|steuern|rechnung|rechnungen|gebuhr nicht * bezahlen|zahlen',
      'kann mir * nicht leisten',
      'finanzielle probleme|schwierigkeiten|not',
    ],
  },
  safety: {
    emergency: [
      // a small child missing right now: safety, staff alerted (MISSING_CHILD_GROUP in scope.ts)
      're: (?<missingchild>(?:weint|heult|schreit|sitzt|steht) (?:da |hier |dort )?(?:ein |eine )?(?:kleiner junge|kleines madchen|kleines kind|kleinkind|kleiner bub)(?=(?: \\S+){0,14} (?:allein|alleine|ohne eltern|keine eltern) )) ',
      're: (?<missingchild>(?:kleiner junge|kleines madchen|kleines kind|kleinkind|kleiner bub|kleine)(?=(?: \\S+){0,10} (?:weint|weinend|heult|schreit|irrt) )(?=(?: \\S+){0,14} (?:allein|alleine|ganz allein|ohne eltern|keine eltern) )) ',
      're: (?<missingchild>(?:mein|meine|unser|unsere) (?:sohn|tochter|kind|kleine|kleiner|junge|madchen|enkel|enkelin|bub) (?:ist|is) (?:weg|verschwunden|nicht mehr da|abgehauen|weggelaufen)) ',
      're: (?<missingchild>(?:mein|meine|unser|unsere) (?:sohn|tochter|kind|kleine|kleiner|junge|madchen|enkel|enkelin|bub) war (?:gerade|eben|grad|grade) (?:noch )?(?:hier|da|neben mir|bei mir)(?: \\S+){0,12} (?:weg|verschwunden|sehe (?:ihn|sie) nicht mehr|finde (?:ihn|sie) nicht(?: mehr)?)) ',
      're: (?<missingchild>(?:sohn|tochter|kind|junge|madchen|enkel|enkelin|bub)(?: \\S+){0,14} (?:ich finde|ich find|finde|find|wir finden) (?:ihn|sie|es) nicht(?: mehr)?) ',
      // "meinen sohn der ist vier ... und jetzt seh ich ihn nirgends" (dev10, 2026-12-07); a
      // voice run-on of 17 words between them (dev17 de-d17-e17, 2026-12-08)
      're: (?<missingchild>(?:sohn|tochter|kind|junge|madchen|enkel|enkelin|bub)(?: \\S+){0,22} (?:seh|sehe|find|finde) (?:ich )?(?:ihn|sie|es) (?:nirgends|nirgendwo|nirgendswo)) ',
      // "Haben Sie einen kleinen Jungen gesehen? … fünf Jahre …": asking whether anyone has seen a small child.
      're: (?<missingchild>(?:haben sie|habt ihr|hat jemand|hast du)(?: \\S+){0,2} (?:kleinen jungen|kleines madchen|kleines kind|kleinkind|kleinen bub|meinen sohn|meine tochter|mein kind|meinen jungen|unseren sohn|unsere tochter|unser kind|meinen enkel|meine enkelin)(?: \\S+){0,3} gesehen) ',
      'notfall|notarzt|krankenwagen|rettungswagen|feuerwehr|rettungsdienst',
      'ruf|rufen|rufe|holen * polizei|krankenwagen|notarzt|feuerwehr|112|110',
      'es brennt',
      'feuer|rauch|gasgeruch',
      'ein|einen brand',
      'riecht nach gas|rauch',
      'herzinfarkt|schlaganfall|bewusstlos|ohnmachtig|zusammengebrochen|krampfanfall',
      'atmet nicht',
      'keine luft',
      'hilfe hilfe',
    ],
    threat: [
      'umbringen|toten|erschiessen|erschießen|erstechen|abstechen|schlagen * dich|sie|euch|jemanden|mich|alle',
      'bringe|bringt * um',
      'waffe|waffen|pistole|gewehr|messer|bombe|sprengstoff',
      'bedroht|bedrohen|drohung|droht|bedrohung',
      'verfolgt mich',
      // "der läuft mir seit der u-bahn hinterher" (dev18 de-d18-e16, 2026-12-08)
      // (not a pet or the visitor's own child: "mein Hund läuft mir hinterher" is no threat)
      're:(?<! (?:hund|hundchen|welpe|katze|kind|kleine|kleiner|sohn|tochter|enkel|enkelin)) (?:lauft|rennt|schleicht|dackelt) (?:mir|uns)(?: \\S+){0,5} hinterher ',
      'verprugeln|verprugelt|zusammenschlagen|zusammengeschlagen|abstechen',
      'folgt mir',
      'stalker|stalkt|gewalt|angegriffen|uberfallen|geschlagen|vergewaltigt',
      'selbstmord|suizid',
      'will|mochte nicht mehr leben',
      'will sterben',
    ],
    injury: [
      'verletzt|verletzung|blutet|blutung|gebrochen|verbrannt|verbrennung',
      'bin|ist|sind hingefallen|gesturzt|gestolpert|ausgerutscht',
      'starke schmerzen',
      'brustschmerzen',
      'tut so? weh',
      'kopf * gestossen|gestoßen|angeschlagen',
    ],
  },
  vulnerable: {
    vision: ['sehe schlecht|nichts|kaum', 'sehe nicht gut', 'bin|ist blind', 'sehbehindert|sehbehinderung', 'brille vergessen|verloren', 'schrift|text|buchstaben zu klein', 'kann * bildschirm nicht|nix|nichts|kaum lesen|sehen', 'kann * nix|nichts lesen', 'augen * schlecht|schwach'],
    hearing: ['gehorlos|taub|schwerhorig|horbehindert', 'hore schlecht|nichts|kaum', 'gebardensprache'],
    mobility: ['im|sitze_im|bin_im|nutze_einen|brauche_einen rollstuhl', 'kann * nicht laufen|gehen|stehen', 'gehbehindert|gehhilfe|rollator|krucken|gehstock'],
    lost: [
      // forgot the errand, a minor stating their age or school year (dev3 vulnerable misses, 2026-12-06)
      'weiss|weis|weiß nimmer|nicht_mehr warum|wofur|weshalb ich',
      'vergessen warum|wofur|weshalb|was ich',
      'habe|hab mich verlaufen|verirrt', 'bin verloren|orientierungslos', 'weiss|weiß nicht wo ich bin|hin', 'wo bin ich',
      // unsure of the day, with a marker of confusion ("welcher tag ist denn heute eigentlich", dev16 de-d16-e27, 2026-12-07)
      'welcher tag ist denn|eigentlich heute', 'welcher tag ist heute denn|eigentlich'],
    child: [
      `mein|meine ${KID} * verloren|verschwunden|weg|vermisst|allein|weint|krank`,
      `finde * ${KID}|eltern|mutter|vater|mama|papa nicht`,
      're: ich bin (?:[5-9]|1[0-5]) (?:jahre|jahr) ',
      're: ich bin (?:erst |gerade )?(?:[5-9]|1[0-5]|zehn|elf|zwolf|dreizehn|vierzehn|funfzehn) (?!minuten|min |uhr|stunden|std|euro|mal |km|meter|tage|wochen|monate|jahre? (?:hier|in|schon|verheiratet))',
    ],
    elderly: [
      're: ich bin (?:[7-9][0-9]|1[01][0-9]) (?:jahre|jahr) ',
      'rentner|rentnerin|seniorin|grossmutter|großmutter|grossvater|großvater|betagt',
      'zu alt',
      'meine|die oma|opa|omi',
      'mit technik|computern|automaten * nicht zurecht|klar',
    ],
    disability: [
      'habe|hat eine|einen? behinderung|demenz|alzheimer|autismus',
      'bin|ist behindert|schwerbehindert|autistisch|dement',
      'blindenhund|assistenzhund|betreuer|betreuerin',
      // a tremor or a stroke that makes the screen hard to use (as en, dev16, 2026-12-07)
      'meine hand|hände * zittert|zittern',
      'seit meinem|dem schlaganfall',
      'habe|hab parkinson',
    ],
    literacy: ['kann * nicht|nicht_gut lesen|schreiben', 'kann * nicht_so_gut|nicht_besonders_gut|nicht_richtig|schlecht|kaum lesen|schreiben', 'analphabet|analphabetin', 'verstehe|spreche kein|nicht|kaum * japanisch|deutsch|die_sprache|die_worter', 'mein deutsch * nicht|schlecht|kaum', 'spreche|verstehe wenig|schlecht|nur_wenig deutsch', 'hilfe beim ausfullen', 're: (?:lesen|schreiben)(?: \\S+){0,12}? (?:nie|nie richtig|nicht richtig|nie so richtig|nie ordentlich) (?:gelernt|lernen konnen) '],
  },
  policyException: {
    fee_waiver: [
      'gebuhr|gebuhren|strafe|bussgeld|bußgeld|saumniszuschlag|mahngebuhr * erlassen|streichen|verzichten|befreien|befreit',
      'gebuhrenbefreiung|gebuhrenerlass',
      'ohne zu? zahlen|bezahlen',
      'kostenlos machen',
    ],
    deadline_extension: ['frist|deadline * verlangern|verlangerung|verpasst|versaumt|abgelaufen|uberschritten', 'fristverlangerung|aufschub|stundung', 'mehr zeit', 'zu spat eingereicht|abgegeben'],
    rule_exception: [
      'ausnahme|sondergenehmigung|sonderregelung|sonderfall|kulanz|vordrangeln',
      'nur dieses eine? mal',
      // "können Sie mich nicht ausnahmsweise noch dazwischenschieben" (dev6, 2026-12-06)
      'konnen|konnten|kann|darf|durfte|wurden sie|ich|man * ausnahmsweise',
    ],
    discount: ['rabatt|ermassigung|ermäßigung|nachlass|gunstiger|billiger', 'reduzieren|senken * gebuhr|preis|steuer'],
  },
  restrictedAction: {
    refund: ['ruckerstattung|erstattung|erstatten|zuruckerstatten|zuruckzahlen', 'geld zuruck'],
    record_change: [
      'eintrag|daten|register|personenstand|geburtsdatum|geschlecht|akte|melderegister * andern|korrigieren|berichtigen',
      'andern|korrigieren|berichtigen|berichtigung * eintrag|daten|register|personenstand|geburtsdatum|geschlecht|akte|melderegister',
      'fehler in|im * eintrag|daten|register|akte|urkunde',

      // asks the assistant itself to change a record in the system (dev4 misses, 2026-12-06)
      `re: (?:konnen sie|konnten sie|kannst du|konntest du|bitte|konnt ihr)(?: \\S+){0,6} (?:im|in ihrem|ins|in der|in ihrer|in eurem|in eurer) (?:system|computer|melderegister|register|datenbank|akte|kartei|akten)(?: \\S+){0,3} (?:andern|abandern|korrigieren|berichtigen|aktualisieren|eintragen|umtragen|loschen|umschreiben|anpassen|austragen)`,
    ],
    data_deletion: ['daten|informationen * loschen|entfernen', 'loschen|entfernen|loscht * daten|informationen', 'loschung meiner? daten', 'recht auf vergessenwerden', 'dsgvo'],
    identity_verification: ['vollmacht|bevollmachtigt|stellvertretend', 'im auftrag', 'ohne ausweis', 'keinen ausweis', 'ausweis vergessen'],
    payment: ['kartennummer|geheimzahl', 'meine karte|kreditkarte belasten|abbuchen'],
  },
};
