/** The flag table's entries that only `ingest watch` takes (it takes some of the batch's too: their `commands` say so). */
import { parsed, text, toggle } from "./flag-spec.js";
import { DEFAULT_MAX_BYTES } from "./flags-batch.js";
import { sizeOption, wholeNumber } from "./parsers.js";

export const WATCH_FLAGS = {
  settle: parsed<number>()({
    long: "--settle",
    value: "<ms>",
    help: "a file not renamed into place is complete once its size and mtime have been stable this long (default 2000)",
    doc: "how long a file's size and mtime must stay the same before it is taken (default 2000; 0: at once)",
    parse: wholeNumber(0),
    default: 2000,
    commands: ["watch"],
  }),
  poll: toggle({
    long: "--poll",
    help: "poll the directory instead of using file-system events (network file systems)",
    default: false,
    commands: ["watch"],
  }),
  pollInterval: parsed<number>()({
    long: "--poll-interval",
    value: "<ms>",
    help: "how often --poll looks (default 1000)",
    doc: "how often `--poll` looks, in milliseconds (default 1000)",
    parse: wholeNumber(10),
    default: 1000,
    commands: ["watch"],
  }),
  archive: text({
    long: "--archive",
    value: "<dir>",
    help: "move each ingested input there (same relative path) once its outputs are durable",
    doc: "move each ingested input there, mirroring its path, once its outputs are durable and journaled",
    complete: "dir",
    commands: ["watch"],
  }),
  quarantine: text({
    long: "--quarantine",
    value: "<dir>",
    help: "move each refused input there, with <name>.errors.json beside it",
    doc: "move each refused input there, with `NAME.errors.json` beside it",
    complete: "dir",
    commands: ["watch"],
  }),
  journal: text({
    long: "--journal",
    value: "<file>",
    help: "the journal (default: <out-dir>/.ingest-journal.jsonl; none on stdout unless named)",
    doc: "where the journal is (default `<out-dir>/.ingest-journal.jsonl`; on stdout, none unless named)",
    complete: "file",
    commands: ["watch"],
  }),
  log: text({
    long: "--log",
    value: "<file>",
    help: "append one JSON event per ingested or refused file",
    complete: "file",
    commands: ["watch"],
  }),
  once: toggle({
    long: "--once",
    help: "ingest what is there (once complete) and exit, without watching",
    doc: "take what is there (once complete), then exit: for cron, or to drain a directory",
    default: false,
    commands: ["watch"],
  }),
  // Not --max-bytes: in a batch that streams a larger input article by article; here a larger input is refused whole.
  maxInputBytes: parsed<number>()({
    long: "--max-input-bytes",
    value: "<size>",
    help: "refuse inputs larger than this (bytes, or 512K, 10M; default 10M)",
    doc: "refuse an input larger than `SIZE` whole (bytes, or `512K`, `10M`; default `10M`); a batch's `--max-bytes` streams such an input instead",
    parse: sizeOption,
    default: DEFAULT_MAX_BYTES,
    commands: ["watch"],
  }),
};
