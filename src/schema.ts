/**
 * The record's zod schema: the one source of truth. The TypeScript types come
 * from it, `ingest schema` prints it, and every record is validated by it.
 */
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { DIAGNOSTIC_CODES } from "./diagnostics.js";

// zod/mini: the same schemas and validation as classic zod with a functional API; bundled, it
// loads much faster than classic zod, which every start pays for (BENCHMARKS.md). Unlike classic
// zod it sets no error wording; the English one keeps INVALID_RECORD's detail readable.
z.config(en());

/** The encodings the decoder reports. */
export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;

/** The languages a record can be in: MENAFN publishes in English and Arabic (BCP 47 tags). */
export const LANGUAGES = ["en", "ar"] as const;

export const ID_PATTERN = /^MENAFN\d{8}\d{12}ID\d{10}$/;

/**
 * `schema` with a description, recorded in the global registry as classic zod's `.describe()`
 * does; registering the schema itself (no clone, as `.check(z.describe())` would make) halves
 * the schema objects built at every start.
 */
const described = <T extends z.core.$ZodType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};

const lineNumber = () => z.int().check(z.positive());
const text = (min: number) => z.string().check(z.minLength(min));

/** A warning kept in the record: odd but parseable. */
export const warningSchema = z.strictObject({
  code: described(z.enum(DIAGNOSTIC_CODES), "Stable SCREAMING_SNAKE code"),
  message: described(z.string(), "Human-readable wording"),
  line: described(z.nullable(lineNumber()), "1-based input line, or null for the whole input"),
});

/** A non-blank input line that belongs to none of the article's parts. */
export const extraSchema = z.strictObject({
  line: described(lineNumber(), "1-based input line"),
  text: described(text(1), "The line, trimmed"),
});

/** Where the record came from. */
export const originSchema = z.strictObject({
  file: described(z.nullable(z.string()), "The input path as given, or null for standard input"),
  article: described(z.int().check(z.positive()), "1-based position of the article in its input"),
  startLine: described(lineNumber(), "First input line of the article"),
  endLine: described(lineNumber(), "Last input line of the article"),
});

/** The dateline opening the lead (`KUWAIT, March 1 (KUNA) --`); it stays in the body. */
export const datelineSchema = z.strictObject({
  place: described(z.nullable(text(1)), "The place as written (`KUWAIT`, `BAKU, Azerbaijan`), or null"),
  date: described(z.nullable(text(1)), "The date as written, without a year (`March 1`, `Aug. 9`), or null"),
  agency: described(z.nullable(text(1)), "The agency in parentheses (`KUNA`, `Petra`), or null"),
  text: described(text(1), "The dateline as written, separator included"),
});

/** One article: the contract other tools rely on. */
export const articleSchema = z.strictObject({
  headline: described(text(1), "The headline line, trimmed"),
  timestamp: described(
    z.nullable(z.iso.datetime({ offset: false, precision: 0 })),
    "The article's time (publication line, else timestamp line) as RFC 3339 UTC with seconds, or null",
  ),
  source: described(z.nullable(text(1)), "The provider named in the lead's (MENAFN- ...) tag, or null"),
  body: described(text(1), "Article text without the tag; paragraphs separated by one blank line"),
  id: described(z.nullable(z.string().check(z.regex(ID_PATTERN))), "The MENAFN ID line, or null"),
  disclaimer: described(z.nullable(text(1)), "The disclaimer text without its heading, or null"),
  warnings: described(z.array(warningSchema), "What was odd but parseable"),
  extras: described(z.array(extraSchema), "Non-blank lines that belong to no part"),
  timestampText: described(z.nullable(z.string()), "The line the timestamp was read from, as written, or null"),
  idDate: described(z.nullable(z.iso.date()), "The publication date held in the ID (YYYY-MM-DD), or null"),
  articleNumber: described(z.nullable(z.string().check(z.regex(/^\d{10}$/))), "The 10-digit article number after ID (menafn.com/<number>), or null"),
  credit: described(z.nullable(text(1)), "A credit or byline right after the source tag, or null"),
  dateline: described(z.nullable(datelineSchema), "The dateline opening the lead, or null"),
  endMarker: described(z.boolean(), "Whether a KUNA-style (end) closed the body and was taken off it"),
  paragraphCount: described(z.int().check(z.positive()), "Paragraphs in body"),
  wordCount: described(z.int().check(z.nonnegative()), "Words in body"),
  language: described(
    z.nullable(z.enum(LANGUAGES)),
    "The body's language as a BCP 47 tag (`en`, `ar`), told from its script and commonest words, or null where too short or neither",
  ),
  encoding: described(z.enum(ENCODINGS), "How the input bytes were decoded"),
  origin: originSchema,
});

/** The validated record type. */
export type Article = z.infer<typeof articleSchema>;
export type Warning = z.infer<typeof warningSchema>;
export type Extra = z.infer<typeof extraSchema>;
export type Dateline = z.infer<typeof datelineSchema>;
export type Encoding = (typeof ENCODINGS)[number];

/** A zod issue's path as `warnings.0.code`; `(root)` for the record itself. */
export const issuePath = (path: ReadonlyArray<PropertyKey>): string => path.map(String).join(".") || "(root)";
