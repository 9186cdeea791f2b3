// Five-field cron (minute hour day-of-month month day-of-week, UTC): numbers, '*', ranges 'a-b',
// lists 'a,b' and steps '*/n' or 'a-b/n'. Day-of-month and day-of-week combine with OR when both
// are restricted, as classic cron does.

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

export type Cron = { sets: Set<number>[]; domAny: boolean; dowAny: boolean };

/** Parses a cron expression, or throws saying which field is wrong. */
export function parseCron(expression: string): Cron {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expression}": five fields (minute hour day-of-month month day-of-week)`);
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]));
  // 7 is Sunday too.
  if (sets[4].has(7)) sets[4].add(0);
  return { sets, domAny: parts[2] === "*", dowAny: parts[4] === "*" };
}

function parseField(text: string, f: (typeof FIELDS)[number]): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw new Error(`cron ${f.name} "${text}": use *, n, a-b, lists and /step`);
    const from = m[1] === "*" ? f.min : Number(m[2]);
    const to = m[1] === "*" ? f.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? f.max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < f.min || to > f.max || from > to || step < 1) throw new Error(`cron ${f.name} "${item}": between ${f.min} and ${f.max}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** True when the minute of `at` (UTC) is one the expression names. */
export function cronMatches(cron: Cron, at: Date): boolean {
  const [minute, hour, dom, month, dow] = cron.sets;
  if (!minute.has(at.getUTCMinutes()) || !hour.has(at.getUTCHours()) || !month.has(at.getUTCMonth() + 1)) return false;
  const domOk = dom.has(at.getUTCDate());
  const dowOk = dow.has(at.getUTCDay());
  if (cron.domAny || cron.dowAny) return domOk && dowOk;
  return domOk || dowOk;
}
