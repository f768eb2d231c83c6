/**
 * Per-code settings applied to a converted input: --ignore leaves a warning out of every
 * report, --error-on makes it an error that refuses its article. Errors are never ignored.
 */
import type { Reported } from "./diagnostic-line.js";

export interface CodePolicy {
  ignore?: ReadonlySet<string>;
  errorOn?: ReadonlySet<string>;
}

/** What one input's diagnostics come to under the policy: those to report, and the articles refused by an escalated warning. */
export function applyPolicy(diagnostics: readonly Reported[], p: CodePolicy): { diagnostics: Reported[]; refused: Set<number> } {
  const refused = new Set<number>();
  if ((p.ignore?.size ?? 0) === 0 && (p.errorOn?.size ?? 0) === 0) return { diagnostics: diagnostics as Reported[], refused };
  const out: Reported[] = [];
  for (const d of diagnostics) {
    if (d.severity === "warning" && p.ignore?.has(d.code)) continue;
    if (d.severity === "warning" && p.errorOn?.has(d.code)) {
      out.push({ ...d, severity: "error" });
      if (d.article != null) refused.add(d.article);
      continue;
    }
    out.push(d);
  }
  return { diagnostics: out, refused };
}

/** The severity a warning of `code` is reported with, or null when it is ignored. */
export function severityOf(code: string, p: CodePolicy, strict: boolean): "warning" | "error" | null {
  if (strict || p.errorOn?.has(code)) return "error";
  return p.ignore?.has(code) ? null : "warning";
}
