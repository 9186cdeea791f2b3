import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportedMethods, loadRouteMethods } from "./route-methods";

// A 405 names the methods a route supports, read from the app router's route files.

describe("route methods", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hs-routes-"));
  const write = (rel: string, source: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), source);
  };
  write("app/api/health/route.ts", "export async function GET() {}");
  write("app/api/v1/streams/[streamId]/events/route.ts", 'export const GET = h("a", x);\nexport const POST = h("b", y);');
  write("app/api/auth/[...nextauth]/route.ts", "export { handler as GET, handler as POST };");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("reads function, const and re-exported handlers, adding the HEAD and OPTIONS Next.js answers itself", () => {
    expect(exportedMethods("export const dynamic = 1;\nexport const GET = x;")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(exportedMethods("export { handler as POST, other as DELETE }")).toEqual(["DELETE", "OPTIONS", "POST"]);
  });

  it("matches static, dynamic and catch-all segments, and knows nothing of other paths", () => {
    const allowed = loadRouteMethods(root);
    expect(allowed("/api/health")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowed("/api/v1/streams/order-1/events")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(allowed("/api/auth/callback/oidc")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(allowed("/api/v1/streams/order-1/events/extra")).toBeNull();
    expect(allowed("/api/v1/nothing")).toBeNull();
  });
});
