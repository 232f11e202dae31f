/**
 * Words that look like triggers in routine turns (sentences written for these tests, not taken from
 * any evaluation set), each with a twin where the trigger is real.
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';

const { codesOf } = engineKit();

describe('trigger words in routine turns', () => {
  it.each([
    ["Bit of an emergency here, I'm bursting for the loo. Which floor are the toilets on?", 'en'],
    ["le stationnement en arrière de la mairie c'est-tu gratuit", 'fr'],
    ['Grüß Gott. Meine Frau möchte ihren Personalausweis verlängern, brauchen wir ein Foto?', 'de'],
    ['wo ist hier der aufzug, bin im rollstuhl unterwegs', 'de'],
    ['아 직원 연결은 됐고요 주차장 어디예요', 'ko'],
    ['인감증명서가 아파트 매도용인데 따로 적어야 하는 게 있나요?', 'ko'],
    ['o wifi daqui é de graça ou tem que pagar alguma coisa?', 'pt'],
    ['我同事上周来办户口迁出，被工作人员说了一顿，说是材料不全，那迁出要带什么？', 'zh'],
    ['앞집 할아버지가 인감은 주민센터에서 된다고 그러시던데 여기서도 돼요?', 'ko'],
  ] as const)('%s (%s) is routine', (text, lang) => {
    expect(codesOf(text, lang)).toEqual([]);
  });

  it.each([
    ['emergency! my husband collapsed by the loo', 'en', 'safety'],
    ["j'ai des arriérés de loyer, je ne peux pas payer", 'fr', 'sensitive_topic'],
    ['Ich möchte mit dem Personal sprechen', 'de', 'explicit_request'],
    ["I'm in a wheelchair and I can't reach the ticket machine, can someone help?", 'en', 'vulnerable_visitor'],
    ['직원 연결해 주세요', 'ko', 'explicit_request'],
    ['누가 제 명의를 도용했어요', 'ko', 'sensitive_topic'],
    ['o senhor não consegue fazer essa certidão de graça pra mim, só desta vez?', 'pt', 'policy_exception'],
    ['能不能叫工作人员过来一下', 'zh', 'explicit_request'],
    ['할아버지가 글씨를 못 읽으셔서 같이 왔어요 좀 도와주세요', 'ko', 'vulnerable_visitor'],
    ['不好意思，有個男的從公車站就一直跟在我後面，現在坐在我後面看著我', 'zh', 'safety'],
  ] as const)('%s (%s) is %s', (text, lang, code) => {
    expect(codesOf(text, lang)).toContain(code);
  });
});
