import { createHash } from "node:crypto";

/** mulberry32: a tiny, fast 32-bit PRNG. The same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed for one part of the world, so each task draws from its own sequence in any run order. */
export function seedFor(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  // murmur3 finaliser: nearby keys ("order/1", "order/2") must not give nearby seeds.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Seeded random helpers over mulberry32. */
export class Rng {
  private readonly next01: () => number;

  constructor(seed: number) {
    this.next01 = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.next01();
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next01();
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next01() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next01() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next01() * items.length)];
  }

  /** A standard normal draw (Box–Muller). */
  gauss(): number {
    const u = 1 - this.next01();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next01());
  }
}

/**
 * A deterministic UUID (v4 layout) for a named thing in the world (`loop/u00007/correlation`). Hashed from
 * (seed, key) rather than drawn from mulberry32: its 32-bit state means thousands of per-task
 * sequences would overlap and collide, while SHA-256 of a unique key cannot, and the id no longer
 * depends on how many draws came before it.
 */
export function demoUuid(seed: number, key: string): string {
  const b = createHash("sha256").update(`hindsight-demo/${seed}/${key}`).digest();
  return formatUuid(b.readUInt32BE(0), b.readUInt32BE(4), b.readUInt32BE(8), b.readUInt32BE(12));
}

/**
 * Deterministic UUIDs for the numbered members of one family (the events of one stream by
 * version): SHA-256 once per family, then a cheap bijective mix per number, because hashing
 * every one of 200 000 event ids costs seconds. Distinct numbers give distinct first words.
 */
export function uuidFamily(seed: number, family: string): (n: number) => string {
  const b = createHash("sha256").update(`hindsight-demo/${seed}/${family}`).digest();
  const [w0, w1, w2, w3] = [0, 4, 8, 12].map((o) => b.readUInt32BE(o));
  return (n) => formatUuid(fmix32(w0 ^ n), fmix32(w1 ^ Math.imul(n, 0x9e3779b1)), fmix32(w2 + n), fmix32(w3 ^ Math.imul(n, 0x85ebca6b)));
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex16 = (w: number) => HEX[(w >>> 8) & 255] + HEX[w & 255];

function formatUuid(a: number, b: number, c: number, d: number): string {
  // Version 4 and the RFC 4122 variant, so the ids look like any other random UUID.
  b = (b & 0xffff0fff) | 0x4000;
  c = (c & 0x3fffffff) | 0x80000000;
  return `${hex16(a >>> 16)}${hex16(a)}-${hex16(b >>> 16)}-${hex16(b)}-${hex16(c >>> 16)}-${hex16(c)}${hex16(d >>> 16)}${hex16(d)}`;
}
