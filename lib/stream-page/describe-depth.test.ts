import { describe, expect, it } from "vitest";
import { describeDepth } from "./describe-depth";

describe("describeDepth", () => {
  it("names the store's depth as hops from the root command and the metadata's figure as the cause's", () => {
    expect(describeDepth(1, { causationDepth: 0 })).toBe("1 hop from the root command (its cause is at 0, as metadata.causationDepth says)");
  });

  it("says nothing more when the metadata carries no depth, or the same one", () => {
    expect(describeDepth(0, {})).toBe("0 hops from the root command");
    expect(describeDepth(3, { causationDepth: 3 })).toBe("3 hops from the root command");
    expect(describeDepth(2, null)).toBe("2 hops from the root command");
    expect(describeDepth(2, { causationDepth: "0" })).toBe("2 hops from the root command");
  });
});
