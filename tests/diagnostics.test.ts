import { describe, expect, expectTypeOf, it } from "vitest";
import { diagnostic, error, warning, type ArgsOf, type Diagnostic } from "../src/diagnostics.js";

describe("diagnostics typed by code", () => {
  it("words the message from the arguments and keeps them as data", () => {
    expect(error("INPUT_TOO_LARGE", null, { size: 12, limit: 10 })).toEqual({
      code: "INPUT_TOO_LARGE",
      severity: "error",
      message: "the input is 12 bytes, over the limit of 10 bytes (--max-bytes)",
      line: null,
      data: { size: 12, limit: 10 },
    });
    expect(warning("MISSING_ID", 3)).toEqual({ code: "MISSING_ID", severity: "warning", message: "no MENAFN ID line; id is null", line: 3, data: {} });
    expect(diagnostic("SYMLINK_LOOP", "error", null).message).toBe("a symbolic link loop; not followed");
  });

  it("rejects a misspelt, missing, mistyped or unexpected argument at compile time", () => {
    // Each line below would print "undefined" in its message if it compiled.
    // @ts-expect-error: `patern` is no argument of NO_MATCH
    error("NO_MATCH", null, { patern: "*.txt" });
    // @ts-expect-error: NO_MATCH needs its pattern
    error("NO_MATCH", null);
    // @ts-expect-error: a size is a number
    error("INPUT_TOO_LARGE", null, { size: "12", limit: 10 });
    // @ts-expect-error: MISSING_ID takes no arguments
    warning("MISSING_ID", null, { id: "x" });
    expectTypeOf<ArgsOf<"REPEATED_ID">>().toEqualTypeOf<{ first: number }>();
  });

  it("narrows data by code for library users", () => {
    const d = warning("CONFLICTING_ID", 7, { id: "MENAFN1", first: 2 }) as Diagnostic;
    if (d.code === "CONFLICTING_ID") expectTypeOf(d.data).toEqualTypeOf<{ id: string; first: number }>();
    expect(d.data).toEqual({ id: "MENAFN1", first: 2 });
  });
});
