// npm run schemas -- push <folder> — register a folder of JSON Schemas (<Type>.v<n>.json) with a Hindsight server, from CI.
import path from "node:path";
import { pushSchemaFolder } from "../lib/schema/schema-folder";

async function main() {
  const [command, dir] = process.argv.slice(2);
  if (command !== "push" || !dir) throw new Error("usage: npm run schemas -- push <folder>   (HINDSIGHT_URL, HINDSIGHT_TOKEN with the schemas:write scope)");
  const token = process.env.HINDSIGHT_TOKEN;
  if (!token) throw new Error("set HINDSIGHT_TOKEN to an API token with the schemas:write scope");
  const url = process.env.HINDSIGHT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const { pushed, failed } = await pushSchemaFolder({ dir: path.resolve(dir), url, token, log: (l) => console.log(l) });
  console.log(`${pushed} schema version(s) registered${failed ? `; stopped at ${failed.type} v${failed.version}` : ""}`);
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(`[schemas] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
