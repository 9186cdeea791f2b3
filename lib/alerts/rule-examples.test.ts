import { describe, expect, it } from "vitest";
import { listRuleKindInfo } from "./rule-kinds";

const target = (examples?: Parameters<typeof listRuleKindInfo>[0]) => listRuleKindInfo(examples).find((k) => k.kind === "volume_threshold")!.fields.find((f) => f.name === "target")!;

describe("rule form hints", () => {
  it("take their example from the store: its largest category and one of its streams", () => {
    expect(target({ category: "parcel", streamId: "parcel-7" })).toMatchObject({
      placeholder: "e.g. parcel",
      help: "The category is the stream id up to the first “-” (parcel-7 → parcel).",
    });
  });

  it("name no example at all on an empty store", () => {
    const f = target({ category: null, streamId: null });
    expect(f).toMatchObject({ help: "The category is the stream id up to the first “-”." });
    expect("placeholder" in f ? f.placeholder : undefined).toBeUndefined();
  });
});
