/**
 * Rules chosen on the fourteenth development set (2026-12-07), each with sentences written for
 * these tests (not taken from any evaluation set) and a twin that must stay as it is: a named
 * clerk asked after in other words, said-idioms that are no reported speech, "我妈的" (my mum's),
 * and lexicon forms for being followed, a lock-out, failing eyesight and never having learnt to read;
 * from the fifteenth: more named-clerk forms, exceptions asked with a negated excuse or as a negative
 * question, an elderly cue about a relative, power of attorney, letter salutations.
 */
import { describe, expect, it } from 'vitest';
import { engineKit } from '../../test/engineKit.ts';
import { dropHedges } from './scope.ts';
import { stripSalutation } from './courtesy.ts';
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

describe('more requests for a named or described clerk (dev15)', () => {
  it.each([
    ['fr', "La dernière fois c'est Mme Leroy qui a pris mon dossier, elle m'a dit de revenir avec la facture. Elle est là ce matin ?"],
    ['fr', 'Vous pouvez prévenir le responsable des cartes grises que je suis là ?'],
    ['es', 'Buenas tardes, quisiera que me atendiera la encargada de Padrón, por favor.'],
    ['es', 'El técnico me dijo que subiera cuando tuviera los planos. ¿Cómo le aviso que ya llegué?'],
  ])('[%s] %s', (lang, text) => {
    expect(codes(lang, text)).toContain('explicit_request');
  });

  it('a clerk who was there last time, with no question whether she is in now, is no request', () => {
    expect(codes('fr', "La dernière fois c'est Mme Leroy qui a pris mon dossier. Le guichet 2 ouvre à quelle heure ?")).not.toContain('explicit_request');
  });
});

describe('an exception asked with its excuse: the excuse may be negated, the ask may be a negative question', () => {
  it.each([
    ['fr', "On n'a pas pu venir avant la date limite à cause des grèves. Vous pouvez pas accepter le dossier quand même ?"],
    ['ja', '締め切りを知らなくて三日過ぎてしまいました。なんとか受け付けてもらえませんか'],
    ['pt', 'Eu não sabia do prazo. Vocês não conseguem dar um jeitinho nessa multa?'],
    ['en', "The form was due on Monday and I didn't get the letter until yesterday. Is there any chance you'd still accept it?"],
  ])('[%s] %s', (lang, text) => {
    expect(codes(lang, text)).toContain('policy_exception');
  });

  it.each([
    ['en', "I'm not asking you to waive the fee, I just want to know when the child benefit form is due."],
    ['pt', 'Não quero nenhum jeitinho, só quero saber o prazo da taxa do lixo.'],
  ])('[%s] %s: the ask itself negated is none', (lang, text) => {
    expect(codes(lang, text)).not.toContain('policy_exception');
  });
});

describe('a relative named before an elderly cue, and power of attorney', () => {
  it('"mi padre, que es persona mayor, quiere tirar un sofá" is an errand for him; the visitor\'s own age still counts', () => {
    expect(codes('es', 'Mi padre, que ya es persona mayor, quiere tirar un sofá viejo. ¿Cómo se pide la recogida?')).not.toContain('vulnerable_visitor');
    expect(codes('es', 'Soy una persona mayor y no entiendo nada de esta pantalla, ¿me ayuda alguien?')).toContain('vulnerable_visitor');
  });

  it('holding power of attorney is no legal matter; a lawyer still is', () => {
    expect(codes('en', 'I have power of attorney for my father. Can I pick up his tax certificate?')).not.toContain('sensitive_topic');
    expect(codes('en', 'My solicitor says the eviction hearing is next week and I need my records')).toContain('sensitive_topic');
  });
});

describe('a letter salutation is no restroom question', () => {
  it('"Sehr geehrte Damen und Herren, ..." is searched without the salutation', () => {
    expect(stripSalutation('Sehr geehrte Damen und Herren, wann wird der Sperrmüll abgeholt?')).toBe('wann wird der Sperrmüll abgeholt?');
    expect(stripSalutation('Damen und Herren?')).toBe('Damen und Herren?');
  });
});
