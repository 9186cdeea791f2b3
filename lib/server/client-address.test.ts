import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, parseTrustedProxies, resolveClientAddress, rewriteForwardingHeaders } from "./client-address";

// Who the client is: the socket's peer, unless the peer is a proxy we were told to trust.

describe("trusted proxies", () => {
  const trusted = parseTrustedProxies(["10.0.0.0/8", "192.0.2.7", "2001:db8:aa::/48"]);

  it("match IPv4 and IPv6 CIDRs and single addresses, IPv4-mapped IPv6 included", () => {
    expect(trusted.has("10.20.30.40")).toBe(true);
    expect(trusted.has("::ffff:10.1.2.3")).toBe(true);
    expect(trusted.has("192.0.2.7")).toBe(true);
    expect(trusted.has("192.0.2.8")).toBe(false);
    expect(trusted.has("2001:db8:aa:1::5")).toBe(true);
    expect(trusted.has("2001:db8:ab::5")).toBe(false);
    expect(trusted.has("not an address")).toBe(false);
  });

  it("refuse an entry that is not an address or CIDR, naming it", () => {
    expect(() => parseTrustedProxies(["10.0.0.0/33"])).toThrow(/"10\.0\.0\.0\/33"/);
    expect(() => parseTrustedProxies(["proxy.internal"])).toThrow(/proxy\.internal/);
  });
});

describe("resolving the client address", () => {
  const trusted = parseTrustedProxies(["10.0.0.0/8", "2001:db8::/32"]);

  it("given a peer that is not a trusted proxy, then its forwarding headers are ignored", () => {
    expect(resolveClientAddress("198.51.100.4", { "x-forwarded-for": "203.0.113.9" }, trusted)).toBe("198.51.100.4");
    expect(resolveClientAddress("::ffff:198.51.100.4", { forwarded: "for=203.0.113.9" }, trusted)).toBe("198.51.100.4");
    expect(resolveClientAddress("198.51.100.4", { "x-real-ip": "203.0.113.9" }, parseTrustedProxies([]))).toBe("198.51.100.4");
  });

  it("given a trusted proxy, then the nearest hop that is not trusted is the client", () => {
    expect(resolveClientAddress("10.0.0.1", { "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.2" }, trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.1", { "x-real-ip": "203.0.113.9" }, trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.1", { "x-forwarded-for": "203.0.113.9:5123" }, trusted)).toBe("203.0.113.9");
  });

  it("reads RFC 7239 Forwarded before X-Forwarded-For, with quoted IPv6 and ports", () => {
    const headers = { forwarded: 'for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db9:cafe::17]:4711"', "x-forwarded-for": "198.51.100.1" };
    expect(resolveClientAddress("10.0.0.1", headers, trusted)).toBe("2001:db9:cafe::17");
  });

  it("stops at the proxy when a hop is not an address, and takes the farthest when every hop is trusted", () => {
    expect(resolveClientAddress("10.0.0.1", { "x-forwarded-for": "203.0.113.9, unknown" }, trusted)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.1", { forwarded: "for=_hidden" }, trusted)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.1", { "x-forwarded-for": "10.0.0.3, 10.0.0.2" }, trusted)).toBe("10.0.0.3");
  });
});

describe("rewriting forwarding headers", () => {
  it("drops every forwarding header (and a forged client header) and sets ours", () => {
    const headers: Record<string, string> = { "x-forwarded-for": "1.2.3.4", "x-real-ip": "1.2.3.4", forwarded: "for=1.2.3.4", "x-forwarded-host": "evil.test", [CLIENT_IP_HEADER]: "1.2.3.4", host: "console" };
    rewriteForwardingHeaders(headers, "198.51.100.4", false);
    expect(headers).toEqual({ host: "console", [CLIENT_IP_HEADER]: "198.51.100.4" });
  });

  it("keeps the host and scheme a trusted proxy reports", () => {
    const headers: Record<string, string> = { "x-forwarded-for": "1.2.3.4", "x-forwarded-host": "console.example.com", "x-forwarded-proto": "https" };
    rewriteForwardingHeaders(headers, "1.2.3.4", true);
    expect(headers).toEqual({ "x-forwarded-host": "console.example.com", "x-forwarded-proto": "https", [CLIENT_IP_HEADER]: "1.2.3.4" });
  });
});
