import "server-only";
import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { AppError } from "../errors";
import { blockedAddressClass } from "./address-class";
import { env } from "../env";

// Outbound webhooks never reach loopback, private, link-local, metadata or other non-public
// addresses unless an operator allow-lists the host (HINDSIGHT_WEBHOOK_ALLOW_HOSTS).

/** Names the allow-list holds: `host` or `host:port`, comma-separated, compared without case. */
export function allowedHosts(configured: string[] = env("HINDSIGHT_WEBHOOK_ALLOW_HOSTS")): string[] {
  return configured.map((h) => h.toLowerCase());
}

/** Whether the URL's host (or host:port) is allow-listed. */
export function isAllowListed(url: URL, list: string[] = allowedHosts()): boolean {
  const host = url.hostname.toLowerCase();
  const bare = host.replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return list.some((entry) => entry === host || entry === bare || entry === `${host}:${port}` || entry === `${bare}:${port}`);
}

/** The host of a URL as an IP literal, or null when it is a name. */
export function literalAddress(url: URL): string | null {
  const bare = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) ? bare : null;
}

/** An error whose code says a webhook was kept from a non-public address. */
export class BlockedAddressError extends Error {
  readonly code = "EHINDSIGHT_BLOCKED";
  constructor(host: string, address: string, cls: string) {
    super(host === address ? `${host} is a ${cls} address` : `${host} resolves to ${address}, a ${cls} address`);
  }
}

/**
 * A `lookup` for node:http(s) that resolves every address of the name and refuses the connection
 * when any of them is not public, so the address connected to is one that was checked (a name
 * that answers differently a second later cannot slip a private address in).
 */
export const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    for (const a of addresses) {
      const cls = blockedAddressClass(a.address);
      if (cls) return callback(new BlockedAddressError(hostname, a.address, cls) as unknown as NodeJS.ErrnoException, "", 0);
    }
    if (options.all) (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * Checks a webhook URL when it is created: http(s), no credentials, and unless allow-listed, a
 * host that is not a non-public IP literal and does not resolve to one (a name that does not
 * resolve yet is accepted: every delivery checks again).
 */
export async function assertWebhookUrl(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("validation_failed", "the webhook URL is not a URL", { field: "url" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new AppError("validation_failed", "a webhook URL is http:// or https://", { field: "url" });
  if (url.username || url.password) throw new AppError("validation_failed", "a webhook URL carries no user name or password (the signature authenticates)", { field: "url" });
  // A zone id (fe80::1%eth0) names an interface, never a public receiver.
  if (url.hostname.includes("%")) throw new AppError("validation_failed", "a webhook URL names a host, not a network interface", { field: "url" });
  if (isAllowListed(url)) return url;
  const literal = literalAddress(url);
  const addresses = literal ? [literal] : await dns.promises.lookup(url.hostname, { all: true }).then((all) => all.map((a) => a.address), () => []);
  for (const address of addresses) {
    const cls = blockedAddressClass(address);
    if (cls) {
      throw new AppError("validation_failed", `webhooks may not reach non-public addresses: ${new BlockedAddressError(url.hostname.replace(/^\[|\]$/g, ""), address, cls).message} (an operator can allow the host with HINDSIGHT_WEBHOOK_ALLOW_HOSTS)`, {
        field: "url",
        addressClass: cls,
      });
    }
  }
  return url;
}
