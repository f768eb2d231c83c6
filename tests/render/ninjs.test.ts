/**
 * ninjs output: every fixture's documents (2.2 and 3.1) are valid against IPTC's own schemas,
 * one document is checked whole against a hand-checked golden file, and the mapping rules
 * (uri, dates, sources) hold on the fixtures that exercise them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NINJS_VERSIONS, parse, toNinjs, type Article } from "../../src/index.js";
import { fixture, jsonLines, ROOT, ingest } from "../helpers.js";
import { errorsOf, readSchema, validatorFor } from "../json-schema.js";

const SEED = "fixtures/000_ee22b7415f82c1d2.txt";
const validators = { "2.2": validatorFor("ninjs/ninjs-schema_2.2.json"), "3.1": validatorFor("ninjs/ninjs-schema_3.1.json") };
const names = readdirSync(fixture("")).filter((f) => f.endsWith(".txt"));
const recordsOf = (name: string): Article[] => parse(readFileSync(fixture(name)), { file: `fixtures/${name}` }).records;
const only = (name: string): Article => {
  const [record] = recordsOf(name);
  if (!record) throw new Error(`${name} gave no record`);
  return record;
};
const golden = (version: string): unknown => JSON.parse(readFileSync(`${ROOT}/tests/golden/seed.ninjs-${version}.json`, "utf8"));

describe("the schema validator itself", () => {
  it.each(NINJS_VERSIONS)("accepts IPTC's own %s example and rejects an unknown property and a bad uri", (version) => {
    const validate = validators[version];
    expect(validate(readSchema(`ninjs/example-${version}-simple-text-article.json`)), errorsOf(validate).join("\n")).toBe(true);
    expect(validate({ uri: "not a uri", headline: "x" })).toBe(false);
    expect(errorsOf(validate).join("\n")).toMatch(/format.*uri[\s\S]*unevaluated/);
  });

  it("tells 2.2 and 3.1 apart: each rejects the other's property names", () => {
    const seed = only("000_ee22b7415f82c1d2.txt");
    expect(validators["3.1"](toNinjs(seed, "2.2"))).toBe(false);
    expect(validators["2.2"](toNinjs(seed, "3.1"))).toBe(false);
  });
});

describe("every fixture's ninjs documents are valid against the official schemas", () => {
  const cases = names.flatMap((name) => NINJS_VERSIONS.map((version) => [name, version] as const));
  it.each(cases)("%s as ninjs %s", (name, version) => {
    for (const record of recordsOf(name)) {
      const validate = validators[version];
      expect(validate(toNinjs(record, version)), errorsOf(validate).join("\n")).toBe(true);
    }
  });

  it("covers enough fixtures to mean something", () => {
    expect(names.reduce((n, name) => n + recordsOf(name).length, 0)).toBeGreaterThan(30);
  });
});

describe("the seed article, whole (hand-checked golden files)", () => {
  it.each(NINJS_VERSIONS)("ninjs %s", (version) => {
    expect(toNinjs(only("000_ee22b7415f82c1d2.txt"), version)).toEqual(golden(version));
  });
});

describe("mapping", () => {
  it("uri is the menafn.com address of the article number; altids keep the full ID", () => {
    const doc = toNinjs(only("no-tag.txt"), "2.2");
    expect(doc.uri).toBe("https://menafn.com/1108838110");
    expect(doc.altids).toEqual([{ role: "menafn-id", value: "MENAFN29102024000045017650ID1108838110" }]);
  });

  it("without an ID line the uri is a name-based urn:uuid of the text: stable, and different for other text", () => {
    const record = only("id-missing.txt");
    const doc = toNinjs(record, "2.2");
    expect(doc.uri).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(doc.altids).toBeUndefined();
    const again = parse(readFileSync(fixture("id-missing.txt"), "utf8"), { file: "elsewhere.txt" }).records[0];
    expect(toNinjs(again as Article, "3.1").uri).toBe(doc.uri);
    expect(toNinjs({ ...record, body: `${record.body} More.` }, "2.2").uri).not.toBe(doc.uri);
    expect(toNinjs({ ...record, body: record.body.replace(/ /g, "  ") }, "2.2").uri).toBe(doc.uri);
  });

  it("dates come from the timestamp, else midnight UTC of the ID's date, else are left out", () => {
    expect(toNinjs(only("no-timestamp.txt"), "2.2")).toMatchObject({ versioncreated: expect.stringMatching(/T00:00:00Z$/) });
    const { versioncreated, firstcreated } = toNinjs(only("no-timestamp.txt"), "2.2");
    expect(firstcreated).toBe(versioncreated);
    expect(versioncreated).toBe(`${only("no-timestamp.txt").idDate}T00:00:00Z`);
    const neither = toNinjs({ ...only("no-timestamp.txt"), idDate: null }, "3.1");
    expect(Object.keys(neither)).not.toContain("versionCreated");
    expect(Object.keys(neither)).not.toContain("firstCreated");
  });

  it("never publishes a date the article's ID contradicts: a stale timestamp gives way to the ID's date", () => {
    // The seed's first line is the site's frozen clock (2024-01-02); its ID says 2025-11-27.
    expect(toNinjs(only("000_ee22b7415f82c1d2.txt"), "2.2")).toMatchObject({ versioncreated: "2025-11-27T00:00:00Z", firstcreated: "2025-11-27T00:00:00Z" });
    // A page's publication line that agrees with the ID is used with its time of day.
    expect(toNinjs(only("page-template-us-date.txt"), "3.1")).toMatchObject({ versionCreated: "2023-10-28T15:12:14Z" });
    const page = only("page-template-iso.txt");
    expect(toNinjs({ ...page, idDate: "2025-08-03" }, "2.2").versioncreated).toBe("2025-08-02T08:04:19Z"); // a day apart: agrees
    expect(toNinjs({ ...page, idDate: "2025-08-20" }, "2.2").versioncreated).toBe("2025-08-20T00:00:00Z");
    expect(toNinjs({ ...page, idDate: null }, "2.2").versioncreated).toBe("2025-08-02T08:04:19Z");
  });

  it("the dateline's place becomes located; without a dateline there is none", () => {
    expect(toNinjs(only("tag-kuna-nested-end.txt"), "2.2").located).toBe("KUWAIT");
    expect(toNinjs(only("tag-trend-dateline.txt"), "3.1").located).toBe("BAKU, Azerbaijan");
    expect(Object.keys(toNinjs(only("000_ee22b7415f82c1d2.txt"), "2.2"))).not.toContain("located");
  });

  it("the provider is the originator, MENAFN the distributor; no tag, only the distributor", () => {
    expect(toNinjs(only("tag-kuna-nested-end.txt"), "2.2").infosources).toEqual([
      { name: "Kuwait News Agency (KUNA)", role: "originator" },
      { name: "MENAFN", role: "distributor", uri: "https://menafn.com/" },
    ]);
    expect(toNinjs(only("no-tag.txt"), "3.1").infoSources).toEqual([{ name: "MENAFN", role: "distributor", uri: "https://menafn.com/" }]);
  });

  it("a credit becomes by; no disclaimer, no usage terms", () => {
    expect(toNinjs(only("body-us-time-byline.txt"), "2.2").by).toBe("By Reem Walid");
    expect(toNinjs(only("no-disclaimer.txt"), "3.1").usageTerms).toBeUndefined();
  });

  it("language is the record's own (en, ar), and left out where the record has none", () => {
    expect(toNinjs(only("no-tag.txt"), "2.2").language).toBe("en");
    expect(toNinjs({ ...only("no-tag.txt"), language: "ar" }, "3.1").language).toBe("ar");
    const unknown = { ...only("no-tag.txt"), language: null };
    expect(Object.keys(toNinjs(unknown, "2.2"))).not.toContain("language");
    expect(Object.keys(toNinjs(unknown, "3.1"))).not.toContain("language");
    for (const version of ["2.2", "3.1"] as const) expect(validators[version](toNinjs(unknown, version)), errorsOf(validators[version]).join("\n")).toBe(true);
  });

  it("counts characters as code points, not UTF-16 units", () => {
    const record = { ...only("no-tag.txt"), body: "Oil 🛢 up", wordCount: 3 };
    expect(toNinjs(record, "2.2").bodies[0]?.charcount).toBe(8);
  });
});

describe("ingest --format ninjs", () => {
  it("prints one valid ninjs 2.2 document per line, the same as the library", async () => {
    const r = await ingest([SEED, "fixtures/no-tag.txt", "--format", "ninjs"]);
    expect(r.code).toBe(0);
    const docs = jsonLines(r.stdout);
    expect(docs).toHaveLength(2);
    for (const doc of docs) expect(validators["2.2"](doc), errorsOf(validators["2.2"]).join("\n")).toBe(true);
    expect(docs[0]).toEqual(golden("2.2"));
  });

  it("--ninjs-version 3.1 prints ninjs 3.1 (and implies --format ninjs)", async () => {
    const r = await ingest([SEED, "--ninjs-version", "3.1"]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([golden("3.1")]);
  });

  it("refuses an unknown ninjs version, or a version with another format (exit 2)", async () => {
    const bad = await ingest([SEED, "--ninjs-version", "1.0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are 2.2, 3.1");
    const clash = await ingest([SEED, "--format", "json", "--ninjs-version", "3.1"]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toBe("ingest: error: --ninjs-version needs --format ninjs, not json\n");
    expect(clash.stdout).toBe("");
  });
});
