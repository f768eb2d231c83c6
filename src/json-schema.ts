/**
 * The record's published JSON Schema, generated from the zod schema. A module of its own so that
 * the CLI loads the generator only for `ingest schema`, not at every start.
 */
import { toJSONSchema } from "zod/mini";
import { articleSchema } from "./schema.js";

/** The record's JSON Schema (draft 2020-12). */
export function articleJsonSchema(): Record<string, unknown> {
  return toJSONSchema(articleSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
