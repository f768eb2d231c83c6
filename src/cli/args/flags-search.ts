/** The flag table's entries that only `ingest search` takes (it takes --db, --format and --color from the batch's too). */
import { parsed, text } from "./flag-spec.js";
import { positiveInt } from "./parsers.js";

export const SEARCH_FLAGS = {
  limit: parsed<number>()({
    long: "--limit",
    value: "<n>",
    help: "at most this many hits (default 20)",
    parse: positiveInt,
    default: 20,
    commands: ["search"],
  }),
  source: text({
    long: "--source",
    value: "<name>",
    help: "only articles from this source (the provider of the lead's (MENAFN- ...) tag, as stored)",
    commands: ["search"],
  }),
  since: text({
    long: "--since",
    value: "<date>",
    help: "only articles from this date or UTC time on (the timestamp, else the ID's date)",
    commands: ["search"],
  }),
  until: text({
    long: "--until",
    value: "<date>",
    help: "only articles up to this date (the whole day) or UTC time",
    commands: ["search"],
  }),
};
