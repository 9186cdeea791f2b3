// SVG and node fills do not reliably resolve CSS variables, so the category palette lives here
// (the growth charts' colour-blind friendly order, then more).
const PALETTE = ["#4f6bed", "#e8864a", "#2ea58a", "#c2478f", "#8a6fdf", "#c9a227", "#3a9fc2", "#7d8a2e"];

/** The same colour for a category on every graph and every page load. */
export function categoryColor(category: string): string {
  let h = 0;
  for (let i = 0; i < category.length; i++) h = (h * 31 + category.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(h) % PALETTE.length];
}

/** Edges and outlines of anything inside a cycle. */
export const LOOP_COLOR = "#c8322f";
export const EDGE_COLOR = "#9aa3b5";
