/** How many words of a canned reply name its "Insert reply" button. */
const WORDS = 4;
/** Characters kept of text without spaces (Japanese, Chinese). */
const CHARS = 14;

/**
 * The first few words of `text`, for a short accessible name ("Insert reply: Hello, I'm here
 * to…"): four words, or the first characters of text written without spaces; an ellipsis
 * marks a cut.
 */
export function firstWords(text: string, words = WORDS, chars = CHARS): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  const parts = clean.split(' ');
  if (parts.length > 1) {
    const head = parts.slice(0, words).join(' ');
    return parts.length > words ? `${head}…` : head;
  }
  const glyphs = [...clean];
  return glyphs.length > chars ? `${glyphs.slice(0, chars).join('')}…` : clean;
}
