/** bytes → text (minimal: BOM and UTF-8); the full decoder lands with the encodings work. */
import type { Diagnostic } from "./diagnostics.js";
import type { Encoding } from "./schema.js";

export interface Decoded {
  text: string;
  encoding: Encoding;
  diagnostics: Diagnostic[];
}

/** Decode input bytes to text, reporting what was done as diagnostics. */
export function decode(bytes: Uint8Array): Decoded {
  return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", diagnostics: [] };
}
