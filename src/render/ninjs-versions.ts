// Apart from the renderer so that the CLI can offer the choices without loading it (and node:crypto).
/** The ninjs versions `toNinjs` can write. */
export const NINJS_VERSIONS = ["2.2", "3.1"] as const;
export type NinjsVersion = (typeof NINJS_VERSIONS)[number];
