// Writes schema/ingest.config.schema.json from the config file's zod schema (run by `npm run schema`).
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../dist/cli/args/config-schema.js";

writeFileSync(new URL("../schema/ingest.config.schema.json", import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
