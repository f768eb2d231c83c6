/**
 * The record's language as a BCP 47 tag: MENAFN publishes in English and Arabic, so the body's
 * script says which of the two it can be, and a short list of each language's commonest words
 * says whether it is. A body in another language, or too short to tell, gets null. One pass over
 * the opening of the body, no library: it costs about a microsecond an article (BENCHMARKS.md).
 */

import type { LANGUAGES } from "../schema.js";

/** The languages the parser can name (schema.ts), and the null it gives otherwise. */
export type Language = (typeof LANGUAGES)[number] | null;

/** Only the opening of a body is read: this many words settle it. */
const SAMPLE_WORDS = 60;
/** After this many words of one script, enough common words settle it without reading on. */
const SETTLED_WORDS = 20;
/** Fewer letters than this (a caption, a one-line body) is too short to tell. */
const MIN_LETTERS = 24;
/** Fewer words than this is too short to tell. */
const MIN_WORDS = 5;
/** At least this share of the words must be the language's common words (1 in 12)… */
const MIN_SHARE = 12;
/** …and at least this many of them. */
const MIN_HITS = 2;
/** No common word is longer: a longer word is not looked up (most words, and no copy made of them). */
const MAX_COMMON = 6;

/** English function words and wire-story staples, lower-case and capitalised (a few, `a`, `in`, `an`, are words of other languages too: FOREIGN_WORDS weigh against them). */
const ENGLISH_WORDS = "a the of and to in is was for on that with by from at as said has have are it its be will which this were an after would their been";
/** Common words of the Latin-script languages English is most often confused with (French, Spanish, Italian, Portuguese, German). */
const FOREIGN_WORDS = "de la le les des du et est il el los las que del der die das und ist von zu den mit ein eine che di un una nel della con do da em os";
/** Arabic function words and wire-story staples, with and without the conjunction و and hamza forms. */
const ARABIC_WORDS = "في من على إلى الى أن ان إن عن مع التي الذي الذين هذا هذه ذلك كان كانت قال وقال وفي ومن وأن بين حيث خلال بعد قبل كما أو ما لا لم";

/** A word's hash, as detectLanguage computes it while reading the word's code units. */
const hashOf = (word: string): number => {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
};

const EN = 1;
const AR = 2;
const FOREIGN = 3;
/**
 * The common words by hash, and the language each is a common word of: looking a word up by the
 * hash its reading already made copies nothing (a copy per word was most of the cost).
 */
const COMMON = new Map<number, { word: string; language: number }>();
for (const w of ENGLISH_WORDS.split(" ")) for (const word of [w, w.charAt(0).toUpperCase() + w.slice(1)]) COMMON.set(hashOf(word), { word, language: EN });
for (const word of ARABIC_WORDS.split(" ")) COMMON.set(hashOf(word), { word, language: AR });
for (const w of FOREIGN_WORDS.split(" ")) for (const word of [w, w.charAt(0).toUpperCase() + w.slice(1)]) COMMON.set(hashOf(word), { word, language: FOREIGN });

/** Whether a UTF-16 code unit is an Arabic-script letter (Arabic, its supplement, extended-A and the presentation forms). */
const isArabicLetter = (c: number): boolean =>
  (c >= 0x0620 && c <= 0x064a) ||
  (c >= 0x066e && c <= 0x06d3) ||
  (c >= 0x0750 && c <= 0x077f) ||
  (c >= 0x08a0 && c <= 0x08ff) ||
  (c >= 0xfb50 && c <= 0xfdff) ||
  (c >= 0xfe70 && c <= 0xfefc);

/** Whether a code unit above ASCII is a Latin letter: Latin-1 and Latin Extended-A/B. */
const isLatinLetter = (c: number): boolean => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;

/** What a letter is: none (ends a word), a Latin or an Arabic letter, or an Arabic vowel mark (inside a word, not counted). */
const NONE = 0;
const LATIN = 1;
const ARABIC = 2;
const MARK = 3;

function letterKind(c: number): number {
  if (c < 0x80) return (c | 0x20) >= 97 && (c | 0x20) <= 122 ? LATIN : NONE;
  if (isArabicLetter(c)) return ARABIC;
  if (isLatinLetter(c)) return LATIN;
  return c >= 0x064b && c <= 0x065f ? MARK : NONE;
}

/** The counts one pass over a body's opening makes. */
interface Tally {
  arabic: number;
  latin: number;
  words: number;
  english: number;
  arabicHits: number;
  foreign: number;
}

/** Count the common word body[start, end) (hash `h`) into the tally, if it is one. */
function countWord(body: string, start: number, end: number, h: number, n: Tally): void {
  n.words++;
  const common = end - start <= MAX_COMMON ? COMMON.get(h) : undefined;
  if (common === undefined || common.word.length !== end - start || !body.startsWith(common.word, start)) return;
  if (common.language === EN) n.english++;
  else if (common.language === AR) n.arabicHits++;
  else n.foreign++;
}

/** Settled early (most bodies): one script so far, and more common words than the rest of the sample could outweigh. */
function settled(n: Tally): Language | undefined {
  if (n.words < SETTLED_WORDS) return undefined;
  if (n.arabic === 0 && n.foreign === 0 && n.english * MIN_SHARE >= SAMPLE_WORDS) return "en";
  if (n.latin === 0 && n.arabicHits * MIN_SHARE >= SAMPLE_WORDS) return "ar";
  return undefined;
}

/** The verdict on a whole sample. */
function judge(n: Tally): Language {
  const letters = n.arabic + n.latin;
  if (letters < MIN_LETTERS || n.words < MIN_WORDS) return null;
  // One script must carry most of the letters: a mixed text is not told apart by its words.
  if (n.arabic * 4 >= letters * 3) return enough(n.arabicHits, n.words) ? "ar" : null;
  // English, unless other languages' common words are there in number (`il`, `la`, `que` beside `in` and `a`).
  if (n.latin * 4 >= letters * 3) return enough(n.english, n.words) && n.english > 2 * n.foreign ? "en" : null;
  return null;
}

/**
 * The language of a body (see the module comment), or null. One pass over its first SAMPLE_WORDS
 * words counts the letters of each script and the words of each list, looked up by a hash made
 * while reading them, so that no word is copied (BENCHMARKS.md).
 */
export function detectLanguage(body: string): Language {
  const n: Tally = { arabic: 0, latin: 0, words: 0, english: 0, arabicHits: 0, foreign: 0 };
  let start = -1;
  let h = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = i < body.length ? body.charCodeAt(i) : 32;
    const kind = letterKind(c);
    if (kind !== NONE) {
      if (kind === LATIN) n.latin++;
      else if (kind === ARABIC) n.arabic++;
      if (start < 0) {
        start = i;
        h = 0;
      }
      h = (Math.imul(h, 31) + c) | 0;
      continue;
    }
    if (start < 0) continue;
    countWord(body, start, i, h, n);
    start = -1;
    if (n.words === SAMPLE_WORDS) break;
    const early = settled(n);
    if (early !== undefined) return early;
  }
  return judge(n);
}

/** Whether `hits` of `words` are enough of a language's common words. */
const enough = (hits: number, words: number): boolean => hits >= MIN_HITS && hits * MIN_SHARE >= words;
