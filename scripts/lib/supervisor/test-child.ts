// A child for the supervisor's tests: TEST_CHILD=ready stays up, =crash dies after ready, =fail fails its start.
import { watchParent } from "./watch-parent";

const mode = process.env.TEST_CHILD;
if (mode === "fail") {
  process.send?.({ type: "failed", message: "port 1 is in use: set TEST_PORT to a free port" });
  process.exit(1);
}
process.send?.({ type: "ready", pid: process.pid });
watchParent(() => process.exit(0));
if (mode === "crash") setTimeout(() => process.exit(3), 100);
else setInterval(() => undefined, 1_000);
