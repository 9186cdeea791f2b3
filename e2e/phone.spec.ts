import { expect, test } from "./fixtures/auth";

// The on-call glance on a phone (390 px): the sidebar folds behind a menu button that a keyboard
// reaches, opens with focus inside, closes on Escape with focus back on the button, and a link in it
// takes the person to Alerts with the menu closed again.

test.describe("on a phone", () => {
  test.use({ role: "ops", viewport: { width: 390, height: 844 } });

  test("the navigation is a menu behind a keyboard-reachable button; Escape closes it and focus returns", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const button = page.getByRole("button", { name: "Menu" });
    await expect(nav).toBeHidden();
    await expect(button).toHaveAttribute("aria-expanded", "false");

    // Tab from the top of the page: skip link, brand, badge, then the button.
    await page.keyboard.press("Tab");
    for (let i = 0; i < 4 && !(await button.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(button).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();

    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(button).toBeFocused();

    await button.click();
    await nav.getByRole("link", { name: "Alerts" }).click();
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await expect(nav).toBeHidden();
  });
});
