/**
 * ingest as a library: the pure parser, the record schema and its types. No CLI, no I/O.
 * The terminal summary renderer is `menafn-ingest/summary`.
 */
export { parse, compileValidator, type ParseOptions, type ParseResult, type ParsedArticle, type RecordValidator } from "./parse/index.js";
export type { PartLines } from "./parse/parts.js";
export { decode, type Decoded } from "./decode.js";
export {
  articleSchema,
  warningSchema,
  extraSchema,
  originSchema,
  ENCODINGS,
  type Article,
  type Warning,
  type Extra,
  type Encoding,
  type Dateline,
} from "./schema.js";
export { articleJsonSchema } from "./json-schema.js";
export { DIAGNOSTIC_CODES, type ArgsOf, type Diagnostic, type DiagnosticCode, type Severity } from "./diagnostics.js";
export { renderJson } from "./render/json.js";
export {
  toNinjs,
  renderNinjs,
  ninjsUri,
  NINJS_VERSIONS,
  type NinjsVersion,
  type Ninjs22,
  type Ninjs31,
} from "./render/ninjs.js";
export { renderText, renderTexts, formatTimestamp, formatTag } from "./render/text.js";
export { VERSION } from "./version.js";
