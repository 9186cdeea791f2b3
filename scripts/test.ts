// npm test — every test tier in order: types, lint, unit, integration (real PostgreSQL), e2e (real Chromium; then over an Emmett source),
// chaos (processes killed under load) and upgrade (the previous release's data dir).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

type Step = { name: string; cmd: string[]; report?: string; count?: (file: string) => { passed: number; failed: number }; env?: Record<string, string> };

const out = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-test-"));
const bin = (name: string) => path.join("node_modules", ".bin", name);

const vitestCount = (file: string) => {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0) };
};
const playwrightCount = (file: string) => {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: r.stats?.expected ?? 0, failed: (r.stats?.unexpected ?? 0) + (r.errors?.length ?? 0) };
};

const only = process.argv.slice(2);
const steps: Step[] = [
  // Row types of the hot-path SQL are regenerated from the migrated schema first (scripts/generate-sql-types.ts).
  { name: "types", cmd: ["npm", "run", "-s", "typecheck"] },
  { name: "lint", cmd: [bin("eslint"), "--max-warnings=0", "."] },
  { name: "unit", cmd: [bin("vitest"), "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile=${out}/unit.json`], report: `${out}/unit.json`, count: vitestCount },
  { name: "int", cmd: [bin("vitest"), "run", "--project", "int", "--reporter=default", "--reporter=json", `--outputFile=${out}/int.json`], report: `${out}/int.json`, count: vitestCount },
  { name: "e2e", cmd: [bin("playwright"), "test", "--reporter=list,json"], report: `${out}/e2e.json`, count: playwrightCount },
  // The console over an Emmett store written by emmett's own client (its own server variant).
  {
    name: "e2e-src",
    cmd: [bin("playwright"), "test", "-c", "playwright.source.config.ts", "--reporter=list,json"],
    report: `${out}/e2e-source.json`,
    count: playwrightCount,
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e-source.json` },
  },
  // The real app as npm start runs it, with its processes killed under load (after e2e: the build is current).
  { name: "chaos", cmd: [bin("tsx"), "--conditions=react-server", "scripts/chaos/run.ts"] },
  { name: "upgrade", cmd: [bin("tsx"), "--conditions=react-server", "scripts/chaos/upgrade.ts"] },
].filter((s) => only.length === 0 || only.includes(s.name));

let passed = 0;
let failed = 0;
const summary: string[] = [];
for (const step of steps) {
  const t0 = performance.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(" ")}`);
  const res = spawnSync(step.cmd[0], step.cmd.slice(1), {
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json`, NEXT_TELEMETRY_DISABLED: "1", ...step.env },
  });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  let counts = { passed: res.status === 0 ? 1 : 0, failed: res.status === 0 ? 0 : 1 };
  if (step.report && step.count && fs.existsSync(step.report)) counts = step.count(step.report);
  if (res.status !== 0 && counts.failed === 0) counts.failed = 1;
  // A tier that ran no test proves nothing: count it as a failure (e.g. its database did not start).
  if (step.report && counts.passed === 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${step.name.padEnd(7)} ${res.status === 0 && counts.failed === 0 ? "ok  " : "FAIL"} ${counts.passed} passed, ${counts.failed} failed (${secs} s)`);
}
console.log(`\n${summary.join("\n")}`);
fs.rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
