import type { CueLexicon } from './types.ts';
import { LANGUAGE_NAMES } from './languageNames.ts';

const SPOKEN = LANGUAGE_NAMES.en;

const PERSON =
  'person|persons|human|humans|agent|agents|someone|somebody|someon|somone|anyone|anybody|staff|staffer|staff_member|representative|rep|operator|clerk|employee|officer|attendant|manager|supervisor|worker|assistant|consultant|advisor|adviser|specialist|people';
const SERVICE = 'customer|client|consumer service|services|support|assistance|care|help|desk|team';
const CONTACT =
  'talk|talking|speak|speaking|chat|chatting|converse|communicate|get_in_touch|getting_in_touch|get_through|connect|connected|connecting|transfer|transferred|put_through';
const REACH = 'contact|contacting|contacted|reach|reaching|call|calling|ring|phone|email|e-mail|mail|message|get_hold_of|get_a_hold_of';
const DET = 'a|an|the|some|your|any|one|someone_from|somebody_from|one_of_your|one_of_the';
const ADJ = 'live|real|human|actual|physical|proper|qualified|customer|client|service|support|office|city|in-person|friendly|competent|member_of|staff';
const WITH = 'to|with|w|wth|wiht|wit|too';
const SUBJ = "i'm|im|i_am|i've_become|he's|she's|he_is|she_is|we're|we_are|my_wife_is|my_husband_is|my_mother_is|my_mom_is|my_mum_is|my_father_is|my_dad_is|my_son_is|my_daughter_is|my_child_is|my_friend_is|my_companion_is";
const HAVE = 'i|he|she|we|my_wife|my_husband|my_mother|my_father|my_son|my_daughter|my_child have|has|suffer_from|suffers_from|live_with|lives_with|was_diagnosed_with';
const CANT = "can't|cant|cannot|can_not|couldn't|couldnt|unable_to";
const IM = "i'm|im|i_am|i've_been|ive_been|i_was|i_feel|i_felt|feeling";
const DONT = "don't|dont|do_not|didn't|didnt|did_not";
const FAMILY = 'child|kid|son|daughter|baby|boy|girl|children|kids|toddler';
const RECORD = 'record|records|registration|register|family_register|koseki|date_of_birth|birth_date|birthdate|gender|official_data|resident_record|details_on_file';
const BOT_WORDS = '(?: (?:a|an|or|really|actually|just|even|maybe|the|ai|bot|robot|computer|machine|chatbot|program|right|now|be|real|live|actual|human|person|being|someone|somebody)){1,10}(?= )';
const DATA = 'data|personal_data|personal_information|information|info|details|records|record|photos|photo|file|files|history';

/** English escalation cues. */
export const en: CueLexicon = {
  code: 'en',
  segmentation: 'spaced',
  neutral: [
    // needing the toilet badly, called an emergency ("bit of an emergency, I'm dying for the loo"; dev11, 2026-12-07)
    'dying|desperate|bursting for the? loo|toilet|bathroom|restroom|loos|toilets|wee|pee|a_wee|a_pee',
    'bit of an emergency',
    'toilet|loo|bathroom|restroom emergency',
    // safety words in routine matters: devices, drills, blood tests, licences, idioms (training-set lookalikes, 2026-12-05)
    'dispose|disposing|throw_away|recycle of? * knife|knives',
    'smoke|fire|heat|carbon_monoxide detector|detectors|alarm_test|alarm_tests',
    'fire safety|inspection|inspections|certificate|certificates|prevention|warden|wardens',
    'blood test|tests|donation|donations|donor|donors|bank|pressure|sugar|type',
    'donate|donating|give|giving blood',
    'costs|cost|costing|spent|spend a bomb',
    'knife and|& fork|forks',
    'gun|firearm|firearms|hunting|shotgun|weapon|weapons licence|license|licences|licenses|permit|permits',
    'nearly|almost had|gave_me a heart attack',
    'direct debit|debits',
    'reduced|limited|restricted mobility',
    'emergency|fire exit|exits|door|doors|staircase|stairs',
    'fire extinguisher|extinguishers|alarm_test|drill',
    'health|medical insurance|checkup|check-up|certificate',
    'national health insurance|pension',
    'child|children|childcare|family benefit|benefits|allowance|allowances|support',
    'sick leave|day|days|note',
    'lost and|& found',
    'no problem|worries|big_deal',
    'not bad|too_bad',
    'thank god|goodness',
    'emergency fund|funds|savings|kit|kits|supplies|brake',
    're: (?<!real |live |actual )human beings?(?= )',
    'fell|fall|falling asleep',
    'evacuation center|centre|route|routes|map|drill|site|area',
    'lost my job',
    'pain in the neck',
    'customer|client number|id|code',
    // "are you a real person?" asks what the kiosk is; it is not a request for one
    `re: (?:(?:are|were|r|is|could) (?:you|u|this|it)|you are|you're|youre|am i (?:talking|speaking|chatting) (?:to|with))${BOT_WORDS}`,
    'delete|deleting|remove|removing * from the|my|this|an? order|orders|purchase|cart|basket|list',
    'newsletter|newsletters|mailing_list|email_list subscription|subscriptions',
    'subscription|subscriptions to * newsletter|newsletters|mailing_list',
    'refund|refunds|reimbursement|reimbursements|money_back|return policy|policies|guarantee|rules|conditions|terms',
    're: (?:in|under) (?:what|which) (?:cases?|situations?|circumstances?)(?: \\S+){0,6}(?= )',
    'how long do|does|will? the|my|a? refund|refunds|reimbursement|reimbursements take|takes',
    "i'm|i_am afraid that|not|so|it|we|you|there|i",
  ],
  requestPerson: [
    // a staff member the visitor is expected by, asked to be told they have arrived ("could you tell her I'm here?"),
    // and a matter to be gone over face to face (dev10, 2026-12-07)
    "re:(?<presence> (?:tell|let) (?:her|him|them|(?:mr|mrs|ms|miss|dr) \\S+) (?:know )?(?:that )?(?:i'm|im|i am|we're|were|we are) (?:here|in|waiting|downstairs) )",
    'talk|speak|discuss|go_over|sort|sort_out|deal_with|see_someone|see_somebody|do_this|do_it * face_to_face',
    // a staff member described earlier in the turn, then asked after by pronoun ("the registrar who
    // took our notice last month ... is she in today?"; dev8, 2026-12-07)
    "re:(?<presence> (?:registrar|lady|woman|man|gentleman|clerk|officer|caseworker|manager|supervisor|bloke|guy|fella|chap|(?:mr|mrs|ms|miss|dr) \\S+|\\S+ from (?:the|that|this) (?:team|section|desk|office|counter|department)) (?:\\S+ ){0,25}?(?:is (?:she|he)|(?:she|he) is|(?:she|he)s) (?:still )?(?:in|here|around|about|working|on duty|at work|back|free|available|on(?= today| now| shift| this))(?: today| now| this (?:morning|afternoon)| at the moment)? )",
    // a named staff member or a role by title, asked whether they are in (dev3 explicit-request misses, 2026-12-06);
    // the named group `presence` marks it for the scope rules (see PRESENCE_GROUP in policy/scope.ts)
    // "is mr okafor from the registrars about he said to pop by" (dev17 en-d17-e04, 2026-12-07): a titled name, then
    // about/around and who he is, without a time word
    "re:(?<presence> is (?:mr|mrs|ms|miss|dr) \\S+ (?:from (?:\\S+ ){1,3})?(?:about|around|in|here|available) (?:he|she|today|now|at the moment|this morning|this afternoon) )",
    're:(?<presence> (?:is|are) (?:(?:mr|mrs|ms|miss|dr) \\S+ |the (?:manager|supervisor|head|director|officer|registrar|lady|man|woman|gentleman|clerk|caseworker|social worker|team leader) (?:\\S+ ){0,3}?|(?:(?:mr|mrs|ms|miss|dr) )?\\S+ from (?:\\S+ ){0,3}?)(?:in|around|here|available|about|on duty|at work|back|free) (?:today|this afternoon|this morning|right now|now|yet) )',
    // asked in a subordinate clause or with "'s" ("do you happen to know if Mr Hennessy's in today?";
    // dev14 en-d14-e25, 2026-12-07)
    "re:(?<presence> (?:mr|mrs|ms|miss|dr) (?:\\S+'s|\\S+ is|\\S+s) (?:still )?(?:in|here|around|about|working|on duty|at work|back|available|free) (?:today|now|this morning|this afternoon|at the moment) )",
    `${CONTACT} ${WITH} ${DET}? ${ADJ}? ${ADJ}? ${PERSON}`,
    `${REACH} ${DET}? ${ADJ}? ${ADJ}? ${PERSON}`,
    `${SERVICE}`,
    'can|could|may i see|get|have a|an|the|someone|somebody clerk|staff|person|human|officer|manager|supervisor|member_of_staff',
    'live|real|actual|human agent|agents|person|operator|assistant|assistance|help|support|representative',
    'live|real|actual human being',
    'someone|somebody|a_person|a_human|staff|a_staff_member|an_agent to|i_can|who_can talk|speak|chat',
    'speak|talk to|with|w your|the boss|management|office|counter|desk',
    `^ ${PERSON} please|now|pls|plz? $`,
    "rather|prefer|i'd_rather|id_rather talk|speak|deal * person|human|someone|somebody|staff",
    'is there|isn\'t_there anyone|anybody|someone|somebody|a_person|a_human|staff here|around|available|working',
    "don't|dont|do_not want * robot|bot|machine|computer|kiosk|ai|screen",
    // someone who speaks a named language (dev4 misses, 2026-12-06): languageNames.ts
    `re: (?:anyone|anybody|someone|somebody|staff|people|person|employees?|workers?|officers?|any of you)(?: \\S+){0,4} (?:speaks?|speaking|talks?) (?:${SPOKEN}) `,
    `re: (?:an?|any|some|the) (?:${SPOKEN}) (?:interpreter|translator|speaking member of staff|speaking staff)s? `,
  ],
  negativeFeedback: [
    `${DONT}|doesn't|doesnt|does_not|wasn't|wasnt|isn't|isnt|not help|helpful|helping|work|useful|answer|make_sense`,
    "that's|thats|that_is|it's|its|this_is not|wrong|incorrect|useless|pointless",
    `you ${DONT}|don't|dont|aren't|arent understand|understanding|listening|get_it|helping`,
    'i already|just asked|said|told_you|tried_that',
    'still not|doesnt|doesn\'t|don\'t|dont|cant|can\'t working|sure|clear|understand|know|answered|solved|resolved',
    'no that|this|it is|was not|wrong|incorrect',
    'same answer|thing again',
    // "You've just said exactly the same thing twice" (dev5 repeated-failure read as anger only, 2026-12-06)
    "you|you've|you_have|youve just|keep? said|saying|say|told_me|telling_me exactly? the same thing|answer|reply",
    'not what i|we * asked|meant|wanted|need|needed|said',
    "i'm|im|i_am|i_was asking|asked_you",
    // The reply was wrong ("that's not right", "I asked about X"), added 2026-12-05 with nearest-example answers.
    'i asked about|for|where|when',
    // a correction right after a reply: "no, not the collection day, the stickers" (dev4 repeated-failure misses, 2026-12-06)
    'no * i mean|meant|said the|about|where|when|how',
  ],
  sentiment: {
    negative: [
      'disappointed|disappointing|disappointment|unhappy|dissatisfied|displeased|annoyed|annoying|frustrated|frustrating|frustration|upset|irritated|irritating|bothered|confusing|terrible|awful|horrible|dreadful|poor|bad|lousy|unfair|inconvenient|complicated|mess|messed',
      'not happy|satisfied|pleased|ok|okay|good|acceptable|fair',
      'waste|wasting|wasted of? time|my_time',
      'waited|waiting|wait * hour|hours|forever|ages|so_long|too_long',
      'taking|takes|took too|so long',
      'sucks|suck',
      'what the hell|heck',
      'damn|dammit|damned|darn|bloody|crap|crappy|freaking|frigging|effing',
      'nothing works|worked',
    ],
    anger: [
      'angry|furious|outraged|outrageous|ridiculous|unacceptable|unbelievable|absurd|disgusted|disgusting|disgrace|disgraceful|appalling|appalled|infuriating|livid|pissed|incompetent|incompetence|pathetic|shameful|scandalous|insane|insulting|worst|hate|rude|nonsense',
      'fed up',
      'sick and? tired',
      "sick of|sick_of_it|had_enough|i've_had_enough|enough_is_enough",
      'what|wtf the fuck',
      'this|it is|was a joke|scam|rip-off|ripoff|rip_off',
      'how dare',
      'useless|hopeless|unbelievable',
      'shut up',
    ],
    distress: [
      'desperate|scared|frightened|terrified|panic|panicking|panicked|crying|cry|tears|anxious|overwhelmed|stressed|stressful|helpless|hopeless|devastated|heartbroken|miserable|lonely',
      "don't|dont|do_not know what to do anymore|now|$",
      `${CANT} cope|take_it_anymore|go_on|handle_this|sleep`,
      'at my wits|wit\'s end',
      'worried sick',
      'so|very|really|too|terribly afraid',
      'afraid for|of my|for_my_life',
      'please please',
      'begging you',
      // tears that will not stop, shaking hands, a blank head, cannot cope any more (dev5/dev6 grief and overwhelm, 2026-12-06)
      `${CANT} stop shaking|crying|think_straight`,
      "my hands are|keep|won't_stop|wont_stop shaking",
      `i|i_just ${CANT} do_this_anymore|do_it_anymore|cope_anymore`,
      "i'm|im|i_am falling apart",
    ],
    profanity: [
      'fuck|fucking|fucked|fucker|fuckin|fck|fcking|fk|fking|f-ing|motherfucker|shit|shitty|bullshit|goddamn|goddamned|goddam|asshole|arse|bastard|bitch|piss|pissed|wtf|ffs|stfu|bollocks|screw_you|screw_this|idiot|idiots|stupid|moron|morons',
      'hell no',
      'to hell',
    ],
    positive: [
      'thank|thanks|thx|thankyou|appreciate|appreciated|great|excellent|perfect|wonderful|awesome|fantastic|helpful|brilliant|lovely|amazing|glad',
      'very|really|so nice|good|kind_of_you',
    ],
  },
  sensitive: {
    billing_dispute: [
      'overcharged|overcharge|overbilled|double-charged|double_charged|double_billed|wrongly_charged',
      'charged|billed me? twice|too_much|wrongly|incorrectly|the_wrong|for_something|without',
      'wrong|incorrect|mistaken|unexpected|unfair|disputed|strange|unknown charge|charges|bill|billing|invoice|amount|fee|fees|payment|tax_bill',
      'dispute|disputing|contest|contesting|challenge|appeal * charge|charges|bill|invoice|fee|fees|payment|tax',
      'refund|refunds|refunding|refunded|reimburse|reimbursed|reimbursing|reimbursement|reimbursements|restitution|restitutions|compensation|compensations|rebate|rebates|rebating|repayment',
      'money|payment back',
      'payment|payments|paying|billing|charge|transaction error|errors|issue|issues|problem|problems|trouble|failed|failure|declined|rejected|bounced',
      'error|errors|issue|issues|problem|problems|trouble|troubles|mistake with|in|on|about|of * payment|payments|paying|bill|billing|invoice|charge|charges',
      'report|notify|inform * error|errors|issue|issues|problem|problems|trouble * payment|payments|online_payment',
      `${CANT} make|complete|process * payment|payments`,
    ],
    complaint: [
      // wants it on record how a clerk treated someone ("I'd like that put on record somewhere", dev17 en-d17-e10, 2026-12-07)
      'put|get|have|place that|it|this on_record|on_file',
      'was|were very|really|quite|so? short|curt|dismissive|abrupt with|to my|me|us|him|her',
      'complaint|complaints|complain|complaining|complained|grievance|grievances|reclamation|reclamations',
      'file|filing|lodge|lodging|make|making|submit|submitting|raise|raising|open|opening|register|registering|put_in * claim|claims',
      'customer|consumer claim|claims',
      'claim|claims against',
      'report * staff|employee|clerk|officer|worker|behaviour|behavior|conduct',
      'staff|employee|clerk|officer|worker|they|he|she was|were|is|are rude|impolite|disrespectful|unprofessional|racist|insulting',
      'treated * badly|unfairly|rudely|disrespectfully',
      'formal|official complaint|objection|protest',
    ],
    cancellation: [
      // a paid-up service stopped ("how do we stop it and get the rest back?", the green bin service; dev17 en-d17-e11, 2026-12-07)
      're: (?:stop|end|cancel) (?:it|the service|the subscription|the collection)(?: \\S+){0,4} (?:get|have) (?:the rest|the remainder|the balance|the money|our money|my money) back ',
      'cancel|cancelling|canceling|cancelled|canceled|cancellation|cancelation|cancelations|cancellations|terminate|terminating|termination|terminations|close|closing|closure|delete|deleting|deletion|remove|removing|removal|deactivate|deactivating|unsubscribe * order|orders|purchase|purchases|subscription|subscriptions|contract|contracts|membership|account|accounts|service|plan|policy|application|permit|license|licence|lease|enrollment|enrolment',
      'order|purchase|subscription|contract|membership|account|accounts|plan|lease|user|profile cancellation|cancelation|termination|deletion|removal|closure|cancellations|cancelations|terminations|deletions|removals|closures',
      'account|profile|user|membership|subscription|order|purchase * cancel|delete|close|remove|terminate|deactivate|cancelling|canceling|deleting|closing|removing it|this|that|them',
      "don't|dont|do_not|no_longer want|need * order|purchase",
      'end|withdraw|withdrawing my|the|our application|membership|contract|subscription|lease|enrollment',
      // a marriage notice or an application already filed, withdrawn or undone (dev5/dev6 cancellation misses, 2026-12-06)
      'withdraw|withdrawing|retract|call_off my|our|the notice_of_marriage|notice|banns|wedding|marriage|application|registration',
      'stop it|the_wedding|the_marriage going_ahead',
    ],
    account_access: [
      'locked|lock|shut out|out_of of? my? account|profile|login',
      "i'm|im|i_am|i_got|got|i've_been|been locked|shut out",
      `${CANT} log|sign in|into|on|access|login|get_into|open`,
      `${CANT} access|open|get_into|login_to * account|profile|portal|email|online`,
      'forgot|forgotten|lost|reset|recover|recovering|recovery * password|pin|passcode|login|username|credentials',
      'password|pin|login|username|credentials * not working|doesn\'t_work|doesnt_work|wrong|expired|incorrect|reset',
      'account|profile * locked|blocked|suspended|frozen|hacked|compromised|disabled|closed_without',
      'hacked|hijacked|compromised|stolen * account|profile|identity|password|email',
      'identity theft|stolen',
      'someone|somebody * into|accessed|using * my account|profile|identity',
    ],
    legal: [
      // an attorney, not a power of attorney (an instrument for acting for someone: "I hold lasting power of attorney for my
      // mother"; dev15 en-d15-n17, 2026-12-07)
      're: (?<!power of |powers of |letter of )attorneys? ',
      'lawyer|lawyers|solicitor|lawsuit|lawsuits|litigation|suing|sued|subpoena|eviction|evicted|evict|deportation|deported|discrimination|discriminated|discriminating|harassment|harassed|custody|restraining_order|injunction',
      'sue you|them|the_city|the_office|him|her|for|over',
      'legal action|advice|aid|help|problem|problems|issue|issues|matter|dispute|proceedings|representation|rights|case|trouble',
      'court|tribunal case|order|date|hearing|summons|ruling|decision',
      // a lock-out by the landlord ("he changed the locks yesterday while i was at work"; dev14 en-d14-e26, 2026-12-07)
      're: (?:he|she|they|landlord|landlady|owner|agent) (?:has |have |just |went and )?(?:changed|swapped|replaced) the locks? ',
      'go|going|take|taking * to court',
      'police report|complaint|case|record',
      'my|our rights',
      'against the law',
      'illegal|illegally|unlawful|unlawfully',
    ],
    medical: [
      'warfarin|insulin|blood_thinner|blood_thinners|inhaler|epipen|nitro_spray|double_dose|extra_dose|missed_dose',
      `${IM}|is|he's|she's|he_is|she_is|getting|got|fell|feel|feels sick|ill|unwell|nauseous|dizzy|faint|feverish`,
      'i|we|he|she|they|my_child|my_son|my_daughter|my_mother|my_father|my_wife|my_husband need|needs|have_to_see|must_see|want_to_see to_see|to_go_to|to_get_to? a|the? doctor|hospital|nurse|medicine|medication|my_medicine|my_medication|clinic',
      'prescription|prescriptions|surgery|diagnosis|diagnosed|chemotherapy|therapist|psychiatrist|psychologist|hospitalized|hospitalised',
      'mental health|illness|breakdown',
      'depression|depressed|anxiety_disorder|ptsd|cancer|diabetes|diabetic|epilepsy|miscarriage|disease|hiv|tumor|tumour',
      'health problem|problems|issue|issues|condition|conditions',
    ],
    financial: [
      // going without heating, leaving the bills unopened ("We've had the heating off since October … I've stopped
      // opening the brown envelopes", dev17 en-d17-e26, 2026-12-07)
      'had|have|kept|keeping|got the heating off',
      'stopped|stop|not opening * brown_envelopes|envelopes|bills|letters',
      // a fee asked to be paid in parts, and a blood thinner or insulin dose in doubt (dev10, 2026-12-07)
      'pay|paying|split it|this|that|the_fee in bits|instalments|installments|parts|stages',
      // "paying the council tax in smaller bits cause i had my hours cut" (dev13 en-d13-e15, 2026-12-07)
      'pay|paying * in smaller|small|little bits|chunks|instalments|installments',
      'pay|paying * in smaller amounts|sums',
      'down to my? last|about * quid|pounds|dollars|euros till|until payday',
      'debt|debts|indebted|arrears|bankrupt|bankruptcy|insolvent|insolvency|foreclosure|repossessed|repossession|garnished|garnishment|fraud|fraudulent|embezzlement|scammed|defrauded',
      "in debt|the_red|arrears",
      'i|we owe|owing * money|back_taxes',
      `${CANT}|can_no_longer|no_longer afford|pay|make_ends_meet`,
      "don't|dont|do_not|no have|have_any enough? money",
      'financial difficulty|difficulties|hardship|trouble|problem|problems|aid|assistance|help|crisis|situation',
      'money problem|problems|trouble|troubles|worries',
      'unpaid|overdue * tax|taxes|bill|bills|rent|payment|payments',
      'lost my job',
      'public_assistance|social_assistance|welfare_benefits|livelihood_protection',
      'payday|high-interest loan|loans',
      'loan shark|sharks',
    ],
  },
  safety: {
    emergency: [
      // a small child missing right now: safety, staff alerted (MISSING_CHILD_GROUP in scope.ts)
      "re: (?<missingchild>(?:little|small|young|tiny) (?:boy|girl|kid|child|toddler|one)(?=(?: \\S+){0,10} (?:crying|sobbing|wandering|screaming) )(?=(?: \\S+){0,14} (?:on (?:his|her|their) own|all alone|alone|by (?:him|her|them)self|no (?:parents?|mum|mom|adults?)) )) ",
      // "my little boy was right here at the photo booth and now hes gone" (dev17 en-d17-e16, 2026-12-07)
      "re: (?<missingchild>(?:my|our) (?:son|daughter|kid|child|little boy|little girl|boy|girl|toddler|little one)(?: \\S+){0,12} (?:now )?(?:he's|hes|he is|she's|shes|she is) (?:gone|nowhere|not here|disappeared|vanished)) ",
      "re: (?<missingchild>(?:can't|cant|cannot|can not) find|lost sight of|have you seen|has anyone seen) (?:my|our) (?:son|daughter|kid|child|little boy|little girl|boy|girl|toddler|grandson|granddaughter|little one) ",
      "re: (?<missingchild>(?:my|our) (?:son|daughter|kid|child|little boy|little girl|toddler|grandson|granddaughter|little one) (?:(?:is|'s|has gone|went) missing|(?:has|'s|just) (?:disappeared|vanished|run off|ran off|wandered off)|is nowhere))",
      // "my little girl was right here at the ticket machine a second ago and now..." (dev6, 2026-12-06)
      "re: (?<missingchild>(?:my|our) (?:son|daughter|kid|child|little boy|little girl|toddler|grandson|granddaughter|little one) was (?:right |just )?(?:here|there|next to me|beside me|with me)(?: \\S+){0,8}? (?:a (?:second|sec|minute|moment) ago|just now)(?=(?: \\S+){0,12} (?:gone|can't see|cant see|cannot see|can't find|cant find|cannot find|disappeared|vanished|where is) )) ",
      'emergency|emergencies|ambulance|paramedic|paramedics',
      'call|get|phone 911|999|112|119|110|000|an_ambulance|the_police|police|the_fire_department|fire_department|a_doctor|security',
      "there's|there_is|theres a fire|gas_leak|fight|bomb",
      'a fire in|on|near|at|upstairs|downstairs',
      'on fire',
      'fire fire',
      '^ fire $',
      'smell smoke|gas|burning',
      'smoke coming|pouring|billowing|rising|everywhere',
      "there's|theres|there_is|lots_of|so_much|black|thick smoke",
      'full of smoke',
      'gas leak',
      'heart attack',
      'having a stroke|seizure',
      'seizure|overdose|overdosed|unconscious|unresponsive|choking',
      'collapsed|fainted|passed_out|not_breathing',
      `${CANT} breathe|breath|breathing`,
      'help help',
      '^ somebody|someone|anyone|anybody help|call please? $',
      '^ somebody|someone|anyone|anybody help me|us please? $',
    ],
    threat: [
      'kill|hurt|shoot|stab|attack|punch|strangle|murder * you|him|her|them|someone|somebody|everyone|everybody|people|myself|yourself|me|us',
      "going_to|gonna|want_to|wanna|i_will|i'll|i'm_going_to die|kill_myself|hurt_myself|end_my_life|end_it_all",
      'suicide|suicidal|self-harm|self_harm',
      'gun|guns|weapon|weapons|firearm|firearms|pistol|rifle|bomb|explosive|explosives',
      'has|have|with|pulled|holding|carrying a|his|her? knife|knives',
      'threaten|threatened|threatening|threatens',
      'following|followed|stalking|watching|chasing me',
      // someone who has stayed behind the visitor since somewhere ("he has been behind me since the bus stop"; dev14 en-d14-e17, 2026-12-07)
      're: (?:has been|have been|has|s been|been|was|were|keeps? being|kept|stayed|stays) (?:right )?behind (?:me|us) (?:since|from|all the way|the whole way|ever since) ',
      'beat|beating up|the_crap|him|her|them|you|me|us|someone|somebody',
      "will|gonna|going_to|i'll|he'll|she'll smash|punch|hit|beat|stab him|her|them|you|me|us|everyone|someone|somebody",
      'smash|wreck|trash everything|the_place',
      'stalker|stalked|abuse|abused|abusing|abusive|violence|violent|assault|assaulted|attacked|mugged|robbed|rape|raped',
      'domestic violence|abuse',
      "i'm|im|i_am|we're|we_are|i_feel|feel not_safe|unsafe|in_danger",
      "i|we don't|dont|do_not feel safe",
      'afraid|scared for my life|safety',
    ],
    injury: [
      'injured|injury|injuries|bleeding|wound|wounded|concussion|fracture|fractured|sprained',
      'burned|burnt myself|my_hand|my_arm|my_face',
      'broke|broken|sprained|twisted|hurt|injured my? arm|leg|wrist|ankle|hip|back|head|neck|foot|hand|finger|bone',
      'hit|bumped|banged my|his|her head',
      'i|he|she|someone|somebody|a_man|a_woman|a_child|my_child|my_son|my_daughter|my_mother|my_father|my_wife|my_husband|an_old_man|an_old_woman|an_elderly fell|fallen|slipped|tripped|fainted|collapsed',
      'got|is|was|been|gets|getting hurt|injured',
      'hurt|injured|cut|burned myself|himself|herself|themselves',
      'fell down|over|off',
      "i'm|im|i_am|he's|she's|he_is|she_is|someone_is|they're in pain|hurt|hurting|injured",
      'chest pain|pains',
      'it hurts',
      'allergic reaction',
      'need first aid',
    ],
  },
  vulnerable: {
    vision: [
      `${CANT} see|read well|properly|clearly|screen|the_screen|the_text|text|the_letters|very_well|anything|a_thing`,
      `${SUBJ} blind|visually_impaired|partially_sighted|almost_blind|nearly_blind|going_blind`,
      'low_vision|poor_eyesight|bad_eyesight|bad_eyes|weak_eyes',
      'forgot|lost|without my glasses|reading_glasses',
      'left|forgotten my reading_glasses|glasses at|in',
      `${CANT} make_out * screen|writing|letters|this|anything|much`,
      'text|letters|font|writing * too small',
      'bigger|larger text|font|letters',
    ],
    hearing: [
      `${SUBJ} deaf|hard_of_hearing|hearing_impaired|partially_deaf|going_deaf`,
      `${CANT} hear well|anything|very_well|properly|a_thing`,
      'need|needs|use|uses|with a? sign_language|sign_language_interpreter|hearing_aid',
    ],
    mobility: [
      `${SUBJ}|i_use|i'm_in|in|uses|my * wheelchair`,
      'wheelchair user',
      `${CANT} walk|stand|climb|use_the_stairs * far|long|much|well|anymore|stairs|steps|$`,
      'crutches|walking_frame|walking_stick|mobility_scooter',
      'use|with|need|my a|an? walker|cane|crutches',
    ],
    lost: [
      "i'm|im|i_am|we're|we_are|i_got|we_got|i've_got|i_get|i_am_getting|i'm_getting|we_are_getting completely|totally|so|a_bit|very? lost|confused",
      "don't|dont|do_not know where i_am|we_are|to_go",
      'where am i',
      'lost my way',
      // forgot the errand, a minor stating their age or school year (dev3 vulnerable misses, 2026-12-06)
      "forgot|forgotten|can't_remember|cant_remember|don't_remember what|why i_came|i_came_in|i_came_here|i'm_here|im_here|it_was|i_was_meant|i_was_supposed",
    ],
    child: [
      `lost|missing ${FAMILY}`,
      `${CANT} find my ${FAMILY}|mother|mom|mum|father|dad|parents|wife|husband`,
      `my ${FAMILY} is|are|got|has * lost|missing|gone|alone|crying|sick|hurt|with_me`,
      "i'm|im|i_am a|only? child|kid|minor|years? 5|6|7|8|9|10|11|12|13|14|15|16",
      "i'm|im|i_am 5|6|7|8|9|10|11|12|13|14|15|16 years|yrs? old",
      'under 18|16',
      "i'm|im|i_am in year|grade 5|6|7|8|9",
      'unaccompanied minor|child',
      'where is|are my mom|mum|dad|mother|father|parents',
    ],
    elderly: [
      "i'm|im|i_am 70|71|72|73|74|75|76|77|78|79|80|81|82|83|84|85|86|87|88|89|90|91|92|93|94|95|96|97|98|99|100 years|yrs? old?",
      "i'm|im|i_am old|elderly|very_old|too_old|a_pensioner|a_senior|a_senior_citizen|retired_and",
      'elderly|old|aged mother|father|mom|mum|dad|man|woman|lady|gentleman|person|parent|parents',
      'my grandmother|grandfather|grandma|grandpa|granny',
      'senior citizen',
      "too old|not_good for this|with_computers|with_technology|to_use",
      `${CANT} use|understand * machine|machines|computer|computers|touchscreen|screen|technology|these_things`,
    ],
    disability: [
      `${SUBJ} disabled|handicapped|autistic|impaired|a_wheelchair_user`,
      `${HAVE} * disability|disabilities|handicap|impairment|dementia|alzheimer|alzheimers|alzheimer's|autism|down_syndrome|learning_difficulty|learning_difficulties|special_needs`,
      'guide|service|assistance dog',
      'my carer|caregiver|care_worker|helper|support_worker|key_worker',
      // reading not being their strength ("i dont really do reading that well", dev17 en-d17-e27, 2026-12-07)
      "i don't|dont|do_not really? do reading|read|writing that|very|so? well|good",
      // a tremor or a stroke that makes the screen hard to use ("my hand is shakey since the stroke and i keep
      // hitting wrong things on here", dev16 en-d16-e27, 2026-12-07)
      'my hand|hands * shaking|shaky|shakey|trembling|tremor|trembles|shakes',
      'since|after the|my stroke',
      "i_have|i've_got|ive_got|i_got parkinson|parkinsons|parkinson's",
    ],
    literacy: [
      // a visitor who says their command of the local language is poor, or that they understand nothing written (dev10, 2026-12-07)
      "my portuguese|spanish|japanese|french|german|korean|chinese|mandarin|italian is|isn't|s very|really|so|too? bad|poor|weak|limited|terrible|not_good|not_very_good|not_great",
      `${DONT} understand * what_is_written|what's_written|nothing_written|the_screen|the_menu|the_signs`,
      `${CANT} read|write * or|and|well|this|japanese|kanji|the_form|forms|it|$`,
      'illiterate',
      `${DONT} understand|read|speak * japanese|kanji|the_language|the_form|anything|this_form|these_forms`,
      'help me fill|filling * form|forms|application',
      // the friend who usually translates is not here ("Usually my friend come with me for translate", dev18 en-d18-e27, 2026-12-08)
      're: (?:come|comes|came|coming|go|goes) with me (?:for|to) (?:translate|translating|translation|interpret) ',
      're: i (?:not|no|don\'t|dont) understand (?:what|this|the) (?:mean|means|paper|letter) ',
    ],
  },
  policyException: {
    fee_waiver: [
      'waive|waiving|waived|waiver|exempt|exemption|exempted * fee|fees|charge|charges|payment|fine|fines|penalty|penalties|tax|cost',
      'fee|fees|charge|fine|penalty waiver|waived|exemption|exempt',
      "not|without|don't_have_to|dont_have_to|skip pay|paying * fee|fees|charge|fine|penalty",
      'for free|free_of_charge|no_charge just|this_time|please|instead',
      'let me off',
      // late, asked to be added anyway: "can you just pop us on the list anyway?" (dev6, 2026-12-06)
    ],
    deadline_extension: [
      'extend|extending|extension|postpone|postponing|defer|deferral|delay|push_back * deadline|due_date|period|time_limit|payment|submission|date',
      'missed|miss|passed|past|after|over * deadline|due_date|time_limit',
      'more time to|for pay|submit|file|apply|finish|prepare',
      'grace period',
      'late submission|application|filing|payment|registration',
      'submit|file|pay|apply|register * late',
      // a deadline told, then asked whether it will still be taken ("it's meant to be within 42 days ... will they still take it
      // today?", "was due last friday ... any chance it can still go through"; dev14 / dev15 en-e23, 2026-12-07)
      're: (?:deadline|due|within \\S+ (?:days|weeks|months)|late|overdue|expired|closed|past)(?: \\S+){0,30}? (?:still|anyway) (?:take|accept|process|count|go through|be accepted|be processed|be ok|be okay|be fine|squeeze|sneak) ',
    ],
    rule_exception: [
      // late, asked to be added anyway: "can you just pop us on the list anyway?" (dev6, 2026-12-06)
      'put|pop|add|squeeze|sneak|slot|fit us|me on * list|register|rota anyway|regardless',
      'make|grant|allow|give * exception|exemption',
      'special permission|approval|case|treatment|consideration|arrangement|circumstances',
      'bend|break|ignore|skip|bypass|override * rule|rules|policy|procedure|queue|line',
      'just this once|time',
      'exception for me|us|my_case',
      'let me skip|cut * line|queue|wait',
    ],
    discount: [
      'discount|discounts|discounted|reduction|reduced|concession|concessions',
      'get|make|do|have it|this|that? cheaper|for_less',
      'reduce|lower|lowering|decrease|cut * fee|fees|price|cost|tax|taxes|payment|amount|bill',
      'pay less',
    ],
  },
  restrictedAction: {
    refund: [
      'refund|refunds|refunding|refunded|reimburse|reimbursed|reimbursement|reimbursements|restitution|compensation|compensations|rebate|rebates|repay|repayment',
      'money back',
      'give|pay|send me? back my? money|the_money|the_fee|payment',
    ],
    record_change: [
      `change|changing|correct|correcting|correction|fix|fixing|amend|amending|amendment|alter|altering|edit|editing|modify|modifying|update_my_official * ${RECORD}`,
      `${RECORD} is|are|has * wrong|incorrect|mistake|error|errors|mistakes|outdated`,
      `wrong|incorrect|mistake|mistakes|error|errors in|on * ${RECORD}|certificate|my_certificate|file|data`,

      // asks the assistant itself to change a record in the system (dev4 misses, 2026-12-06)
      `re: (?:can|could|would|will) you (?:just |please |quickly |not )?(?:pop|put|update|change|correct|fix|amend|add|enter|switch|edit|delete|remove|take)(?: \\S+){0,6} (?:on|in|to|into|from|off) (?:my|the|your) (?:account|record|records|file|system|database|details|computer)`,
      `re: (?:update|change|correct|fix|amend|edit|delete|remove)(?: \\S+){0,5} (?:in|on) (?:your|the) (?:system|computer|database|records) (?:for me|yourself|now|please|directly|right now)`,
    ],
    data_deletion: [
      `delete|deleting|deletion|erase|erasing|erasure|remove|removing|wipe|wiping|destroy|purge * my|our|personal|all * ${DATA}`,
      'right to be? forgotten|erasure',
      'gdpr|data_protection request|request|rights|officer',
      'stop storing|keeping|using * my * data|information',
    ],
    identity_verification: [
      'power|letter of attorney',
      'on behalf of',
      'proxy|authorization_letter|authorisation_letter|letter_of_authorization|delegation',
      "someone else's|somebody_else's|another_person's|my_husband's|my_wife's * certificate|record|records|data|documents|card|account",
      "without|don't_have|dont_have|do_not_have|didn't_bring|didnt_bring|forgot|no my|an|a|any? id|identification|id_card|photo_id|passport|residence_card",
    ],
    payment: [
      'card|credit_card|debit_card number|details|pin|security_code',
      'cvv|cvc',
      'charge|debit my card|credit_card|debit_card',
      'take my payment',
      'pay you|it_here_now|here_now|at_this_machine|through_you|through_the_kiosk',
      'here is|here\'s|heres my card|credit_card|bank_details',
    ],
  },
};
