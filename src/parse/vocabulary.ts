/**
 * The site's vocabulary: every fixed text of a menafn.com page the parser knows by its words, in
 * one place. Lines are known by their shape elsewhere (furniture.ts: menus, capitals-only labels,
 * date-only lines, a one-word link in another script); what is known by its words is here.
 *
 * One case rule for every list: a phrase is matched case-insensitively against the trimmed line
 * (`phraseKey`). Adding a page shape's fixed text means adding it to the list below that says what
 * it does (CONTRIBUTING, "Add a page shape"; docs/page-shapes.md lists the shapes).
 */

/**
 * Page junk seen after real articles, the fixed link and widget texts of menafn.com pages: cut off
 * the end of a body, kept in extras without a warning, never a headline, and the end of a
 * disclaimer's text.
 */
export const JUNK_PHRASES: readonly string[] = [
  "Search",
  "CommentsNo comment",
  "Comments",
  "No comment",
  "Read more",
  "Read Also",
  "More News",
  "Learn more",
  "Tags",
  "Most popular stories",
  "Market Research",
];

/**
 * Template texts that are furniture (never a headline, no warning in extras) but not junk at a
 * body's end: `Will be updated` closes some providers' stories, so a body keeps it.
 */
export const FURNITURE_ONLY_PHRASES: readonly string[] = [
  "Will be updated",
  "Oops!",
  // The site's error page says this under `404` and `Oops!`: a template text, never a title.
  "Sorry, the page you requested could not be found.",
];

/**
 * Labels a page puts on a line of their own above the publication line (`Date` / `10/26/2024 2:24:13 PM`):
 * furniture, never a headline, so the title above them stays the headline (#23).
 */
export const LABEL_PHRASES: readonly string[] = [
  "Date",
  "Date:",
  "Published",
  "Published:",
  "Published on",
  "Published on:",
  "Updated",
  "Updated:",
  "Last updated",
  "Last updated:",
];

/** Headings under which the page lists links (tags, other headlines): every line after them is furniture. */
export const LINK_LIST_HEADINGS: readonly string[] = ["Tags", "Most popular stories", "Market Research", "More News", "Read Also"];

/** Link texts that pages glue onto the end of a line after a space (`Jane Doe Read more`). */
export const GLUED_LINKS: readonly string[] = ["Read more", "Learn more"];

/**
 * Link texts a page glues straight onto a paragraph's last sentence, with no space
 * (`... (KUNA) reported.Recommended For You`, `... intensified.ALSO READ`): cut off into extras,
 * with the `- <related headline>` lines under them (#23). Only glued right after a sentence's
 * last character do they count: a sentence that merely holds the words stays.
 */
export const STUCK_LINKS: readonly string[] = ["Recommended For You", "Also Read", "Read Also", "Read More", "Related News", "Related Articles"];

/**
 * Promotion lines pages put between paragraphs (`Stay up to date with the latest news. Follow KT
 * on WhatsApp Channels.`): a line whose every sentence is one of PROMO_SENTENCES or a call to
 * follow a name on one of PROMO_PLATFORMS (furniture.ts, isPromoLine) goes to extras (#23).
 */
export const PROMO_SENTENCES: readonly string[] = [
  "Stay up to date with the latest news.",
  "Stay updated with the latest news.",
  "Stay informed with the latest news.",
  "For the latest news, follow us.",
];
export const PROMO_PLATFORMS: readonly string[] = [
  "WhatsApp",
  "WhatsApp Channel",
  "WhatsApp Channels",
  "Telegram",
  "Google News",
  "X",
  "Twitter",
  "Instagram",
  "Facebook",
  "LinkedIn",
  "YouTube",
];

/** The glued link that ends a cookie banner (`This website uses cookies ... Learn more`): furniture, never a story's last line. */
export const COOKIE_BANNER_LINK = "Learn more";

/** The one case rule: how a trimmed line and a phrase are compared. */
const phraseKey = (text: string): string => text.toLowerCase();

/**
 * A set of phrases under the case rule. Only a line as long as some phrase is lower-cased and
 * looked up: nearly every line is turned away by its length alone.
 */
function phraseSet(phrases: readonly string[]): { has(text: string): boolean } {
  const keys = new Set(phrases.map(phraseKey));
  const lengths = new Uint8Array(Math.max(...phrases.map((p) => p.length)) + 1);
  for (const p of phrases) lengths[p.length] = 1;
  return { has: (text) => lengths[text.length] === 1 && keys.has(phraseKey(text)) };
}

const JUNK = phraseSet(JUNK_PHRASES);
const FURNITURE = phraseSet([...JUNK_PHRASES, ...FURNITURE_ONLY_PHRASES, ...LABEL_PHRASES]);
const HEADINGS = phraseSet(LINK_LIST_HEADINGS);
const LABELS = phraseSet(LABEL_PHRASES);

/** Whether a trimmed line is a label above the publication line (LABEL_PHRASES). */
export const isLabel = (text: string): boolean => LABELS.has(text);

const STUCK = STUCK_LINKS.map(phraseKey);
const STUCK_MAX = Math.max(...STUCK_LINKS.map((p) => p.length));
const PROMO = phraseSet(PROMO_SENTENCES);
const PLATFORMS = phraseSet(PROMO_PLATFORMS);

/** The first letters (lower case) a promotion line can open with: its sentences', and `follow`'s. */
export const PROMO_OPENINGS: ReadonlySet<string> = new Set([...PROMO_SENTENCES.map((p) => phraseKey(p.charAt(0))), "f"]);

/** Whether a sentence is one of PROMO_SENTENCES. */
export const isPromoSentence = (text: string): boolean => PROMO.has(text);

/** Whether a name is one of PROMO_PLATFORMS. */
export const isPromoPlatform = (text: string): boolean => PLATFORMS.has(text);

/**
 * The stuck link ending `text` right after a sentence's last character (`.`, `!`, `?`, a closing
 * quote or bracket), as written in the text, or null.
 */
export function stuckLink(text: string): string | null {
  // Every stuck link ends in a letter; nearly every paragraph ends in punctuation and is turned away here, with no copy made.
  const last = text.charCodeAt(text.length - 1) | 0x20;
  if (last < 97 || last > 122) return null;
  const tail = phraseKey(text.slice(-STUCK_MAX));
  for (const link of STUCK) {
    if (!tail.endsWith(link)) continue;
    const before = text.charAt(text.length - link.length - 1);
    if ('.!?"”’)'.includes(before) && before !== "") return text.slice(text.length - link.length);
  }
  return null;
}

/** Whether a trimmed line is page junk (JUNK_PHRASES). */
export const isKnownJunk = (text: string): boolean => JUNK.has(text);

/** Whether a trimmed line is one of the template's fixed texts (junk or furniture only). */
export const isFurniturePhrase = (text: string): boolean => FURNITURE.has(text);

/** Whether a trimmed line heads a list of links. */
export const isLinkListHeading = (text: string): boolean => HEADINGS.has(text);

/** The glued link text that ends `text` after a space (`Read more`), as the line writes it, or null. */
export function gluedLink(text: string): string | null {
  for (const link of GLUED_LINKS) {
    const at = text.length - link.length;
    if (at > 0 && text.charCodeAt(at - 1) === 32) {
      const piece = text.slice(at);
      if (phraseKey(piece) === phraseKey(link)) return piece;
    }
  }
  return null;
}

/** A paragraph's whole text is only a link (`Read more` alone under a byline). */
export const isLoneLink = (text: string): boolean => GLUED_LINKS.some((link) => phraseKey(link) === phraseKey(text));

/** A cookie banner: a line ending in the banner's glued link. */
export function isCookieBanner(text: string): boolean {
  const link = gluedLink(text);
  return link !== null && phraseKey(link) === phraseKey(COOKIE_BANNER_LINK);
}
