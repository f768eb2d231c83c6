/**
 * The published JSON Schema, schema/article.schema.json: it is what `ingest schema` prints,
 * it is up to date with the zod schema, and every fixture's JSON output is valid against it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { articleJsonSchema, parse, renderJson } from "../src/index.js";
import { fixture, jsonLines, ROOT, ingest } from "./helpers.js";
import { errorsOf, validatorFor } from "./json-schema.js";

const checkedIn = readFileSync(`${ROOT}/schema/article.schema.json`, "utf8");
const validate = validatorFor("article.schema.json");
const names = readdirSync(fixture("")).filter((f) => f.endsWith(".txt"));

describe("schema/article.schema.json", () => {
  it("is up to date with the zod schema (run `npm run schema` to regenerate it)", () => {
    expect(checkedIn, "schema/article.schema.json is stale: run npm run schema").toBe(`${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
  });

  it("is exactly what `ingest schema` prints", async () => {
    const r = await ingest(["schema"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(checkedIn);
  });

  it("rejects records that break the contract", () => {
    const [record] = parse(readFileSync(fixture("no-tag.txt"))).records;
    expect(validate(JSON.parse(renderJson(record!)))).toBe(true);
    expect(validate({ ...record, headline: "" })).toBe(false);
    expect(validate({ ...record, timestamp: "2024-01-02 12:17" })).toBe(false);
    expect(validate({ ...record, articleNumber: "12" })).toBe(false);
    expect(validate({ ...record, surprise: true })).toBe(false);
    const { body: _body, ...noBody } = record!;
    expect(validate(noBody)).toBe(false);
  });
});

describe("every fixture's JSON output is valid against the checked-in schema", () => {
  it.each(names)("%s", (name) => {
    for (const record of parse(readFileSync(fixture(name)), { file: `fixtures/${name}` }).records) {
      expect(validate(JSON.parse(renderJson(record))), errorsOf(validate).join("\n")).toBe(true);
    }
  });

  it("including the CLI's JSON Lines for all fixtures at once", async () => {
    const r = await ingest(
      names.map((n) => `fixtures/${n}`),
      {},
    );
    const records = jsonLines(r.stdout);
    expect(records.length).toBeGreaterThan(30);
    for (const record of records) expect(validate(record), errorsOf(validate).join("\n")).toBe(true);
  });
});
