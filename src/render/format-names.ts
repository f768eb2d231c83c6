/** The output formats by name, as `--format` and the config file take them (the CLI's format registry has what each does). */
export const FORMAT_NAMES = ["json", "summary", "ninjs", "text"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
