/** What Next.js hands a page as `searchParams` once awaited. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, or undefined when it is absent or empty. */
export function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === "" ? undefined : first.trim();
}

/** A query parameter that must be a whole number >= 1; anything else counts as absent. */
export function positiveIntParam(params: SearchParams, name: string): number | undefined {
  const value = firstParam(params, name);
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= 2 ** 31 - 1 ? n : undefined;
}

/** A query string from the parameters that have a value ("" when none do), for links that keep filters. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
