// What the browser tests do to the admin pages' antd fields as a person would: choose in a select
// and see the choice taken (clicking again if it was not), save a dialog and see it close.
import type { Page } from 'playwright-core';

/** The Save button of the open dialog, in Chinese (antd spaces two characters: "保 存"). */
export const dialogSave = (page: Page) => page.getByRole('dialog').getByRole('button', { name: /保\s*存/ });

/**
 * Chooses `option` in the select marked `testId` and waits until the field shows it. Under load the
 * list can redraw under the click (antd draws only the options in view, and scrolling one into view
 * draws them again), and the click is lost: the list stays open, the field empty (CI, once). A
 * person sees that and clicks again; so does this, three times at most.
 */
export async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  const select = page.getByTestId(testId);
  const chosen = select.locator('.ant-select-content').filter({ hasText: option });
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    // a list still open from a lost click is clicked in, not closed
    if ((await select.getByRole('combobox').getAttribute('aria-expanded')) !== 'true') await select.click();
    const clicked = await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click({ timeout: 20_000 })
      .then(
        () => true,
        () => false,
      );
    if (
      clicked &&
      (await chosen.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      ))
    )
      return;
  }
  throw new Error(`${option} could not be chosen in ${testId}`);
}

/**
 * Saves the open dialog and waits for it to close; if it stays open, fails with what it says (a
 * field's rule, the API's error) rather than with a bare timeout.
 */
export async function saveDialog(page: Page): Promise<void> {
  await dialogSave(page).click();
  const dialog = page.getByRole('dialog');
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  } catch (error) {
    const says = (await dialog.textContent().catch(() => null)) ?? '(gone)';
    throw new Error(`the dialog stayed open after Save; it reads: ${says}`, { cause: error });
  }
}
