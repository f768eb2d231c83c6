/**
 * Real JSON Schema validation for the tests: Ajv for draft 2020-12 (the draft every schema
 * here declares) with ajv-formats, so `format: "uri"` and `"date-time"` are checked too.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { ROOT } from "./helpers.js";

export const readSchema = (path: string): Record<string, unknown> => JSON.parse(readFileSync(`${ROOT}/schema/${path}`, "utf8")) as Record<string, unknown>;

/**
 * The ninjs schemas $ref the GeoJSON schema (for places' geometry) on geojson.org, which the
 * tests cannot fetch. ingest never writes geometry, so this stand-in rejects any: were a
 * document ever to carry one, the test would fail rather than pass unchecked.
 */
const GEOJSON_STAND_IN = { $id: "https://geojson.org/schema/GeoJSON.json", not: {} };

/** A validator for a schema file under schema/, after checking that it declares draft 2020-12. */
export function validatorFor(path: string): ValidateFunction {
  const schema = readSchema(path);
  if (schema.$schema !== "https://json-schema.org/draft/2020-12/schema") {
    throw new Error(`${path} declares ${String(schema.$schema)}, not draft 2020-12`);
  }
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  formats.default(ajv);
  ajv.addSchema(GEOJSON_STAND_IN);
  return ajv.compile(schema);
}

/** Ajv's errors in a form that reads well in a failed expectation. */
export const errorsOf = (validate: ValidateFunction): string[] =>
  (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
