import { AppError } from "../errors";

/**
 * Refuses what JSON.parse accepts but would be stored differently from what was sent: a number too
 * large for a double (`1e400` parses as Infinity and is stored as null) and a `__proto__` key (an own
 * property after JSON.parse, but object spreads and schema parsing drop it without a word).
 * Walks without recursion, so a deeply nested body cannot exhaust the stack.
 */
export function assertFaithfulJson(root: unknown): void {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new AppError("validation_failed", `the number at ${path || "the top level"} is too large to store exactly`, { field: path });
    }
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]` }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key === "__proto__") throw new AppError("validation_failed", `the key "__proto__" (at ${at}) is not accepted`, { field: at });
      stack.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
}
