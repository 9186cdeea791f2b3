import { isIPv4, isIPv6 } from "node:net";

// Which IP addresses an outbound webhook may reach. Pure and table-tested: an address is refused
// when it is not a public unicast address, in any of the forms that smuggle an IPv4 address into
// IPv6 (mapped, compatible, NAT64, 6to4, Teredo).

/** Why an address is not a public one: the class that refuses it. */
export type BlockedClass =
  | "unspecified"
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "multicast"
  | "broadcast"
  | "metadata"
  | "unique-local"
  | "reserved"
  | "invalid";

type V4Range = [base: number, bits: number, cls: BlockedClass];

const v4 = (s: string) => s.split(".").reduce((n, o) => n * 256 + Number(o), 0);

// Cloud metadata first: the most specific name for the most tempting targets.
const V4_BLOCKED: V4Range[] = [
  [v4("169.254.169.254"), 32, "metadata"], // AWS, GCP, Azure, OpenStack, DigitalOcean
  [v4("169.254.170.2"), 32, "metadata"], // AWS ECS task metadata
  [v4("100.100.100.200"), 32, "metadata"], // Alibaba Cloud
  [v4("255.255.255.255"), 32, "broadcast"],
  [v4("0.0.0.0"), 8, "unspecified"],
  [v4("10.0.0.0"), 8, "private"],
  [v4("100.64.0.0"), 10, "cgnat"],
  [v4("127.0.0.0"), 8, "loopback"],
  [v4("169.254.0.0"), 16, "link-local"],
  [v4("172.16.0.0"), 12, "private"],
  [v4("192.0.0.0"), 24, "reserved"], // IETF protocol assignments
  [v4("192.0.2.0"), 24, "reserved"], // documentation
  [v4("192.88.99.0"), 24, "reserved"], // 6to4 relay anycast
  [v4("192.168.0.0"), 16, "private"],
  [v4("198.18.0.0"), 15, "reserved"], // benchmarking
  [v4("198.51.100.0"), 24, "reserved"],
  [v4("203.0.113.0"), 24, "reserved"],
  [v4("224.0.0.0"), 4, "multicast"],
  [v4("240.0.0.0"), 4, "reserved"],
];

function classifyV4Number(n: number): BlockedClass | null {
  for (const [base, bits, cls] of V4_BLOCKED) {
    const size = 2 ** (32 - bits);
    if (n >= base && n < base + size) return cls;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, embedded dotted IPv4 expanded), or null. */
export function ipv6Groups(address: string): number[] | null {
  let a = address.replace(/^\[|\]$/g, "").split("%")[0];
  if (!isIPv6(a)) return null;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const n = v4(dotted[1]);
    a = `${a.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = a.includes("::") ? a.split("::") : [a, null];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === null ? [] : Array(8 - h.length - t.length).fill("0");
  const groups = [...h, ...fill, ...t].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function embeddedV4(hi: number, lo: number): number {
  return hi * 65536 + lo;
}

function classifyV6(g: number[]): BlockedClass | null {
  const zeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroUpTo(8)) return "unspecified";
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated): the IPv4 address decides.
  if (zeroUpTo(5) && g[5] === 0xffff) return classifyV4Number(embeddedV4(g[6], g[7]));
  if (zeroUpTo(6)) return classifyV4Number(embeddedV4(g[6], g[7])) ?? "reserved";
  // ::ffff:0:a.b.c.d (SIIT translated) too.
  if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return classifyV4Number(embeddedV4(g[6], g[7]));
  // 64:ff9b::/96 (NAT64): the IPv4 address decides; 64:ff9b:1::/48 is for local use only.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4Number(embeddedV4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "private";
  // 2002::/16 (6to4) carries the IPv4 address in groups 1–2.
  if (g[0] === 0x2002) return classifyV4Number(embeddedV4(g[1], g[2]));
  // 2001:0::/32 (Teredo) tunnels to an obfuscated IPv4 client: never a webhook receiver.
  if (g[0] === 0x2001 && g[1] === 0) return "reserved";
  if (g[0] === 0x2001 && g[1] === 0xdb8) return "reserved"; // documentation
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "reserved"; // discard-only
  if ((g[0] & 0xfe00) === 0xfc00) return g[0] === 0xfd00 && g[1] === 0xec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254 ? "metadata" : "unique-local";
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // site-local, deprecated
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  // Anything outside 2000::/3 is not global unicast.
  if ((g[0] & 0xe000) !== 0x2000) return "reserved";
  return null;
}

/** Why a webhook may not reach this IP address, or null when it is a public unicast address. */
export function blockedAddressClass(address: string): BlockedClass | null {
  if (isIPv4(address)) return classifyV4Number(v4(address));
  const groups = ipv6Groups(address);
  return groups ? classifyV6(groups) : "invalid";
}
