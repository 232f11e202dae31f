/**
 * The shared multilingual concept layer of the escalation classifier: which of the concepts of
 * `concepts/inventory.ts` (CHARGE, TWICE, MEDICINE, PERSON, ...) a visitor utterance mentions, in
 * any of the eight languages. The classifier gets them as `m:` features (and `m:A+B` for two
 * concepts in one turn), so a weight learned from German or Japanese examples of "charged twice"
 * also fires for Korean or Portuguese ones: the hashed n-grams alone are language-specific and
 * each language has only about 75 examples per label. Pure; compiled once per process.
 */
import { normalizeText } from '../../intake/text.ts';
import { CONCEPTS, type Concept, type ConceptForms } from './concepts/inventory.ts';
import { de } from './concepts/de.ts';
import { en } from './concepts/en.ts';
import { es } from './concepts/es.ts';
import { fr } from './concepts/fr.ts';
import { ja } from './concepts/ja.ts';
import { ko } from './concepts/ko.ts';
import { pt } from './concepts/pt.ts';
import { zh } from './concepts/zh.ts';

export { CONCEPTS, type Concept } from './concepts/inventory.ts';

/** The forms of every language, keyed by language code. */
export const CONCEPT_FORMS: Readonly<Record<string, ConceptForms>> = { en, ja, es, zh, ko, fr, de, pt };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER = /[\p{L}\p{N}]/u;

/** One form, compiled: where it may match and which concepts it stands for. */
interface Form {
  text: string;
  /** Latin-script form that must end a word (written with a trailing `$`). */
  wordEnd: boolean;
  concepts: Concept[];
}

/**
 * Forms indexed by their first two characters (Latin, matched at word starts) or first character
 * (CJK, matched anywhere in the text without spaces): a turn is read once, trying only the forms
 * that can start at each position, instead of one large regular expression per concept.
 */
interface Index {
  latin: Map<string, Form[]>;
  cjk: Map<string, Form[]>;
}

let index: Index | null = null;

/** Compiles every language's forms (once). @throws Error naming a concept whose form is empty. */
function compile(): Index {
  const forms = new Map<string, Form>();
  for (const concept of CONCEPTS) {
    for (const [lang, byConcept] of Object.entries(CONCEPT_FORMS)) {
      for (const raw of byConcept[concept] ?? []) {
        let text = normalizeText(raw).trim().replace(/\s+/g, ' ');
        const wordEnd = !CJK.test(text) && text.endsWith('$');
        if (wordEnd) text = text.slice(0, -1).trim();
        if (CJK.test(text)) text = text.replace(/\s+/g, '');
        if (!text) throw new Error(`concept ${concept} (${lang}): empty form`);
        const key = `${wordEnd ? '$' : ''}${text}`;
        const form = forms.get(key) ?? { text, wordEnd, concepts: [] };
        if (!form.concepts.includes(concept)) form.concepts.push(concept);
        forms.set(key, form);
      }
    }
  }
  const built: Index = { latin: new Map(), cjk: new Map() };
  for (const form of forms.values()) {
    const cjk = CJK.test(form.text);
    const key = cjk ? Array.from(form.text)[0]! : form.text.slice(0, 2);
    const map = cjk ? built.cjk : built.latin;
    map.set(key, [...(map.get(key) ?? []), form]);
  }
  return built;
}

/**
 * Concepts a form of IN_PERSON covers when it spells them: "in *person*", "el *personal*mente" are
 * no PERSON, "*대면*", "*当面*" no TALK, so "must he come in person?" and "I want to talk to someone
 * in person" differ by PERSON and TALK rather than share them (dev9 es/de, 2026-12-07).
 */
const SHADOWED_BY_IN_PERSON: ReadonlySet<Concept> = new Set(['PERSON', 'TALK']);

/**
 * The concepts mentioned in `normalized` (text already passed through `normalizeText`), in
 * inventory order, each once. Latin-script forms match at word starts (as prefixes, or whole
 * words for `$` forms), CJK forms anywhere in the text without whitespace. A PERSON or TALK form
 * inside a matched IN_PERSON form does not count ({@link SHADOWED_BY_IN_PERSON}).
 */
export function conceptsIn(normalized: string): Concept[] {
  index ??= compile();
  const hits: { concept: Concept; from: number; to: number; cjk: boolean }[] = [];
  const text = normalized.replace(/\s+/g, ' ');
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && LETTER.test(text[i - 1]!)) continue;
    for (const form of index.latin.get(text.slice(i, i + 2)) ?? []) {
      if (!text.startsWith(form.text, i)) continue;
      if (form.wordEnd && LETTER.test(text.charAt(i + form.text.length))) continue;
      for (const concept of form.concepts) hits.push({ concept, from: i, to: i + form.text.length, cjk: false });
    }
  }
  if (CJK.test(text)) {
    const compact = text.replace(/\s+/g, '');
    for (let i = 0; i < compact.length; i++) {
      for (const form of index.cjk.get(compact[i]!) ?? []) {
        if (compact.startsWith(form.text, i)) for (const concept of form.concepts) hits.push({ concept, from: i, to: i + form.text.length, cjk: true });
      }
    }
  }
  const inPerson = hits.filter((h) => h.concept === 'IN_PERSON');
  const found = new Set<Concept>();
  for (const h of hits) {
    const shadowed = SHADOWED_BY_IN_PERSON.has(h.concept) && inPerson.some((p) => p.cjk === h.cjk && p.from <= h.from && h.to <= p.to);
    if (!shadowed) found.add(h.concept);
  }
  return CONCEPTS.filter((c) => found.has(c));
}
