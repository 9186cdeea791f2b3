import { describe, expect, it } from "vitest";
import { ClusterError } from "../../lib/postgres/cluster-error";
import { describeStartError } from "./start-error";
import { StartFailure } from "./supervisor/fork-child";

describe("a failed start's one line", () => {
  it("keeps our own explanations as they are", () => {
    expect(describeStartError(new ClusterError("port 54329 is in use: set HINDSIGHT_PG_PORT to a free port"))).toBe("port 54329 is in use: set HINDSIGHT_PG_PORT to a free port");
    expect(describeStartError(new StartFailure("port 3000 is already in use (set PORT to use another)"))).toBe("port 3000 is already in use (set PORT to use another)");
  });

  it("reports a full disk as a full disk, from Node or from PostgreSQL", () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    const diskFull = Object.assign(new Error('could not extend file "base/16384/16390": No space left on device'), { code: "53100" });
    expect(describeStartError(enospc)).toMatch(/^the disk is full \(ENOSPC: no space left on device, write\): free some space/);
    expect(describeStartError(diskFull)).toMatch(/^the disk is full \(could not extend file/);
  });

  it("never says undefined: an empty connection error names its cause", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:54329"), { code: "ECONNREFUSED" });
    const aggregate = Object.assign(new AggregateError([refused], ""), { code: "ECONNREFUSED" });
    expect(describeStartError(aggregate)).toBe("PostgreSQL stopped answering during start (connect ECONNREFUSED 127.0.0.1:54329)");
    expect(describeStartError(undefined)).toBe("an unknown failure (no message)");
    expect(describeStartError(Object.assign(new Error(""), { code: "EACCES" }))).toBe("EACCES");
  });
});
