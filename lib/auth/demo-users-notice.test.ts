import { describe, expect, it } from "vitest";
import { demoUsersNotice } from "./demo-users-notice";

const users = [
  { email: "ops@hindsight.local", role: "ops" as const, password: "first-secret-aaaa" },
  { email: "admin@hindsight.local", role: "admin" as const, password: "second-secret-bbb" },
];

describe("the demo users notice printed by npm start", () => {
  it("prints every password on the start that generated them", () => {
    const text = demoUsersNotice(users, ".data/demo-users.json", true).join("\n");
    for (const u of users) expect(text).toContain(u.password);
  });

  it("on later starts names the file and prints no password", () => {
    const text = demoUsersNotice(users, ".data/demo-users.json", false).join("\n");
    expect(text).toContain(".data/demo-users.json");
    for (const u of users) expect(text).not.toContain(u.password);
  });
});
