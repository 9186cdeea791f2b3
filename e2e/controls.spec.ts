import { expect, test } from "./fixtures/auth";

// Controls say what they will do: someone who may not start a rebuild reads the wizard, with the
// reason where the button would be, and gets no inputs that pretend otherwise.

for (const role of ["viewer", "support"] as const) {
  test.describe(`a ${role}`, () => {
    test.use({ role });

    test("sees the rebuild wizard read-only, with the reason inline", async ({ page }) => {
      await page.goto("/projections");
      await page.locator("a.projection-link").first().click();
      const wizard = page.getByRole("region", { name: "Rebuild" });
      await expect(wizard.getByTestId("wizard-read-only")).toHaveText("Read only. Starting a rebuild needs the Ops or Admin role; you can read what each version’s rebuild would replay.");
      await expect(wizard.getByRole("button", { name: /Start rebuild/ })).toHaveCount(0);
      await expect(wizard.getByRole("spinbutton")).toHaveCount(0);
    });
  });
}
