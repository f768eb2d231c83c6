// The one rule for "is this path in that directory", which every layer of src/cli may import
// (like io.ts; tests/api.test.ts exempts both from the layer rules).
import { sep } from "node:path";

/**
 * Whether `path` is the directory `dir` itself or lies anywhere under it. Both are absolute and
 * normalised (as `resolve` gives them); compared by spelling, segment by segment, so `/a/bc` is
 * not inside `/a/b`. A `dir` that ends in a separator (the root, `/`) is taken as it is. To ask
 * for strictly below, write `path !== dir && inside(path, dir)`.
 */
export const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
