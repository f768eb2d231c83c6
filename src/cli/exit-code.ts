/** What happened in a run, as far as the exit code cares. */
export interface RunStatus {
  /** Bad flags or arguments. */
  usage: boolean;
  /** A named input could not be read (missing file, permission), or a glob matched nothing. */
  io: boolean;
  /** Some input or article was refused with an error. */
  refused: boolean;
  /** Stopped by SIGINT. */
  interrupted: boolean;
}

export const newStatus = (): RunStatus => ({ usage: false, io: false, refused: false, interrupted: false });

/** The exit policy in one place: 130 interrupted, 2 usage or a named input unreadable, 1 refused input (bad walked files included), 0 otherwise. */
export function exitCode(status: RunStatus): number {
  if (status.interrupted) return 130;
  if (status.usage || status.io) return 2;
  if (status.refused) return 1;
  return 0;
}
