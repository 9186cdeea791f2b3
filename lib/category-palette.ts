// One colour per category on every page. SVG fills and node styles do not reliably resolve CSS
// variables, so the colours live here as values.

/**
 * Okabe and Ito's palette, which stays distinguishable for the common kinds of colour blindness,
 * ordered so the largest categories get the most distinct hues.
 */
export const CATEGORY_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;
/** Everything past the palette, and the "other" series, is grey: it never reads as a named category. */
export const OTHER_COLOR = "#B8BCC6";
export const OTHER_KEY = "other";

/** The categories, largest first, that own a colour; served once by lib/growth/get-category-ranking.ts. */
export type CategoryRanking = readonly string[];

/** The colour of a category by its rank: the n-th largest gets the n-th colour, the rest grey. */
export function categoryColor(category: string, ranking: CategoryRanking): string {
  const rank = category === OTHER_KEY ? -1 : ranking.indexOf(category);
  return rank >= 0 && rank < CATEGORY_PALETTE.length ? CATEGORY_PALETTE[rank] : OTHER_COLOR;
}

/** Categories ordered largest first (ties by name, so the order is stable), keeping only those that get a colour. */
export function rankCategories(totals: readonly { category: string; events: number }[]): string[] {
  return [...totals]
    .sort((a, b) => b.events - a.events || a.category.localeCompare(b.category))
    .slice(0, CATEGORY_PALETTE.length)
    .map((t) => t.category);
}
