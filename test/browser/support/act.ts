import type { Locator, Page } from 'playwright-core';
import type { Workbench } from './workbench';

/** The action contract of ui-common.md, as far as the journeys read it. */
interface Schema {
  readonly type?: string;
  readonly title?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly oneOf?: readonly { readonly const: unknown; readonly title?: string }[];
}
interface Action {
  readonly command: string;
  readonly title: string;
  readonly schema: Schema;
  readonly prefill?: Record<string, unknown>;
}

/** Chooses an option of the open Ant Design select (its visible list, not the hidden one for screen readers). */
export const pick = (page: Page, name: string): Promise<void> =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    })
    .first()
    .click();

const openLists = (page: Page): Locator => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** Waits until no select's list is open (a closing list still covers the field below it for a moment). */
const listsClosed = (page: Page): Promise<void> => openLists(page).first().waitFor({ state: 'hidden' });

/** Chooses one option of a single select and checks that the field shows it before moving on. */
const chooseOne = async (page: Page, dialog: Locator, id: string, title: string): Promise<void> => {
  await dialog.locator(id).click();
  await pick(page, title);
  await listsClosed(page);
  const shown = dialog.locator('.ant-select', { has: page.locator(id) }).locator('.ant-select-selection-item');
  const text = (await shown.first().innerText()).trim();
  if (text !== title) throw new Error(`${id} shows ${text}, not ${title}`);
};

const titleOf = (schema: Schema, value: unknown): string => {
  const title = schema.oneOf?.find((o) => o.const === value)?.title;
  if (!title) throw new Error(`no choice ${String(value)} in ${JSON.stringify(schema.oneOf)}`);
  return title;
};

/**
 * Makes a multiple select (choices or typed tags) hold exactly `titles`, as a person would with a
 * prefilled one: what is chosen and wanted stays (choosing it again would remove it), what is
 * chosen and not wanted is removed, the rest is added.
 */
const chooseExactly = async (page: Page, dialog: Locator, id: string, titles: readonly string[], typed: boolean) => {
  const select = dialog.locator('.ant-select', { has: page.locator(id) });
  const chosen = select.locator('.ant-select-selection-item');
  for (let index = (await chosen.count()) - 1; index >= 0; index -= 1) {
    const item = chosen.nth(index);
    const text = (await item.locator('.ant-select-selection-item-content').innerText()).trim();
    if (!titles.includes(text)) await item.locator('.ant-select-selection-item-remove').click();
  }
  const present = (await select.locator('.ant-select-selection-item-content').allInnerTexts()).map((t) => t.trim());
  const missing = titles.filter((t) => !present.includes(t));
  for (const title of missing) {
    if (typed) {
      await dialog.locator(id).fill(title);
      await dialog.locator(id).press('Enter');
    } else {
      await dialog.locator(id).click();
      await pick(page, title);
    }
  }
  // Closes the list it opened; with none open, Escape would close the dialog.
  if (missing.length > 0) {
    await dialog.locator(id).press('Escape');
    await listsClosed(page);
  }
};

/** Fills the generated form as a person would: by field (antd ids are `<command>_<path>`), choices by their title. */
const fill = async (
  page: Page,
  dialog: Locator,
  schema: Schema,
  path: readonly (string | number)[],
  values: Record<string, unknown>,
) => {
  for (const [key, value] of Object.entries(values)) {
    const field = schema.properties?.[key];
    if (!field)
      throw new Error(`the form has no field ${key} (fields: ${Object.keys(schema.properties ?? {}).join(', ')})`);
    const id = `#${[...path, key].join('_')}`;
    if (field.oneOf) {
      await chooseOne(page, dialog, id, titleOf(field, value));
    } else if (field.type === 'array' && Array.isArray(value)) {
      const items = field.items ?? {};
      if (items.type === 'object' || items.properties) {
        for (const [index, item] of value.entries()) {
          await dialog.getByRole('button', { name: `添加${field.title ?? key}` }).click();
          await fill(page, dialog, items, [...path, key, index], item as Record<string, unknown>);
        }
      } else {
        const titles = value.map((item) => (items.oneOf ? titleOf(items, item) : String(item)));
        await chooseExactly(page, dialog, id, titles, !items.oneOf);
      }
    } else if (field.type === 'object' || field.properties) {
      await fill(page, dialog, field, [...path, key], value as Record<string, unknown>);
    } else if (field.type === 'boolean') {
      if ((await dialog.locator(id).getAttribute('aria-checked')) !== String(value)) await dialog.locator(id).click();
    } else {
      await dialog.locator(id).fill(String(value));
      if (field.format === 'date' || field.format === 'date-time') await dialog.locator(id).press('Enter');
    }
  }
};

/**
 * Performs one offered action through the case page: the button the API offers, its generated
 * form filled with `values` (prefilled fields kept unless given), submitted, and the success shown.
 * Answers the action as offered (for its prefill).
 */
export const act = async (
  w: Workbench,
  page: Page,
  user: string,
  kind: string,
  id: string,
  command: string,
  values: Record<string, unknown> = {},
): Promise<Action> => {
  const offered = (await w.given(user, 'get', `/api/v1/cases/${kind}/${id}/actions`)) as { actions: Action[] };
  const action = offered.actions.find((a) => a.command === command);
  if (!action)
    throw new Error(
      `${user} is not offered ${command} on ${kind} ${id}: ${offered.actions.map((a) => a.command).join(', ')}`,
    );
  await page.goto(`${w.baseUrl}/cases/${kind}/${encodeURIComponent(id)}`);
  await page.locator(`[data-command="${command}"]`).click();
  const dialog = page.getByRole('dialog', { name: action.title });
  await fill(page, dialog, action.schema, [command], values);
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  try {
    await page.getByText(`已办理：${action.title}`).waitFor();
  } catch (e) {
    // What the dialog shows instead (the API's problem, a field's check), so a failure says why.
    const shown = await dialog
      .locator('[role="alert"], .ant-form-item-explain-error')
      .allInnerTexts()
      .catch(() => []);
    await w.screenshot(page, `failed-${command}`).catch(() => undefined);
    throw new Error(`${command} was not done; the dialog shows: ${JSON.stringify(shown)} (${String(e)})`);
  }
  return action;
};

/** Waits until the case page shows this status. */
export const statusShown = (page: Page, status: string): Promise<void> =>
  page
    .getByTestId('case-status')
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor();
