/**
 * The record's zod schema: the one source of truth. The TypeScript types come
 * from it, `ingest schema` prints it, and every record is validated by it.
 */
import { z } from "zod";
import { DIAGNOSTIC_CODES } from "./diagnostics.js";

/** The encodings the decoder reports. */
export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;

export const ID_PATTERN = /^MENAFN\d{8}\d{12}ID\d{10}$/;

const lineNumber = z.number().int().positive();

/** A warning kept in the record: odd but parseable. */
export const warningSchema = z
  .object({
    code: z.enum(DIAGNOSTIC_CODES).describe("Stable SCREAMING_SNAKE code"),
    message: z.string().describe("Human-readable wording"),
    line: lineNumber.nullable().describe("1-based input line, or null for the whole input"),
  })
  .strict();

/** A non-blank input line that belongs to none of the article's parts. */
export const extraSchema = z
  .object({
    line: lineNumber.describe("1-based input line"),
    text: z.string().min(1).describe("The line, trimmed"),
  })
  .strict();

/** Where the record came from. */
export const originSchema = z
  .object({
    file: z.string().nullable().describe("The input path as given, or null for standard input"),
    article: z.number().int().positive().describe("1-based position of the article in its input"),
    startLine: lineNumber.describe("First input line of the article"),
    endLine: lineNumber.describe("Last input line of the article"),
  })
  .strict();

/** One article: the contract other tools rely on. */
export const articleSchema = z
  .object({
    headline: z.string().min(1).describe("The headline line, trimmed"),
    timestamp: z.iso
      .datetime({ offset: false, precision: 0 })
      .nullable()
      .describe("The timestamp line as RFC 3339 UTC with seconds, or null"),
    source: z.string().min(1).nullable().describe("The provider named in the lead's (MENAFN- ...) tag, or null"),
    body: z.string().min(1).describe("Article text without the tag; paragraphs separated by one blank line"),
    id: z.string().regex(ID_PATTERN).nullable().describe("The MENAFN ID line, or null"),
    disclaimer: z.string().min(1).nullable().describe("The disclaimer text without its heading, or null"),
    warnings: z.array(warningSchema).describe("What was odd but parseable"),
    extras: z.array(extraSchema).describe("Non-blank lines that belong to no part"),
    timestampText: z.string().nullable().describe("The timestamp line as written, or null"),
    idDate: z.iso.date().nullable().describe("The publication date held in the ID (YYYY-MM-DD), or null"),
    articleNumber: z
      .string()
      .regex(/^\d{10}$/)
      .nullable()
      .describe("The 10-digit article number after ID (menafn.com/<number>), or null"),
    credit: z.string().min(1).nullable().describe("A credit or byline right after the source tag, or null"),
    paragraphCount: z.number().int().positive().describe("Paragraphs in body"),
    wordCount: z.number().int().nonnegative().describe("Words in body"),
    encoding: z.enum(ENCODINGS).describe("How the input bytes were decoded"),
    origin: originSchema,
  })
  .strict();

/** The validated record type. */
export type Article = z.infer<typeof articleSchema>;
export type Warning = z.infer<typeof warningSchema>;
export type Extra = z.infer<typeof extraSchema>;
export type Encoding = (typeof ENCODINGS)[number];

/** The record's JSON Schema (draft 2020-12). */
export function articleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(articleSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
