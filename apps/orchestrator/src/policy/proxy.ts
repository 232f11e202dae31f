/**
 * Errands run for someone else: a vulnerable-visitor cue about a person the visitor acts for (on
 * their behalf, with their authorisation) is about someone who is not here (see `hybrid.ts`).
 */
import { matchForm } from '../intake/lexicon.ts';
import { locateCjk } from './scope.ts';

/**
 * Words of an errand run for someone else (on their behalf, with their authorisation), per
 * script: Latin-script phrases on the folded text (lower case, no accents), CJK words on the raw
 * text. "Vengo en nombre de mi madre, que tiene noventa y un años", "我代她开具", "母の代わりに",
 * "어머니 대신". Chosen on dev8 zh-d8-n15 (2026-12-07).
 */
const PROXY_LATIN = new RegExp(
  [
    'on behalf of', 'on (?:her|his|their) behalf', '(?:get|collect|pick up|fetch|apply|request|order|renew)\\w* (?:\\S+ ){0,6}?for (?:him|her|them)', 'as (?:her|his|their) proxy', 'power of attorney', 'letter of authori[sz]ation', 'authori[sz]ation (?:letter|form)',
    'en nombre de', 'de parte de', 'en representacion de', 'autorizacion firmada', 'poder notarial', 'apoderad[oa]',
    'au nom de', 'de la part de', 'procuration', 'mandataire',
    'im auftrag', 'in vertretung', 'vollmacht', 'bevollmachtigt\\w*',
    'em nome d[aoe]', 'da parte d[aoe]', 'procuracao', 'procurador[a]?',
  ].map((p) => `\\b${p}\\b`).join('|'),
  'u',
);
const PROXY_CJK = /代她|代他|替她|替他|帮她|幫她|帮他|幫他|代办|代辦|代为|代為|代理|委托|委託|授权|授權|代わりに|かわりに|委任状|대신|대리|위임장/u;

/** True when `text` tells of an errand run for someone else who is not here ({@link PROXY_LATIN}, {@link PROXY_CJK}). */
export function proxyErrand(text: string): boolean {
  return PROXY_CJK.test(text) || PROXY_LATIN.test(matchForm(text, 'spaced'));
}

/**
 * A question whether someone must come or act in person (Latin script, folded text): a modal of
 * obligation, then within six words a word for "in person". "o ha de hacerlo él personalmente?",
 * "muss er persönlich kommen?", "does she have to come in person?", "ela precisa vir
 * pessoalmente?", "doit-il venir en personne ?".
 */
const IN_PERSON_REQUIRED_LATIN = new RegExp(
  `\\b(?:must|have to|has to|need to|needs to|required to|ha de|han de|tiene que|tengo que|tienen que|hay que|debe|debo|deben|muss|musst|mussen|doit|dois|doivent|faut|tem que|tenho que|precisa|preciso|deve|devo)\\b\\S*(?: \\S+){0,6}? (?:in person|personally|personalmente|en persona|presencialmente|persönlich|personlich|en personne|personnellement|pessoalmente|em pessoa)\\b`,
  'u',
);
/** CJK: 本人が来ないと / 本人が行かなければ / 亲自来吗 / 本人到场吗 / 본인이 직접 와야. */
const IN_PERSON_REQUIRED_CJK = /本人(?:が|も)?(?:直接)?(?:来|行|出向|窓口)[^。？?]{0,8}(?:必要|なければ|ないと|なきゃ|ですか|ますか|でしょうか)|(?:亲自|親自|本人)(?:来|去|到场|到場|过来|過來)[^。？?]{0,6}(?:吗|嗎|么|麼)|(?:必须|必須|一定要|得|要)(?:本人)?(?:亲自|親自|本人)|(?:본인이|직접)\s?(?:직접\s?)?(?:와야|가야|방문해야|와야만|신청해야)/u;

/**
 * True when `text` asks whether someone must come or act in person ({@link IN_PERSON_REQUIRED_LATIN},
 * {@link IN_PERSON_REQUIRED_CJK}): a question about an errand, never a request for a person now,
 * so a request the classifier adds on its own needs the cut used for reported speech (`hybrid.ts`;
 * dev9 es-d9-n16 scored 0.77, 2026-12-07). Asking to talk to someone in person has no modal of
 * obligation ("quero falar pessoalmente com alguém") and is not matched.
 */
export function inPersonRequirement(text: string): boolean {
  if (IN_PERSON_REQUIRED_CJK.test(text) && !TALK_TO_SOMEONE_CJK.test(text)) return true;
  const m = IN_PERSON_REQUIRED_LATIN.exec(matchForm(text, 'spaced'));
  return !!m && !TALK_TO_SOMEONE_LATIN.test(m[0]);
}

/** Talking to someone between the modal and "in person" makes it a request: "I need to speak to someone in person". */
const TALK_TO_SOMEONE_LATIN = /\b(?:speak|talk|chat|see|meet|someone|somebody|anyone|hablar|conversar|platicar|alguien|sprechen|reden|jemand\w*|parler|discuter|voir|rencontrer|quelqu ?un|falar|conversar|alguem)\b/u;
/** The CJK counterpart of {@link TALK_TO_SOMEONE_LATIN}. */
const TALK_TO_SOMEONE_CJK = /話し|相談|说话|說話|谈|談|聊|얘기|이야기|상담|말씀/u;

/** The Chinese pronouns for he/she/they (both scripts). */
const ZH_THIRD_PERSON = /(?:他|她|他们|她们|他們|她們)(?:的)?$/u;

/**
 * True when the CJK cue `phrase` in `text` comes right after a Chinese third-person pronoun
 * ("她年纪大了", "他的年纪大"): the cue describes someone else. False for Latin-script text.
 */
export function thirdPersonBefore(text: string, phrase: string): boolean {
  const at = locateCjk(text, phrase);
  return !!at && ZH_THIRD_PERSON.test(at.form.slice(Math.max(0, at.at - 4), at.at));
}

/**
 * A relative, neighbour or friend as the subject of what is told (Latin script: a possessive and
 * the relation, folded: "o meu marido", "my husband", "ma voisine", "mein Mann"; ja/ko: the
 * relation with a subject or topic particle, "主人が", "남편이"; zh: the relation word, "我老公").
 */
const OTHER_PARTY_LATIN =
  /\b(?:my|our|mon|ma|mes|notre|nos|mi|mis|nuestro|nuestra|meu|minha|nosso|nossa|mein|meine|meinem|meiner|unser|unsere) (?:husband|wife|partner|mother|mum|mom|father|dad|son|daughter|neighbour|neighbor|friend|brother|sister|mari|femme|conjoint|conjointe|mere|pere|fils|fille|voisin|voisine|ami|amie|frere|soeur|esposo|marido|esposa|mujer|madre|padre|mama|papa|hijo|hija|vecino|vecina|amigo|amiga|hermano|hermana|mulher|mae|pai|filho|filha|vizinho|vizinha|irmao|irma|mann|frau|mutter|vater|sohn|tochter|nachbar|nachbarin|freund|freundin|bruder|schwester|grandmother|grandma|granny|nan|nana|grandfather|grandad|granddad|grandpa|abuela|abuelo|avo|avoa|avozinha|avozinho|grand-mere|grand-pere|mamie|papi|oma|opa|grossmutter|grossvater)\b/u;
/** The CJK counterpart of {@link OTHER_PARTY_LATIN} (match form, no spaces). */
const OTHER_PARTY_CJK =
  /(?:主人|夫|妻|家内|嫁|旦那|母|父|息子|娘|祖母|祖父|隣の人|友人|知人|兄|姉|弟|妹)(?:さん)?(?:が|は|も)|(?:おばあちゃん|おじいちゃん|祖母|祖父)(?:が|は|も)|老公|老婆|丈夫|妻子|爱人|愛人|我爸|我妈|我媽|奶奶|外婆|姥姥|爷爷|外公|儿子|兒子|女儿|女兒|邻居|鄰居|朋友|(?:남편|아내|와이프|엄마|아빠|어머니|아버지|아들|딸|이웃|친구|형|언니|오빠|누나|할머니|할아버지)(?:이|가|은|는|께서|도)/u;

/**
 * True when someone else (a relative, neighbour or friend: {@link OTHER_PARTY_LATIN},
 * {@link OTHER_PARTY_CJK}) stands before the cue `phrase` in its sentence: what the cue names is
 * that person's doing ("O meu marido já apresentou uma reclamação na semana passada",
 * "先週うちの主人が、…苦情を入れまして"), or the cue itself is a relative after a possessive ("mi
 * abuelo"). False when the phrase is not found.
 */
export function otherPartyBefore(text: string, phrase: string): boolean {
  const sentence = text.split(/(?<=[.!?。！？])\s*/u).find((s) => (locateCjk(s, phrase) ?? matchForm(s, 'spaced').includes(matchForm(phrase, 'spaced').trim()))) ?? text;
  const cjk = locateCjk(sentence, phrase);
  if (cjk) return OTHER_PARTY_CJK.test(cjk.form.slice(0, cjk.at));
  const form = matchForm(sentence, 'spaced');
  const bare = matchForm(phrase, 'spaced').trim();
  const at = form.indexOf(bare);
  // The cue may itself name the relative ("vengo con mi abuelo en silla de ruedas": "abuelo" is an
  // elderly cue in Spanish; dev16 es-d16-n11, 2026-12-07): the possessive before it counts.
  return at >= 0 && OTHER_PARTY_LATIN.test(form.slice(0, at + bare.length));
}

const RELATIVE_CUE_LATIN = new RegExp(`${OTHER_PARTY_LATIN.source}$`, 'u');
/**
 * True when the cue `phrase` is itself a relative named with a possessive ("mi abuelo", "ma
 * grand-mère", Latin script): the person the cue names is the visitor's companion or the one an
 * errand is for, not the visitor.
 */
export function relativeCue(text: string, phrase: string): boolean {
  const form = matchForm(text, 'spaced');
  const bare = matchForm(phrase, 'spaced').trim();
  const at = form.indexOf(bare);
  return at > 0 && RELATIVE_CUE_LATIN.test(form.slice(Math.max(0, at - 12), at + bare.length));
}

/** True when `text` names someone else (a relative, neighbour or friend; {@link otherPartyBefore}'s words) anywhere. */
export function namesOtherParty(text: string): boolean {
  return OTHER_PARTY_LATIN.test(matchForm(text, 'spaced')) || OTHER_PARTY_CJK.test(matchForm(text, 'cjk'));
}
