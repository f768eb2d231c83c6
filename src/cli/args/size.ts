/** Sizes and counts on the command line: `10M`, `512k`, `1.5G`, `1048576`. */

/** A number with an optional binary unit: 10M, 10MiB, 10mb, 512k, 1.5G. */
export const SIZE_PATTERN = /^(\d+(?:\.\d+)?) ?([kmgtKMGT]?)(?:[iI]?[bB])?$/;

const UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Bytes for a size such as `10M` or `10MiB` (binary units, case-insensitive, optional B/iB), or null when it is not one. */
export function parseSize(text: string): number | null {
  const m = SIZE_PATTERN.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] ?? 1);
  return Number.isSafeInteger(Math.floor(n)) && n >= 1 ? Math.floor(n) : null;
}

/** A positive whole number, or null. */
export function parseCount(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
