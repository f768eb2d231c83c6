import { appendFileSync, existsSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { article, tempDir, writeTree } from "../../batch-helpers.js";
import { ingest } from "../../helpers.js";
import { files, sleep, startWatch, until } from "../../watch-helpers.js";

const NOTE = "(to ingest such files, name a pattern with --glob)";

function inbox(): string {
  const root = tempDir();
  writeTree(join(root, "inbox"), { "a.txt": article(1), "report.pdf": "%PDF-1.7\n", "sub/notes.md": article(2), "c.pdf.tmp": "x", ".hidden.pdf": "x" });
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(root, "inbox/a.txt"), past, past);
  return root;
}

const notes = (stderr: string): string[] => stderr.split("\n").filter((l) => l.startsWith("ingest: note: passed over"));

describe("ingest watch: files --glob passes over are noted", () => {
  it("notes each once in the catch-up walk (--once), and still ingests the .txt inputs", async () => {
    const root = inbox();
    const r = await ingest(["watch", "inbox", "--out-dir", "out", "--once"], { cwd: root });
    expect(r.code).toBe(0);
    expect(notes(r.stderr)).toEqual([
      `ingest: note: passed over inbox/report.pdf (by its name, a PDF document): it does not match --glob '**/*.txt' ${NOTE}`,
      `ingest: note: passed over inbox/sub/notes.md: it does not match --glob '**/*.txt' ${NOTE}`,
    ]);
    expect(files(join(root, "out"))).toEqual(["a.json"]);
    // -q: no notes.
    const quiet = await ingest(["watch", "inbox", "--out-dir", "out2", "--once", "-q"], { cwd: root });
    expect(quiet.code).toBe(0);
    expect(notes(quiet.stderr)).toEqual([]);
  });

  it("notes a file dropped in while watching once, however often it changes", async () => {
    const root = inbox();
    const w = startWatch(["inbox", "--out-dir", "out", "--settle", "200"], root);
    await until(() => existsSync(join(root, "out/a.json")), "the catch-up", 8000).catch((e: unknown) => {
      throw new Error(`${String(e)}: ${w.stderr()} ${files(join(root, "out"), true).join(",")}`);
    });
    await sleep(300);
    writeFileSync(join(root, "inbox/page.html"), "<html>");
    await until(() => notes(w.stderr()).length === 3, "the note for page.html", 8000);
    appendFileSync(join(root, "inbox/page.html"), "<p>more</p>");
    appendFileSync(join(root, "inbox/report.pdf"), "more");
    await sleep(800);
    w.child.kill("SIGINT");
    expect((await w.exited).code).toBe(0);
    expect(notes(w.stderr())).toHaveLength(3);
    expect(notes(w.stderr())[2]).toContain("passed over inbox/page.html (by its name, an HTML page): it does not match --glob '**/*.txt'");
  });
});
