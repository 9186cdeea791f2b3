import { closing, isId, isPunct, tokenize, topLevel, type Token } from "./source-tokens";

// Words that keep their meaning whatever a build does: never renamed.
const KEYWORDS = new Set(
  ("break case catch class const continue debugger default delete do else export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with yield let static async await of " +
    "undefined NaN Infinity arguments").split(" "),
);
// Globals a minifier leaves alone; kept by name so that `String(x)` and `Number(x)` differ.
const GLOBALS = new Set(
  ("Math JSON Object Array String Number Boolean Date BigInt Symbol Map Set WeakMap RegExp Error TypeError Intl Promise " +
    "parseInt parseFloat isNaN isFinite structuredClone encodeURIComponent decodeURIComponent globalThis console").split(" "),
);

/**
 * A canonical text for a function's source that is the same whichever tool built it: `tsx`
 * (esbuild, minified whitespace), vitest (re-indented) and `next build` (minified, parameters
 * renamed) all print the same upcaster differently, and the web process and the worker must agree
 * on the snapshot key. Whitespace, comments, quote styles, local names, `!0`/`void 0`, `(0, x.f)`
 * call wrappers, trailing commas and `=> { return x; }` are normalised; anything that changes
 * behaviour (property names, literals, operators, globals) is kept. A rewrite it misses makes two
 * builds disagree, which costs speed (their snapshots are not shared), never a wrong state.
 */
export function sourceFingerprint(source: string): string {
  let t = tokenize(source);
  t = normaliseLiterals(t);
  t = unwrapCallWrappers(t);
  t = t.filter((tok, i) => !(isPunct(tok, ",") && isPunct(t[i + 1], "}", "]", ")")) && !(isPunct(tok, ";") && (i === t.length - 1 || isPunct(t[i + 1], "}"))));
  t = simplifyArrows(t);
  return canonicalNames(t)
    .map((tok) => (tok.kind === "tpl" ? `\`${tok.text}\`` : tok.text))
    .join(" ");
}

// `!0` → true, `!1` → false, `void 0` → undefined (what minifiers write for the literals).
function normaliseLiterals(t: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < t.length; i++) {
    const prev = out[out.length - 1];
    const unary = !prev || (prev.kind === "punct" && !isPunct(prev, ")", "]"));
    if (unary && isPunct(t[i], "!") && t[i + 1]?.kind === "num" && (t[i + 1].text === "0" || t[i + 1].text === "1")) {
      out.push({ kind: "id", text: t[i + 1].text === "0" ? "true" : "false" });
      i++;
    } else if (isId(t[i], "void") && t[i + 1]?.kind === "num" && t[i + 1].text === "0") {
      out.push({ kind: "id", text: "undefined" });
      i++;
    } else {
      out.push(t[i]);
    }
  }
  return out;
}

// Bundlers call imported functions as `(0, mod.fn)(x)` so `this` is unbound: read it as `mod.fn(x)`.
function unwrapCallWrappers(t: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < t.length; i++) {
    if (isPunct(t[i], "(") && t[i + 1]?.kind === "num" && t[i + 1].text === "0" && isPunct(t[i + 2], ",")) {
      let j = i + 3;
      while (isId(t[j]) && isPunct(t[j + 1], ".")) j += 2;
      if (isId(t[j]) && isPunct(t[j + 1], ")")) {
        out.push(...t.slice(i + 3, j + 1));
        i = j + 1;
        continue;
      }
    }
    out.push(t[i]);
  }
  return out;
}

// `(d) => { return x; }`, `(d) => (x)` and `d => x` are one function.
function simplifyArrows(t: Token[]): Token[] {
  let out = t;
  for (let i = 0; i < out.length; i++) {
    if (!(isPunct(out[i], "=") && isPunct(out[i + 1], ">"))) continue;
    if (isPunct(out[i - 1], ")") && isId(out[i - 2]) && isPunct(out[i - 3], "(")) {
      out = [...out.slice(0, i - 3), out[i - 2], ...out.slice(i)];
      i -= 2;
    }
    const body = i + 2;
    if (isPunct(out[body], "{") && isId(out[body + 1], "return")) {
      const end = closing(out, body);
      if (end > 0 && !topLevel(out, body + 2, end, ";")) out = [...out.slice(0, body), { kind: "punct", text: "(" }, ...out.slice(body + 2, end), { kind: "punct", text: ")" }, ...out.slice(end + 1)];
    }
    if (isPunct(out[body], "(") && !isPunct(out[body + 1], "{")) {
      const end = closing(out, body);
      if (end > 0 && !topLevel(out, body + 1, end, ",") && (end === out.length - 1 || isPunct(out[end + 1], ",", ")", "}", "]", ";"))) {
        out = [...out.slice(0, body), ...out.slice(body + 1, end), ...out.slice(end + 1)];
      }
    }
  }
  return out;
}

// Local names become $0, $1, … in order of first use; shorthand `{a}` is spelled `{a: a}` first,
// because a minifier writes `{a: e}` once it renames the binding.
function canonicalNames(t: Token[]): Token[] {
  const names = new Map<string, string>();
  const braces: string[] = [];
  const out: Token[] = [];
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (isPunct(tok, "{", "(", "[")) braces.push(tok.text);
    if (isPunct(tok, "}", ")", "]")) braces.pop();
    if (tok.kind !== "id" || KEYWORDS.has(tok.text) || GLOBALS.has(tok.text)) {
      out.push(tok);
      continue;
    }
    const prev = t[i - 1];
    const inObject = braces[braces.length - 1] === "{" && isPunct(prev, "{", ",");
    const property = isPunct(prev, ".") && !isPunct(t[i - 2], ".");
    if (property || (inObject && isPunct(t[i + 1], ":"))) {
      out.push(tok);
      continue;
    }
    if (!names.has(tok.text)) names.set(tok.text, `$${names.size}`);
    const local: Token = { kind: "id", text: names.get(tok.text)! };
    const shorthand = inObject && (isPunct(t[i + 1], ",", "}") || (isPunct(t[i + 1], "=") && !isPunct(t[i + 2], "=", ">")));
    out.push(...(shorthand ? [tok, { kind: "punct" as const, text: ":" }, local] : [local]));
  }
  return out;
}
