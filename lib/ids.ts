import { randomFillSync } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

// Random bytes drawn 4 KiB at a time: one randomBytes(16) per id cost a third of an append's JS time.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function random10(): Buffer {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += 10;
  return pool.subarray(offset - 10, offset);
}

let lastMs = 0;
let counter = 0;

/**
 * A time-ordered UUID (v7) whose ids also increase within a millisecond (RFC 9562's counter in
 * rand_a): generated event ids land in order at the right edge of the unique index, which then
 * splits its last page 90/10 instead of half-filling pages in the middle. A clock that steps
 * back keeps counting from the last millisecond seen.
 */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // A random start below the middle leaves room to count within the millisecond.
    counter = random10()[0] << 2;
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = 0;
  }
  const b = Buffer.alloc(16);
  b.writeUIntBE(lastMs, 0, 6);
  random10().copy(b, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
