// SVG fills do not reliably resolve CSS variables, so the chart palette lives here (colour-blind
// friendly order; "other" is always grey so it never reads as one of the named series).
const PALETTE = ["#4f6bed", "#e8864a", "#2ea58a", "#c2478f", "#8a6fdf", "#c9a227"];
const OTHER = "#a7adba";

/** The fill for the i-th series, or grey for "other". */
export function seriesColor(key: string, index: number): string {
  return key === "other" ? OTHER : PALETTE[index % PALETTE.length];
}

export const GRID = "#e6e9ef";
export const AXIS = "#6b7385";
