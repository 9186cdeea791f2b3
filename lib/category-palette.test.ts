import { describe, expect, it } from "vitest";
import { CATEGORY_PALETTE, OTHER_COLOR, categoryColor, rankCategories } from "./category-palette";

describe("category colours by rank", () => {
  it("gives the largest categories the palette in order and everything else grey", () => {
    const totals = Array.from({ length: 10 }, (_, i) => ({ category: `c${i}`, events: 1000 - i * 10 }));
    const ranking = rankCategories([...totals].reverse());
    expect(ranking).toEqual(totals.slice(0, CATEGORY_PALETTE.length).map((t) => t.category));
    expect(categoryColor("c0", ranking)).toBe(CATEGORY_PALETTE[0]);
    expect(categoryColor("c7", ranking)).toBe(CATEGORY_PALETTE[7]);
    expect(categoryColor("c8", ranking)).toBe(OTHER_COLOR);
    expect(categoryColor("never-seen", ranking)).toBe(OTHER_COLOR);
  });

  it("keeps 'other' grey even when a category is called so, and breaks ties by name", () => {
    const ranking = rankCategories([
      { category: "user", events: 5 },
      { category: "account", events: 5 },
      { category: "other", events: 9 },
    ]);
    expect(ranking).toEqual(["other", "account", "user"]);
    expect(categoryColor("other", ranking)).toBe(OTHER_COLOR);
    // Names that a hash put on one colour get different colours by rank.
    expect(categoryColor("account", ranking)).not.toBe(categoryColor("user", ranking));
  });

  it("never hands two ranked categories the same colour", () => {
    expect(new Set(CATEGORY_PALETTE).size).toBe(CATEGORY_PALETTE.length);
    expect(CATEGORY_PALETTE).not.toContain(OTHER_COLOR);
  });
});
