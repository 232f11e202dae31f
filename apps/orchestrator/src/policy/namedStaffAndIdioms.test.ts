/**
 * Rules chosen on the fourteenth development set (2026-12-07), each with sentences written for
 * these tests (not taken from any evaluation set) and a twin that must stay as it is: a named
 * clerk asked after in other words, said-idioms that are no reported speech, "我妈的" (my mum's),
 * and lexicon forms for being followed, a lock-out, failing eyesight and never having learnt to read.
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';
import { dropHedges } from './scope.ts';
import { hasScope } from './model/features.ts';

const { converse } = engineKit();
const codes = (lang: string, ...lines: string[]) => converse(lang as never, ...lines).decision.reasons.map((r) => r.code);

describe('a named clerk asked after in other words is a request for that person', () => {
  it.each([
    ['en', 'Any idea if Mrs Okafor is in this morning? She started my housing benefit form.'],
    ['en', "Could you check whether Dr Patel's around at the moment"],
    ['de', 'Frau Brandt hat meinen Antrag angefangen. Sitzt sie heute da?'],
    ['de', 'Sitzt Herr Kowalski heute am Schalter?'],
    ['ja', '前回は田中さんに見てもらったんですが、田中さん、今日はいらっしゃいますか'],
    ['es', 'Buenas, quería ver si el licenciado Ramírez de catastro me puede recibir un ratito'],
  ])('[%s] %s', (lang, text) => {
    expect(codes(lang, text)).toContain('explicit_request');
  });

  it.each([
    ['en', "Mr Evans's in charge of the pension desk, isn't he? Which floor is that on?"],
    ['de', 'Mein Ausweis ist abgelaufen, sitzt man dafür im ersten Stock?'],
    ['es', 'El licenciado me dijo que el certificado se puede pagar con tarjeta, ¿es así?'],
  ])('[%s] %s is no request', (lang, text) => {
    expect(codes(lang, text)).not.toContain('explicit_request');
  });
});

describe('a said-idiom is the speaker\'s own voice, not reported speech', () => {
  it.each([
    ['de', 'Ehrlich gesagt mag ich diese Bildschirme nicht.'],
    ['de', 'Wie gesagt, ich brauche die Bescheinigung heute.'],
    ['en', 'That said, I still need the form today.'],
    ['fr', "Cela dit, j'ai encore besoin du formulaire."],
  ])('[%s] %s has no reported-speech scope once the idiom is blanked', (_lang, text) => {
    expect(hasScope(dropHedges(text)).reported).toBe(false);
  });

  it('a clerk who said something is still reported speech', () => {
    expect(hasScope(dropHedges('Die Frau am Empfang hat gesagt, ich soll hier fragen.')).reported).toBe(true);
  });

  it('"offen gesagt ... kann mir nicht einfach jemand helfen?" asks for a person', () => {
    expect(codes('de', 'Offen gesagt komme ich mit dem Gerät nicht klar. Kann mir nicht einfach jemand am Schalter helfen?')).toContain('explicit_request');
  });
});

describe('"我妈的" is "my mum\'s", not the curse "妈的"', () => {
  it('pushing my mum\'s wheelchair is no anger; the curse still is', () => {
    expect(codes('zh', '电梯在哪里？我推着我妈的轮椅')).not.toContain('negative_sentiment');
    expect(codes('zh', '他妈的，又让我重新排队')).toContain('negative_sentiment');
  });
});

describe('lexicon forms (dev14)', () => {
  it.each([
    ['en', 'there is a guy who has been behind me since the train station and he is standing by the lifts now', 'safety'],
    ['en', 'my landlord changed the locks on me last night and my kids school stuff is inside', 'sensitive_topic'],
    ['ja', '目が最近かなり悪くなってて、この画面の字がぼやけて読めないんです', 'vulnerable_visitor'],
    ['de', 'Das Formular bitte nicht mir geben, Lesen hab ich nie so richtig gelernt.', 'vulnerable_visitor'],
  ])('[%s] %s', (lang, text, code) => {
    expect(codes(lang, text)).toContain(code);
  });

  it.each([
    ['en', 'I walked behind the bus to get here, where is the parking office?'],
    ['de', 'Meine Tochter lernt gerade lesen, gibt es hier eine Bücherei?'],
  ])('[%s] %s is routine', (lang, text) => {
    expect(codes(lang, text)).toEqual([]);
  });
});
