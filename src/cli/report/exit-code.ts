/** What happened in a run, as far as the exit code cares. */
export interface RunStatus {
  /** Bad flags or arguments. */
  usage: boolean;
  /** A named input could not be read (missing file, permission), a glob matched nothing, or an output of the run (stdout, --errors) failed. */
  io: boolean;
  /** Some input or article was refused with an error. */
  refused: boolean;
  /** Stopped by SIGINT, SIGTERM or SIGHUP. */
  interrupted: boolean;
  /** The signal that stopped the run, when it was not SIGINT. */
  signal?: string;
}

export const newStatus = (): RunStatus => ({ usage: false, io: false, refused: false, interrupted: false });

/** A bug: sysexits' EX_SOFTWARE, distinct from every code a run ends with by design. */
export const INTERNAL_ERROR = 70;

/** 128 + the signal's number, as shells report a process ended by it. */
export const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * The exit policy in one place: 130 / 143 / 129 interrupted by SIGINT / SIGTERM / SIGHUP, 2 usage,
 * a named input unreadable or an output failed, 1 refused input (bad walked files included), 0
 * otherwise. 70 (INTERNAL_ERROR) is a bug, decided by main.
 */
export function exitCode(status: RunStatus): number {
  if (status.interrupted) return SIGNAL_EXIT[status.signal ?? "SIGINT"] ?? 130;
  if (status.usage || status.io) return 2;
  if (status.refused) return 1;
  return 0;
}
