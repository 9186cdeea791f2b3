// Graph strokes (categories take their colours from lib/category-palette.ts, by rank).
/** Edges and outlines of anything inside a cycle. */
export const LOOP_COLOR = "#c8322f";
export const EDGE_COLOR = "#9aa3b5";
