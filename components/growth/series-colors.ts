import { CATEGORY_PALETTE, OTHER_COLOR, OTHER_KEY } from "@/lib/category-palette";

/** Series that are not categories (event types) take the palette by their rank in the chart, "other" grey. */
export function seriesColor(key: string, index: number): string {
  return key === OTHER_KEY ? OTHER_COLOR : CATEGORY_PALETTE[index % CATEGORY_PALETTE.length];
}

export const GRID = "#e6e9ef";
export const AXIS = "#6b7385";
