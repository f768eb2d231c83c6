/** Commander's value parsers for the flag table (flags.ts): each refuses a bad value with one line. */
import { InvalidArgumentError } from "commander";
import { DIAGNOSTIC_CODES } from "../../diagnostics.js";
import { parseCount, parseSize } from "./size.js";
import { closest } from "./suggest.js";

/** A repeatable flag: every value given, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** A positive whole number. */
export function positiveInt(value: string): number {
  const n = parseCount(value);
  if (n === null) throw new InvalidArgumentError("not a positive whole number.");
  return n;
}

/** A size: bytes, or a number with K, M or G. */
export function sizeOption(value: string): number {
  const n = parseSize(value);
  if (n === null) throw new InvalidArgumentError("not a size: give bytes or a number with K, M or G (10M).");
  return n;
}

/** A whole number of at least `min` (milliseconds, where 0 may mean "at once"). */
export function wholeNumber(min: number): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`not a whole number of at least ${min}.`);
    return n;
  };
}

/** `A,B` lists of diagnostic codes, repeatable; an unknown code is refused with the nearest one. */
export function codes(value: string, previous: string[] | undefined): string[] {
  const out = [...(previous ?? [])];
  for (const raw of value.split(",")) {
    const code = raw.trim().toUpperCase();
    if (code === "") continue;
    if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code)) {
      const near = closest(code, DIAGNOSTIC_CODES);
      throw new InvalidArgumentError(`${raw} is no diagnostic code${near ? ` (did you mean ${near}?)` : ""}.`);
    }
    out.push(code);
  }
  return out;
}
