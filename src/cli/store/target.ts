/** A PostgreSQL URL rather than a path (small, so the batch can tell without loading the store). */
export const isPostgres = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);
