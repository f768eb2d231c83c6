import { describe, expect, it } from "vitest";
import type { Reported } from "../../../src/cli/report/diagnostic-line.js";
import { applyPolicy, severityOf } from "../../../src/cli/report/code-policy.js";

const warn = (code: string, article: number): Reported => ({ code, severity: "warning", line: 1, column: null, message: code, data: {}, article }) as Reported;
const err = (code: string, article: number): Reported => ({ ...warn(code, article), severity: "error" }) as Reported;

describe("the code policy: the one rule that makes a warning an error", () => {
  it("reports a warning as it is with no setting", () => {
    expect(severityOf("DUPLICATE_ID", {})).toBe("warning");
  });

  it("makes a warning an error under --error-on or --strict, and leaves it out under --ignore", () => {
    expect(severityOf("DUPLICATE_ID", { errorOn: new Set(["DUPLICATE_ID"]) })).toBe("error");
    expect(severityOf("DUPLICATE_ID", { strict: true })).toBe("error");
    expect(severityOf("DUPLICATE_ID", { ignore: new Set(["DUPLICATE_ID"]) })).toBeNull();
  });

  it("lets --strict win over --ignore: no warning is ignored when every warning is an error", () => {
    expect(severityOf("X", { strict: true, ignore: new Set(["X"]) })).toBe("error");
    expect(applyPolicy([warn("X", 1)], { strict: true, ignore: new Set(["X"]) }).diagnostics.map((d) => d.severity)).toEqual(["error"]);
  });

  it("refuses the articles whose warnings it made errors, and only those", () => {
    const got = applyPolicy([warn("A", 1), warn("B", 2), err("C", 3)], { errorOn: new Set(["A"]) });
    expect(got.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["A", "error"],
      ["B", "warning"],
      ["C", "error"],
    ]);
    expect([...got.refused]).toEqual([1]);
  });

  it("under --strict refuses every article with a warning", () => {
    const got = applyPolicy([warn("A", 1), warn("B", 2), err("C", 3)], { strict: true });
    expect(got.diagnostics.every((d) => d.severity === "error")).toBe(true);
    expect([...got.refused].sort()).toEqual([1, 2]);
  });

  it("never ignores an error", () => {
    expect(applyPolicy([err("C", 1)], { ignore: new Set(["C"]) }).diagnostics).toHaveLength(1);
  });
});
