// How long an API token lives: "90d", "12h", "2w", or "never". Plain data, shared by the command
// line and the Settings form.

/** The longest lifetime a token can be given (ten years). */
export const MAX_TOKEN_SECONDS = 3650 * 86_400;

const UNIT_SECONDS = { h: 3600, d: 86_400, w: 7 * 86_400 } as const;

/** Seconds from now until the token expires, null for "never"; throws on anything else. */
export function parseTokenExpiry(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === "never") return null;
  const m = /^(\d{1,5})([hdw])$/.exec(t);
  if (!m || Number(m[1]) === 0) throw new Error(`an expiry is a number of hours, days or weeks (12h, 90d, 2w) or "never", not ${JSON.stringify(text)}`);
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
  if (seconds > MAX_TOKEN_SECONDS) throw new Error("a token lives at most 3650 days");
  return seconds;
}

/** The choices the Settings form offers, the first being the default. */
export const TOKEN_EXPIRY_CHOICES = [
  { value: "90d", label: "90 days" },
  { value: "30d", label: "30 days" },
  { value: "7d", label: "7 days" },
  { value: "365d", label: "1 year" },
  { value: "never", label: "Never" },
] as const;
