/** The man page's sections beyond the option table (which comes from commander's definitions). */
export const MAN_SECTIONS: Array<[string, string[]]> = [
  [
    "Output",
    [
      "Records go to standard output: JSON Lines when it is not a terminal, a readable summary on a terminal. With -o FILE they go to FILE (.jsonl, .ndjson or .json), written to a temporary file and renamed into place when the run ends; with --out-dir DIR, one pretty-printed .json file per article under DIR, mirroring the input tree.",
      "Diagnostics go to standard error, one per line, in the form problem matchers read: FILE:LINE:COL: error|warning: CODE message (article N). LINE and COL are left out where unknown; (article N) is added when the input held several articles. The regex: ^(.+?):(?:(\\d+):(?:(\\d+):)?)? (error|warning): ([A-Z_]+) (.*)$",
    ],
  ],
  [
    "Exit status",
    [
      "0: every input gave its records (warnings allowed). 1: some input or article was refused, or a directory held no matching file. 2: usage error, or a named input that cannot be read, or a glob that matches nothing. 130: interrupted.",
    ],
  ],
  [
    "Environment",
    ["NO_COLOR (non-empty): no colour. FORCE_COLOR: 0 turns colour off, any other value on. TERM=dumb: no colour. --color=always|never wins over all three."],
  ],
  [
    "Files",
    [
      'ingest.config.json, in the working directory or the nearest directory above it: default flags and per-code settings ("codes": {"MISSING_DISCLAIMER": "ignore"}). Flags win over it. Its JSON Schema is schema/ingest.config.schema.json in the package.',
    ],
  ],
  [
    "Examples",
    [
      "ingest feeds/ -o records.jsonl",
      "ingest feeds/ --out-dir json/ --errors problems.jsonl",
      "ingest 'feeds/**/*.txt' --ignore MISSING_DISCLAIMER --error-on DUPLICATE_ID",
      "ingest validate json/",
    ],
  ],
  ["See also", ["jq(1). The manual in docs/ of the menafn-ingest source (docs/README.md lists its pages)."]],
];
