/**
 * Per-code settings applied to a converted input: --ignore leaves a warning out of every
 * report, --error-on makes it an error that refuses its article, and --strict makes every warning
 * one. Errors are never ignored. `severityOf` is the one rule; `applyPolicy` applies it to an
 * input's diagnostics.
 */
import type { Reported } from "./diagnostic-line.js";

export interface CodePolicy {
  ignore?: ReadonlySet<string>;
  errorOn?: ReadonlySet<string>;
  /** --strict: every warning is an error (so none is ignored). */
  strict?: boolean;
}

/** The severity a warning of `code` is reported with, or null when it is ignored: --strict and --error-on before --ignore. */
export function severityOf(code: string, p: CodePolicy): "warning" | "error" | null {
  if (p.strict === true || p.errorOn?.has(code)) return "error";
  return p.ignore?.has(code) ? null : "warning";
}

/** What one input's diagnostics come to under the policy: those to report, and the articles refused by an escalated warning. */
export function applyPolicy(diagnostics: readonly Reported[], p: CodePolicy): { diagnostics: Reported[]; refused: Set<number> } {
  const refused = new Set<number>();
  if (p.strict !== true && (p.ignore?.size ?? 0) === 0 && (p.errorOn?.size ?? 0) === 0) return { diagnostics: diagnostics as Reported[], refused };
  const out: Reported[] = [];
  for (const d of diagnostics) {
    const severity = d.severity === "warning" ? severityOf(d.code, p) : d.severity;
    if (severity === null) continue;
    if (severity === d.severity) out.push(d);
    else {
      out.push({ ...d, severity });
      if (d.article != null) refused.add(d.article);
    }
  }
  return { diagnostics: out, refused };
}
