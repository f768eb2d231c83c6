/**
 * The output formats, one record each: how a record is rendered and what the format may be used
 * for. The CLI's main thread (output/emit.ts) and its worker threads (convert/render-record.ts)
 * both render through this registry, and the flag checks (args/options.ts) ask it what a format
 * allows; a new format is one entry here. Renderers that need more code (the summary's chalk,
 * ninjs's node:crypto) load only when their format is chosen.
 */
import type { Article } from "../schema.js";
import { renderJson } from "./json.js";
import type { NinjsVersion } from "./ninjs-versions.js";
import { renderText } from "./text.js";

/** The output formats by name, as `--format` and the config file take them. */
export const FORMAT_NAMES = ["json", "summary", "ninjs", "text"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** What a renderer is told besides the record. */
export interface Look {
  pretty: boolean;
  color: boolean;
  ninjsVersion: NinjsVersion;
  /** The terminal's width, or null. */
  width: number | null;
  /** Warning codes left out (--ignore). */
  ignore: ReadonlySet<string>;
}

/** A record's output text, its line break included. */
export type Renderer = (record: Article) => string;

export interface OutputFormat {
  name: FormatName;
  renderer(look: Look): Promise<Renderer>;
  /** Records follow each other line after line (JSON Lines), or as blocks with a blank line between them. */
  separator: "line" | "blank";
  /** Has a pretty-printed form: the default on a terminal, and what an --out-dir file holds. */
  pretty: boolean;
  /** May go to `-o FILE` (and carry --inline-errors among its lines). */
  toFile: boolean;
  /** May go to `--out-dir`, one file per article. */
  toDir: boolean;
  /** May be rendered by a worker thread (a format for people is rendered by the main thread). */
  inWorker: boolean;
  /** Shows an article's warnings in its own block, so they are not repeated on stderr. */
  showsWarnings: boolean;
}

const json: OutputFormat = {
  name: "json",
  renderer:
    async ({ pretty }) =>
    (record) =>
      `${renderJson(record, pretty)}\n`,
  separator: "line",
  pretty: true,
  toFile: true,
  toDir: true,
  inWorker: true,
  showsWarnings: false,
};

export const FORMATS: Readonly<Record<FormatName, OutputFormat>> = {
  json,
  ninjs: {
    ...json,
    name: "ninjs",
    renderer: async ({ pretty, ninjsVersion }) => {
      const { renderNinjs } = await import("./ninjs.js");
      return (record) => `${renderNinjs(record, ninjsVersion, pretty)}\n`;
    },
  },
  summary: {
    name: "summary",
    renderer: async ({ color, width, ignore }) => {
      const { renderSummary } = await import("./summary.js");
      const look = { color, ignore, ...(width !== null ? { width } : {}) };
      return (record) => `${renderSummary(record, look)}\n`;
    },
    separator: "blank",
    pretty: false,
    toFile: false,
    toDir: false,
    inWorker: false,
    showsWarnings: true,
  },
  text: {
    name: "text",
    renderer: async () => renderText,
    separator: "blank",
    pretty: false,
    toFile: false,
    toDir: false,
    inWorker: false,
    showsWarnings: false,
  },
};
