/**
 * Line-break opportunities that keep words whole in languages written without spaces
 * (Japanese, Chinese). Segments come from `Intl.Segmenter` (ICU word boundaries); for Japanese,
 * a segment written in hiragana stays with the word before it, so particles and verb endings
 * (を, ください, でした) never start a line: 「言語を|選んでください」. Punctuation follows the
 * kinsoku rules: closing marks stay with the text before, opening brackets with the text after.
 * Other languages come back as one segment (their spaces already give the breaks).
 */
export function phraseSegments(text: string, lang: string): string[] {
  const primary = lang.toLowerCase().split('-')[0];
  if ((primary !== 'ja' && primary !== 'zh') || typeof Intl.Segmenter !== 'function') return [text];
  const out: string[] = [];
  for (const { segment } of new Intl.Segmenter(primary, { granularity: 'word' }).segment(text)) {
    const prev = out.at(-1);
    const attach = prev !== undefined && (CLOSING.test(segment) || OPENING_END.test(prev) || (primary === 'ja' && HIRAGANA.test(segment)));
    if (attach) out[out.length - 1] = prev + segment;
    else out.push(segment);
  }
  return out;
}

/** Marks that must not start a line: closing brackets, commas, stops, the long-vowel mark. */
const CLOSING = /^[\p{Pe}\p{Pf}、。，．・：；？！!?,.:;ーゝゞ…〜]/u;
/** An opening bracket must not end a line. */
const OPENING_END = /[\p{Ps}\p{Pi}]$/u;
const HIRAGANA = /^\p{Script=Hiragana}/u;
