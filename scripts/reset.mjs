// `npm run reset`: the local worker back to the demo as shipped, by removing its persisted state.
import { parseArgs } from "node:util";
import { resetState, resolveStateDir, shortPath } from "./lib/state.mjs";

const HELP = `Usage: npm run reset [-- --state DIR]

Removes the local worker's persisted state (default .vitrine/state): visitor profiles, stored
config versions, site figures. The next \`npm start\` serves the demo as shipped.
Refuses while a Vitrine worker runs on that state: stop it first (Ctrl+C where it runs).
\`npm start -- --reset\` does the same, then starts the worker.

Options:
  --state DIR   the state directory (default: $VITRINE_STATE or .vitrine/state)
  --help        this text
`;

let options;
try {
  ({ values: options } = parseArgs({ options: { state: { type: "string" }, help: { type: "boolean", short: "h" } } }));
} catch (error) {
  console.error(`vitrine: ${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const dir = resolveStateDir(options.state);
try {
  const { existed } = resetState(dir);
  console.log(existed ? `Removed the local state in ${shortPath(dir)}: the next \`npm start\` serves the demo as shipped.` : `No local state in ${shortPath(dir)}: nothing to reset.`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
