"use client";

import { createContext, useCallback, useContext } from "react";
import { categoryColor, type CategoryRanking } from "@/lib/category-palette";

const RankingContext = createContext<CategoryRanking>([]);

/** Hands the page's category ranking (from the server) to the charts and graphs inside it. */
export function CategoryColorsProvider({ ranking, children }: { ranking: CategoryRanking; children: React.ReactNode }) {
  return <RankingContext.Provider value={ranking}>{children}</RankingContext.Provider>;
}

/** category → its colour, the same on every page. */
export function useCategoryColor(): (category: string) => string {
  const ranking = useContext(RankingContext);
  return useCallback((category: string) => categoryColor(category, ranking), [ranking]);
}

/** A small square of a category's colour, beside its name. */
export function CategorySwatch({ color }: { color: string }) {
  return <span className="category-swatch" style={{ background: color }} aria-hidden="true" />;
}
