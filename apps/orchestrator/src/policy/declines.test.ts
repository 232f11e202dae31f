/**
 * A visitor turning down what the assistant just offered (usually a person) and asking on: no
 * push-back on the reply, no out-of-scope streak handed to staff against the refusal (sentences
 * written for these tests, not taken from any evaluation set).
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { declinesOffer } from './conversation.ts';
import { engineKit } from '../../test/engineKit.ts';

const { converse } = engineKit();
const decide = (language: Language, ...lines: string[]) => converse(language, ...lines).decision;

describe('declining the offer of a person', () => {
  it.each([
    ['es', '¿Dónde se llevan las pilas usadas?', 'A: Si quiere, puedo avisar a alguien del personal para que se lo explique.', 'V: no no, qué va, no hace falta, dígame solo si van al punto limpio'],
    ['ja', '住民票のことで聞きたいんですが', 'A: 担当の職員におつなぎすることもできます。おつなぎしましょうか？', 'V: いえいえ、そこまでじゃないです。土曜日も取れるのか知りたいだけです'],
    ['pt', 'quero entender esse negócio de inscrição de autônomo', 'A: Quer que eu chame um funcionário?', 'V: não precisa não, relaxa. só me diz se dá pra fazer por aqui'],
    ['en', 'where do old paint tins go', 'A: I can ask a member of staff to explain the options, would you like that?', "V: no, it's fine, just tell me if the recycling centre takes them"],
  ] as [Language, string, string, string][])('[%s] turning down the offer and asking on does not escalate', (lang, first, offer, second) => {
    const d = decide(lang, `V: ${first}`, offer, second);
    expect(d.escalate, JSON.stringify(d.reasons)).toBe(false);
  });

  it('a refusal is only a decline right after an offer or a question; "no" pushing back on an answer still counts', () => {
    expect(declinesOffer('no hace falta, gracias', '¿Quiere que le comunique con un miembro del personal?')).toBe(true);
    expect(declinesOffer('no hace falta, gracias', 'Si lo prefiere, puedo avisar a una persona del personal.')).toBe(true);
    expect(declinesOffer('no hace falta, gracias', 'El punto limpio abre de 9 a 14.')).toBe(false);
    expect(declinesOffer("no, that's not what I asked", 'Would you like me to connect you with a staff member?')).toBe(false);
  });

  it('declining and then asking for a person after all still escalates', () => {
    const d = decide('en', 'V: where do old paint tins go', 'A: Would you like me to connect you with a staff member?', "V: no it's fine", 'A: Is there anything else I can help with?', 'V: actually yes, please get me someone from waste services');
    expect(d.reasons.map((r) => r.code)).toContain('explicit_request');
  });
});
