/**
 * `menafn-ingest/summary`: the terminal summary renderer, apart from the root so that a plain
 * library import does not load chalk.
 */
export { renderSummary, type SummaryOptions } from "./render/summary.js";
