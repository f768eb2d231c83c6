/** A problem with the store itself (not with an input): said as one line, exit 2. */
export class StoreError extends Error {}

/** A search query the store cannot read: a usage error, one line, exit 2. */
export class QueryError extends StoreError {}
