/** The config file's JSON Schema, generated from its zod schema (schema/ingest.config.schema.json). */
import { toJSONSchema } from "zod/mini";
import { configSchema } from "./config.js";

/** The JSON Schema (draft 2020-12) of ingest.config.json. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = toJSONSchema(configSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return { $schema: schema.$schema, title: "ingest.config.json", ...schema };
}
