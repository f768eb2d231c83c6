/**
 * Help the clig.dev way (#22): `ingest help [command]`, `ingest version`, --help that opens with
 * worked examples and ends with where to read more, a short usage with no input on a terminal,
 * `man` in the command list, and a subcommand suggested only for a near miss.
 */
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { nearMiss } from "../src/cli/args/help.js";
import { VERSION } from "../src/version.js";
import { fakeIo } from "./fake-io.js";
import { runBin, UNIT } from "./helpers.js";

const COMMANDS = ["schema", "validate", "completion", "man", "watch", "search", "help", "version"];

describe("ingest help, ingest version", () => {
  it("ingest help prints the root's help on stdout, exit 0", async () => {
    const f = fakeIo({});
    expect(await main(["help"], f.io)).toBe(0);
    expect(f.out()).toMatch(/^Usage: ingest \[options\] \[command\] \[inputs\.\.\.\]\n/);
    expect(f.err()).toBe("");
  });
  it("ingest help watch prints watch's help, the same as ingest watch --help", async () => {
    const f = fakeIo({});
    expect(await main(["help", "watch"], f.io)).toBe(0);
    expect(f.out()).toMatch(/^Usage: ingest watch \[options\] <dir>\n/);
    expect(f.out()).toContain("--settle <ms>");
    const g = fakeIo({});
    await main(["watch", "--help"], g.io);
    expect(f.out()).toBe(g.out());
  });
  it("ingest help NOPE is a usage error naming the commands; a near miss is suggested", async () => {
    const f = fakeIo({});
    expect(await main(["help", "nope"], f.io)).toBe(2);
    expect(f.err()).toBe(`ingest: error: nope is not a command (the commands: ${COMMANDS.join(", ")})\n`);
    const g = fakeIo({});
    await main(["help", "wacth"], g.io);
    expect(g.err()).toContain("wacth is not a command; did you mean ingest help watch?");
  });
  it("ingest version prints what -V prints", async () => {
    const f = fakeIo({});
    expect(await main(["version"], f.io)).toBe(0);
    expect(f.out()).toBe(`ingest ${VERSION}\n`);
    const g = fakeIo({});
    await main(["-V"], g.io);
    expect(g.out()).toBe(f.out());
  });
  it.skipIf(UNIT)("the built CLI answers them too (they were read as files: READ_ERROR)", async () => {
    const r = await runBin(["help", "watch"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ingest watch /);
    expect((await runBin(["version"])).stdout).toBe(`ingest ${VERSION}\n`);
  });
});

describe("--help", () => {
  it("opens with worked examples under the description, lists man, help and version, and ends with where to read more", async () => {
    const f = fakeIo({});
    expect(await main(["--help"], f.io)).toBe(0);
    const lines = f.out().split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "Usage: ingest [options] [command] [inputs...]",
      "",
      "Parse MENAFN-style wire text into validated JSON records.",
      "Records go to stdout, diagnostics to stderr.",
      "",
      "Examples:",
      "  ingest article.txt                   a summary on a terminal, JSON when piped",
    ]);
    const commands = lines
      .slice(lines.indexOf("Commands:") + 1)
      .map((l) => /^ {2}(\w+)/.exec(l)?.[1])
      .filter((n) => n !== undefined);
    expect(commands).toEqual(COMMANDS);
    expect(lines.at(-3)).toBe("Read more: ingest help COMMAND (a command's options), man ingest (or ingest man | man -l -),");
    expect(lines.at(-2)).toBe("and the manual in docs/ of the source (docs/README.md lists its pages).");
  });
  it("each command's help ends with its examples and where to read more", async () => {
    for (const name of ["watch", "validate", "schema", "completion", "man"]) {
      const f = fakeIo({});
      await main(["help", name], f.io);
      expect(f.out(), name).toContain(`\nExamples:\n  ingest ${name}`);
      expect(f.out().trimEnd().endsWith("(docs/README.md lists its pages)."), name).toBe(true);
    }
  });
  it("keeps the examples' columns on a narrow terminal", async () => {
    const f = fakeIo({ stdout: true });
    (f.io.stdout as unknown as { columns: number }).columns = 50;
    await main(["--help"], f.io);
    expect(f.out()).toContain("\n  ingest validate json/                check stored records against the schema\n");
  });
});

describe("no input on a terminal", () => {
  it("prints a short usage with examples (not the option list) to stderr, exit 2", async () => {
    const f = fakeIo({ stdin: true });
    expect(await main([], f.io)).toBe(2);
    const text = f.err();
    expect(text).toMatch(/^Usage: ingest \[options\] \[inputs\.\.\.\]\n/);
    expect(text).toContain("\nExamples:\n  ingest article.txt ");
    expect(text).toContain("Run ingest --help for every option.");
    expect(text).not.toContain("--max-bytes");
    expect(text.split("\n").length).toBeLessThan(20);
    expect(f.out()).toBe("");
  });
});

describe("a subcommand is suggested only for a near miss", () => {
  it("suggests for typos: a letter dropped, added, changed or two swapped", () => {
    expect(nearMiss("valdate", COMMANDS)).toBe("validate");
    expect(nearMiss("vaildate", COMMANDS)).toBe("validate");
    expect(nearMiss("wtach", COMMANDS)).toBe("watch");
    expect(nearMiss("Schema", COMMANDS)).toBe("schema");
    expect(nearMiss("hlep", COMMANDS)).toBe("help");
  });
  it("not for other words: batch is not a typo of watch", () => {
    for (const word of ["batch", "match", "feeds", "stats", "vers", "schematic", "validation-report"]) expect(nearMiss(word, COMMANDS), word).toBeNull();
  });
  it("ingest batch feeds/ says that converting needs no command, and does not suggest watch", async () => {
    const f = fakeIo({});
    expect(await main(["batch", "examples/feeds/"], f.io)).toBe(2);
    expect(f.err()).toBe(
      "ingest: error: batch is neither a file nor a command; converting is what ingest does without one: ingest examples/feeds/ (run ingest --help)\n",
    );
    const g = fakeIo({});
    expect(await main(["valdate", "x.jsonl"], g.io)).toBe(2);
    expect(g.err()).toBe("ingest: error: valdate is neither a file nor a command; did you mean ingest validate? (run ingest --help)\n");
  });
  it("another word is read as a file, as before", async () => {
    const f = fakeIo({});
    expect(await main(["stats"], f.io)).toBe(2);
    expect(f.err()).toContain("stats: error: READ_ERROR cannot read the input");
  });
});
