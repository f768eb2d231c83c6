/** A problem with the store itself (not with an input): said as one line, exit 2. */
export class StoreError extends Error {}
