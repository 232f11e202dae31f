/**
 * Names of spoken languages as visitors write them in each of the eight conversation languages,
 * normalised as the cue matcher sees text (lowercase, Latin accents folded), for the requests
 * "is there someone who speaks Vietnamese?" (`requestPerson` in each lexicon). The list covers
 * the languages most spoken by residents and visitors of the places the brief names (the eight
 * themselves, the largest migrant and tourist languages, regional languages such as Taiwanese
 * Hokkien, Cantonese, Catalan or Flemish, and sign language). Written by the team (Apache-2.0).
 */
import type { Language } from '@telekiosk/shared';

/** Alternatives joined by `|`, ready for a regex group. */
const alt = (names: readonly string[]) => names.join('|');

/** Per conversation language: the language names a visitor writes in it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: alt([
    'english', 'spanish', 'french', 'german', 'portuguese', 'italian', 'dutch', 'flemish', 'polish', 'romanian', 'ukrainian', 'russian', 'greek', 'turkish',
    'arabic', 'farsi', 'persian', 'dari', 'pashto', 'kurdish', 'urdu', 'hindi', 'punjabi', 'bengali', 'bangla', 'gujarati', 'tamil', 'nepali', 'sinhala',
    'chinese', 'mandarin', 'cantonese', 'japanese', 'korean', 'vietnamese', 'thai', 'tagalog', 'filipino', 'indonesian', 'malay', 'burmese', 'khmer',
    'somali', 'amharic', 'tigrinya', 'swahili', 'yoruba', 'igbo', 'lithuanian', 'latvian', 'albanian', 'serbian', 'croatian', 'bosnian', 'hungarian',
    'czech', 'slovak', 'bulgarian', 'irish', 'welsh', 'gaelic', 'sign language', 'bsl', 'asl', 'auslan',
  ]),
  ja: alt([
    '英語', 'スペイン語', 'フランス語', 'ドイツ語', 'ポルトガル語', 'イタリア語', 'ロシア語', 'ウクライナ語', 'アラビア語', 'トルコ語', 'ペルシャ語', 'ヒンディー語',
    'ネパール語', 'ベンガル語', 'ウルドゥー語', '中国語', '北京語', '広東語', '台湾語', '韓国語', '朝鮮語', 'ハングル', 'ベトナム語', 'べとなむご', 'ベトナムご', 'タイ語',
    'タガログ語', 'フィリピン語', 'インドネシア語', 'ミャンマー語', 'ビルマ語', 'クメール語', 'モンゴル語', 'シンハラ語', 'ポーランド語', '手話', 'やさしい日本語',
    'えいご', 'ちゅうごくご', 'かんこくご', 'ネパールご', 'ポルトガルご', 'スペインご',
  ]),
  es: alt([
    'ingles', 'frances', 'aleman', 'portugues', 'italiano', 'catalan', 'valenciano', 'euskera', 'vasco', 'gallego', 'rumano', 'ucraniano', 'ruso', 'polaco',
    'arabe', 'darija', 'bereber', 'tamazight', 'turco', 'chino', 'mandarin', 'cantones', 'japones', 'coreano', 'vietnamita', 'tagalo', 'filipino', 'hindi',
    'urdu', 'bengali', 'quechua', 'aimara', 'aymara', 'guarani', 'mapudungun', 'nahuatl', 'maya', 'mixteco', 'zapoteco', 'wolof', 'lengua de senas',
    'creole', 'criollo', 'holandes', 'neerlandes', 'griego',
  ]),
  zh: alt([
    '英语', '英語', '英文', '日语', '日語', '日文', '韩语', '韓語', '韩文', '韓文', '法语', '法語', '德语', '德語', '西班牙语', '西班牙語', '葡萄牙语', '葡萄牙語',
    '俄语', '俄語', '阿拉伯语', '阿拉伯語', '越南语', '越南語', '越南话', '越南話', '泰语', '泰語', '印尼语', '印尼語', '菲律宾语', '菲律賓語', '他加禄语',
    '粤语', '粵語', '广东话', '廣東話', '白话', '台语', '台語', '台湾话', '臺灣話', '台灣話', '闽南话', '閩南話', '客家话', '客家話', '上海话', '上海話',
    '普通话', '普通話', '国语', '國語', '维吾尔语', '維吾爾語', '藏语', '藏語', '蒙古语', '蒙古語', '手语', '手語', '缅甸语', '緬甸語', '柬埔寨语',
  ]),
  ko: alt([
    '영어', '일본어', '중국어', '베트남어', '베트남말', '태국어', '필리핀어', '타갈로그어', '러시아어', '우즈베크어', '우즈벡어', '몽골어', '캄보디아어', '크메르어',
    '네팔어', '인도네시아어', '스페인어', '프랑스어', '독일어', '아랍어', '우크라이나어', '카자흐어', '미얀마어', '벵골어', '수어', '수화', '광둥어', '대만어',
  ]),
  fr: alt([
    'anglais', 'espagnol', 'allemand', 'portugais', 'italien', 'neerlandais', 'flamand', 'arabe', 'darija', 'kabyle', 'berbere', 'amazigh', 'turc', 'polonais',
    'roumain', 'ukrainien', 'russe', 'chinois', 'mandarin', 'cantonais', 'japonais', 'coreen', 'vietnamien', 'tamoul', 'ourdou', 'hindi', 'bengali',
    'persan', 'farsi', 'dari', 'pachto', 'lingala', 'wolof', 'bambara', 'peul', 'creole', 'haitien', 'swahili', 'tigrinya', 'somali', 'albanais', 'serbe',
    'langue des signes', 'lsf', 'lsq', 'innu', 'cri',
  ]),
  de: alt([
    'englisch', 'franzosisch', 'spanisch', 'portugiesisch', 'italienisch', 'niederlandisch', 'hollandisch', 'polnisch', 'rumanisch', 'ukrainisch', 'russisch',
    'turkisch', 'kurdisch', 'arabisch', 'persisch', 'farsi', 'dari', 'paschtu', 'albanisch', 'serbisch', 'kroatisch', 'bosnisch', 'bulgarisch', 'ungarisch',
    'tschechisch', 'griechisch', 'chinesisch', 'mandarin', 'kantonesisch', 'japanisch', 'koreanisch', 'vietnamesisch', 'thai', 'tagalog', 'hindi', 'urdu',
    'tamilisch', 'tigrinya', 'somali', 'amharisch', 'romanes', 'gebardensprache', 'ratoromanisch', 'romanisch',
  ]),
  pt: alt([
    'ingles', 'espanhol', 'frances', 'alemao', 'italiano', 'holandes', 'neerlandes', 'ucraniano', 'russo', 'romeno', 'polaco', 'polones', 'arabe', 'turco',
    'chines', 'mandarim', 'cantones', 'japones', 'coreano', 'vietnamita', 'hindi', 'nepali', 'nepales', 'bengali', 'urdu', 'crioulo', 'criolo', 'tetum',
    'guarani', 'quechua', 'libras', 'lingua de sinais', 'lingua gestual', 'haitiano', 'lingala', 'suaili',
  ]),
};
