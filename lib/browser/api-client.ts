/** The error body every /api/v1 route answers with: `{"error": {"code", "message"}}`. */
type ApiErrorBody = { error?: { code?: string; message?: string } };

/** An API answer that was not 2xx, with the server's own message so the UI can show it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GETs one of Hindsight's own API routes from the browser (the session cookie authenticates it)
 * and returns the JSON, or throws an ApiError carrying the route's message. The one way client
 * components read the API; answers are live data, never taken from the browser's cache.
 */
export async function fetchApi<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as ApiErrorBody;
    throw new ApiError(res.status, body.error?.code ?? "http_error", body.error?.message ?? `the server answered ${res.status}`);
  }
  return (await res.json()) as T;
}

/** The API path of one stream's sub-resource, the id encoded once. */
export function streamApiPath(streamId: string, resource: "events" | "state" | "diff", query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return `/api/v1/streams/${encodeURIComponent(streamId)}/${resource}?${params}`;
}
