import net from "node:net";
import type { IncomingHttpHeaders } from "node:http";

/** The one header our server sets for the handlers behind it; any copy a client sent is replaced. */
export const CLIENT_IP_HEADER = "x-hindsight-client-ip";

/** Forwarding headers a client could forge: believed only from a trusted proxy, and never passed on. */
export const FORWARDING_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/** Which socket peers may tell us who the client is (HINDSIGHT_TRUSTED_PROXIES). */
export type TrustedProxies = { has(address: string): boolean };

/** An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 address it carries. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

/** Parses comma-separated CIDRs (or bare addresses) into a matcher; a bad entry throws, naming it. */
export function parseTrustedProxies(entries: string[]): TrustedProxies {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [addr, prefixText] = entry.split("/");
    const address = normaliseAddress(addr.trim());
    const family = net.isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new Error(`HINDSIGHT_TRUSTED_PROXIES: "${entry}" is not an IPv4 or IPv6 address or CIDR`);
    }
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return {
    has(address) {
      const a = normaliseAddress(address);
      const family = net.isIP(a);
      return family !== 0 && list.check(a, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** One hop as a proxy wrote it: `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711`, `"[2001:db8::1]"`. */
function hopAddress(raw: string): string | null {
  let s = raw.trim().replace(/^"|"$/g, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = normaliseAddress(s);
  return net.isIP(s) ? s : null;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(",") : v;
}

/** The hops a proxy reported, farthest first: from `Forwarded`, else `X-Forwarded-For`, else `X-Real-IP`. */
function reportedHops(headers: IncomingHttpHeaders): (string | null)[] {
  const forwarded = first(headers.forwarded);
  if (forwarded) {
    return forwarded.split(",").flatMap((element) => {
      const pair = element.split(";").map((p) => p.trim()).find((p) => /^for=/i.test(p));
      return pair ? [hopAddress(pair.slice(4))] : [];
    });
  }
  const xff = first(headers["x-forwarded-for"]);
  if (xff) return xff.split(",").filter((s) => s.trim() !== "").map(hopAddress);
  const real = first(headers["x-real-ip"]);
  return real ? [hopAddress(real)] : [];
}

/**
 * Who the client is: the socket's peer, unless that peer is a trusted proxy; then the nearest hop
 * its headers name that is not itself trusted (a hop that is not an address stops the walk at the
 * proxy that wrote it, since nothing beyond it can be believed).
 */
export function resolveClientAddress(peer: string | undefined, headers: IncomingHttpHeaders, trusted: TrustedProxies): string | null {
  if (!peer) return null;
  let client = normaliseAddress(peer);
  if (!trusted.has(client)) return client;
  const hops = reportedHops(headers);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop === null) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}

/** Replaces every forwarding header with the one address we resolved, so nothing behind us reads a forged one. */
export function rewriteForwardingHeaders(headers: IncomingHttpHeaders, client: string | null, fromTrustedProxy: boolean): void {
  // Host and scheme from a trusted proxy are kept: Next.js builds absolute URLs from them.
  for (const h of FORWARDING_HEADERS) {
    if (fromTrustedProxy && (h === "x-forwarded-host" || h === "x-forwarded-proto" || h === "x-forwarded-port")) continue;
    delete headers[h];
  }
  if (client) headers[CLIENT_IP_HEADER] = client;
  else delete headers[CLIENT_IP_HEADER];
}
