import { AppError } from "../errors";

/**
 * Why a category cannot be used, or null. `.` and `..` name a folder's self and parent in every
 * path-shaped store (archive keys, exports), so they are refused wherever a category is chosen.
 */
export function categoryProblem(category: string): string | null {
  if (category === "." || category === "..") return `the category ${JSON.stringify(category)} is reserved (it names a folder, not a category)`;
  return null;
}

/** Throws a 422 validation_failed when the category is reserved. */
export function assertCategory(category: string, field = "streamId"): void {
  const problem = categoryProblem(category);
  if (problem) throw new AppError("validation_failed", problem, { field });
}
