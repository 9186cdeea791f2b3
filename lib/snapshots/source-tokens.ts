/** One lexical token of JavaScript source: what the fingerprint compares, whitespace and comments gone. */
export type Token = { kind: "id" | "str" | "num" | "tpl" | "punct"; text: string };

const IDENT_START = /[A-Za-z_$\u0080-\uffff]/;
const IDENT_PART = /[\w$\u0080-\uffff]/;

/**
 * Splits function source into tokens. Strings are reduced to their value (quote style and escapes
 * differ between builds), numbers to their value (`1e3` and `1000` are the same). Templates are kept
 * raw and regular expressions come out as punctuation: both read the same in every build.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end === -1 ? src.length : end + 2;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      const raw = src.slice(i + 1, j);
      out.push(c === "`" ? { kind: "tpl", text: raw } : { kind: "str", text: JSON.stringify(stringValue(raw)) });
      i = j + 1;
    } else if (/\d/.test(c) || (c === "." && /\d/.test(src[i + 1] ?? ""))) {
      let j = i;
      while (j < src.length && (/[\w.]/.test(src[j]) || (/[+-]/.test(src[j]) && /[eE]/.test(src[j - 1])))) j++;
      const raw = src.slice(i, j).replace(/_/g, "");
      out.push({ kind: "num", text: raw.endsWith("n") ? raw : String(Number(raw)) });
      i = j;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_PART.test(src[j])) j++;
      out.push({ kind: "id", text: src.slice(i, j) });
      i = j;
    } else {
      out.push({ kind: "punct", text: c });
      i++;
    }
  }
  return out;
}

/** The value of a quoted string's body, whichever quote it used. */
function stringValue(raw: string): string {
  let body = "";
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === "\\") {
      body += raw[i + 1] === "'" ? "'" : raw.slice(i, i + 2);
      i++;
    } else {
      body += raw[i] === '"' ? '\\"' : raw[i];
    }
  }
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    // An escape JSON lacks (\x41, \u{...}, \0): the raw body still reads the same on every build.
    return raw;
  }
}

/** Whether a token is one of these punctuation characters. */
export function isPunct(tok: Token | undefined, ...chars: string[]): boolean {
  return tok?.kind === "punct" && chars.includes(tok.text);
}

/** Whether a token is an identifier (this one, when given). */
export function isId(tok: Token | undefined, text?: string): boolean {
  return tok?.kind === "id" && (text === undefined || tok.text === text);
}

/** Index of the bracket closing the one at `open`, or -1. */
export function closing(t: Token[], open: number): number {
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  const stack: string[] = [];
  for (let i = open; i < t.length; i++) {
    if (t[i].kind !== "punct") continue;
    if (pairs[t[i].text]) stack.push(pairs[t[i].text]);
    else if (t[i].text === stack[stack.length - 1] && (stack.pop(), stack.length === 0)) return i;
  }
  return -1;
}

/** Whether a `char` token sits at the top level between `from` and `to` (exclusive). */
export function topLevel(t: Token[], from: number, to: number, char: string): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (isPunct(t[i], "(", "[", "{")) depth++;
    else if (isPunct(t[i], ")", "]", "}")) depth--;
    else if (depth === 0 && isPunct(t[i], char)) return true;
  }
  return false;
}
