import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiGet, apiPost, DEMO_DIGITAL_2026, DIEN_BIEN, type SchoolPage, signIn } from './support/app';

/**
 * Every control of every form, used once. A journey walks the happy path; this spec types in
 * each text field, picks in each select, toggles each checkbox/switch/segmented control, opens
 * and closes each date input and attaches a file to each file input, then checks that the form
 * is still on screen. The fixture fails the test on any console error or page error (a control
 * whose handler throws turns the app into a white page). Nothing is submitted.
 */

const HANOI_DEPT = 'so.hanoi@ketnoi.demo';
const UNIT_STAFF = 'vu.gdcthssv@ketnoi.demo';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const CSV = Buffer.from('ma,ten\n', 'utf8');

interface ControlInfo {
  id: string;
  tag: string;
  type: string;
  popup: string;
  readOnly: boolean;
  inputMode: string;
  accept: string;
  label: string;
  date: boolean;
  name: string;
  placeholder: string;
}

/** Ids for the controls used, unique over the whole test (a form may be walked more than once). */
let nextId = 0;

/** The next visible, enabled control of `root` not used yet; marks it so it is used once. */
async function nextControl(root: Locator, seq: number): Promise<ControlInfo | null> {
  return root.evaluate((el, n) => {
    const sel = 'input:not([type=hidden]), textarea, select, button[aria-haspopup="dialog"]';
    const shown = (e: Element): boolean => {
      // the visible part of a Mantine checkbox, switch, chip or segmented control around its hidden input
      const box = (e.closest('label, .mantine-SegmentedControl-control, [class*="mantine-"][class*="-root"]') ?? e) as HTMLElement;
      const target = e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio' || e.type === 'file') ? box : (e as HTMLElement);
      if (e instanceof HTMLInputElement && e.type === 'file') return true;
      const r = target.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(target).visibility !== 'hidden';
    };
    for (const c of Array.from(el.querySelectorAll(sel))) {
      if (c.hasAttribute('data-ctl')) continue;
      if ((c as HTMLInputElement).disabled) continue;
      if (!shown(c)) continue;
      // a Mantine Combobox hides a second input; a PillsInput field belongs to its MultiSelect
      if (c.getAttribute('aria-hidden') === 'true') continue;
      c.setAttribute('data-ctl', String(n));
      const i = c as HTMLInputElement;
      const labelled = i.labels?.[0]?.textContent ?? c.getAttribute('aria-label') ?? c.getAttribute('data-testid') ?? '';
      return {
        id: String(n),
        tag: c.tagName.toLowerCase(),
        type: (c.getAttribute('type') ?? '').toLowerCase(),
        popup: c.getAttribute('aria-haspopup') ?? '',
        readOnly: i.readOnly === true,
        inputMode: c.getAttribute('inputmode') ?? '',
        accept: c.getAttribute('accept') ?? '',
        label: labelled.trim().slice(0, 60),
        date: c.closest('[class*="DateInput"], [class*="DatePickerInput"]') !== null,
        name: c.getAttribute('name') ?? '',
        placeholder: c.getAttribute('placeholder') ?? '',
      };
    }
    return null;
  }, seq);
}

function fileFor(accept: string) {
  if (/pdf/.test(accept) || accept === '') return { name: 'thu.pdf', mimeType: 'application/pdf', buffer: PDF };
  if (/image/.test(accept)) return { name: 'anh.png', mimeType: 'image/png', buffer: PNG };
  if (/csv/.test(accept)) return { name: 'thu.csv', mimeType: 'text/csv', buffer: CSV };
  if (/sheet|xlsx/.test(accept)) return { name: 'thu.csv', mimeType: 'text/csv', buffer: CSV };
  return { name: 'thu.pdf', mimeType: 'application/pdf', buffer: PDF };
}

/**
 * Closes an open Mantine dropdown/popover by moving the focus on (Escape would also close a
 * modal the form sits in).
 */
async function closePopup(page: Page) {
  const open = page.locator('[role="listbox"]:visible, .mantine-Popover-dropdown:visible');
  if ((await open.count()) > 0) await page.keyboard.press('Tab');
  await expect(open).toHaveCount(0);
}

async function pickOption(page: Page, control: Locator): Promise<boolean> {
  const options = page.locator('[role="option"]:visible:not([data-combobox-disabled]):not([aria-disabled="true"])');
  try {
    await options.first().waitFor({ state: 'visible', timeout: 1500 });
  } catch {
    return false;
  }
  const n = await options.count();
  // a different option than the first where there is one, so the value changes
  await options.nth(n > 1 ? 1 : 0).click();
  await control.page().waitForTimeout(50);
  return true;
}

/** Sets each select used back to its first option and each radio group used back to its first radio. */
async function backToFirstChoices(page: Page, root: Locator, choices: { id: string; kind: 'native' | 'combo' | 'radio' }[]) {
  const radioGroups = new Set<string>();
  for (const ch of choices) {
    const el = root.locator(`[data-ctl="${ch.id}"]`);
    if ((await el.count()) === 0 || !(await el.isEnabled())) continue;
    if (ch.kind === 'native') {
      const first = await el.locator('option').evaluateAll((os) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v !== ''));
      if (first !== undefined) await el.selectOption(first);
    } else if (ch.kind === 'combo') {
      await el.click();
      await page.locator('[role="option"]:visible').first().click();
      await closePopup(page);
    } else {
      const name = (await el.getAttribute('name')) ?? ch.id;
      if (radioGroups.has(name)) continue;
      radioGroups.add(name);
      await el.dispatchEvent('click');
    }
    await expect(root).toBeVisible();
  }
}

/**
 * Uses every control of the form `root` once and checks after each that the form is still
 * there. Returns the labels used (for the test's own assertions and for debugging).
 */
async function exerciseAll(page: Page, root: Locator): Promise<string[]> {
  const used: string[] = [];
  // selects and radios used, to go back to their first choice once: a control that only shows
  // for the first choice (a pupil's grade, a single Hanoi school) is then used too
  const choices: { id: string; kind: 'native' | 'combo' | 'radio' }[] = [];
  let revisited = false;
  const radiosUsed = new Map<string, number>();
  for (let round = 0; round < 150; round++) {
    const c = await nextControl(root, nextId++);
    if (!c) {
      if (revisited) break;
      revisited = true;
      await backToFirstChoices(page, root, choices);
      continue;
    }
    const el = root.locator(`[data-ctl="${c.id}"]`);
    const what = `${c.tag}[${c.date ? 'date' : c.type || c.popup || c.inputMode}] ${c.label}`;
    // a list that re-rendered since (search results arriving) has replaced the element: the new one comes next
    if ((await el.count()) === 0) continue;
    if (c.type === 'radio' || (c.type === 'checkbox' && c.name)) {
      // a long list of radios (suggested schools) or of named checkboxes (plan 29's schools) is one
      // control: four of its items are enough
      const n = radiosUsed.get(c.name) ?? 0;
      radiosUsed.set(c.name, n + 1);
      if (c.name && n >= 4) continue;
    }
    if (c.tag === 'select') {
      const values = await el.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const current = await el.inputValue();
      const next = values.find((v) => v !== current && v !== '') ?? values[0];
      if (next !== undefined) await el.selectOption(next);
      choices.push({ id: c.id, kind: 'native' });
    } else if (c.type === 'checkbox' || c.type === 'radio') {
      // Mantine hides the real input of a switch or a segmented control; a click on it is what the label does
      // read without waiting: a list that re-rendered since (a row picked into another list) has removed it
      const before = await el.evaluateAll((es) => (es.length === 0 ? null : (es[0] as HTMLInputElement).checked));
      if (before === null) continue;
      const clicked = await el.dispatchEvent('click', undefined, { timeout: 5_000 }).then(() => true, () => false);
      if (!clicked && (await el.count()) === 0) continue;
      if (!clicked) throw new Error(`${what}: could not be clicked`);
      if (c.type === 'radio') choices.push({ id: c.id, kind: 'radio' });
      // a picked row may move elsewhere (plan 29: into the picked list)
      if (c.type === 'checkbox') {
        const state = () => el.evaluateAll((es) => (es.length === 0 ? 'gone' : String((es[0] as HTMLInputElement).checked)));
        await expect.poll(state, { message: what }).toMatch(before ? /^(false|gone)$/ : /^(true|gone)$/);
      }
    } else if (c.type === 'file') {
      await el.setInputFiles(fileFor(c.accept));
    } else if (c.date || c.popup === 'dialog' || c.tag === 'button') {
      // a date input: open its calendar, pick a day (which closes it)
      await el.click();
      const calendar = page.locator('.mantine-Popover-dropdown:visible').last();
      await expect(calendar, what).toBeVisible();
      await calendar.locator('table button:not([disabled]):not([data-disabled]):not([data-outside])').first().click();
      await closePopup(page);
      if (c.date) {
        await el.fill('15/03/2026');
        await closePopup(page);
      }
    } else if (c.popup === 'listbox' || c.readOnly) {
      // a Select / MultiSelect / Autocomplete
      await el.click();
      let picked = await pickOption(page, el);
      if (picked && c.readOnly) choices.push({ id: c.id, kind: 'combo' });
      if (!picked && !c.readOnly) {
        await el.fill('Trường');
        picked = await pickOption(page, el);
        if (!picked) {
          await el.fill('a');
          picked = await pickOption(page, el);
        }
      }
      await closePopup(page);
    } else if (/date/.test(c.type)) {
      await el.fill('2026-03-15');
    } else if (c.type === 'number' || c.inputMode === 'numeric' || c.inputMode === 'decimal') {
      await el.fill('12');
    } else if (c.type === 'email') {
      await el.fill(`kiemtra.${Date.now()}@ketnoi.test`);
    } else if (c.type === 'password') {
      await el.fill('mat-khau-dai-2026');
    } else if (c.type === 'search' || c.type === 'text' || c.type === '' || c.type === 'tel' || c.type === 'url' || c.tag === 'textarea') {
      if (/dd\/mm/i.test(c.placeholder)) await el.fill('15/03/2026');
      else if (c.type === 'tel') await el.fill('0912345678');
      else if (c.type === 'url') await el.fill('https://ketnoi.test');
      else await el.fill('Kiểm tra điều khiển 1');
      // a date typed as text (Mantine DateInput): its calendar opens on focus
      await closePopup(page);
    }
    used.push(what);
    await expect(root, `after ${what}`).toBeVisible();
  }
  await expect(page.locator('#root')).not.toBeEmpty();
  test.info().annotations.push({ type: 'controls', description: used.join(' | ') });
  if (process.env.CONTROLS_LOG) console.log(`${test.info().title}: ${used.length} controls\n  ${used.join('\n  ')}`);
  return used;
}

async function firstSchoolId(page: Page, query: Record<string, string>) {
  const qs = new URLSearchParams({ ...query, limit: '1' });
  const res = await apiGet<SchoolPage>(page, `/api/v1/schools?${qs}`);
  expect(res.items.length).toBeGreaterThan(0);
  return res.items[0].id;
}

async function ownSchoolId(page: Page) {
  // a school account's organisation is its school
  const me = await apiGet<{ user: { organisation: { id: string; kind: string } } }>(page, '/api/v1/auth/me');
  return me.user.organisation.id;
}

test.describe('every control of every form, used once', () => {
  test('school create and edit (department)', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await page.goto('/truong-hoc/moi');
    const form = page.getByTestId('school-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(3);

    const id = await firstSchoolId(page, { provinceCode: '11' });
    await page.goto(`/truong-hoc/${id}/sua`);
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(3);
  });

  test('need form and need list filters (school)', async ({ page }) => {
    await signIn(page, ACCOUNTS.school);
    await page.goto('/nhu-cau/moi');
    const form = page.getByTestId('need-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(4);

    await page.goto('/nhu-cau');
    const filters = page.getByTestId('need-search').locator('xpath=ancestor::*[.//*[@data-testid="need-view"]][1]');
    await expect(filters).toBeVisible();
    expect((await exerciseAll(page, filters)).length).toBeGreaterThan(3);
  });

  test('need list filters (department)', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await page.goto('/nhu-cau');
    const filters = page.getByTestId('need-search').locator('xpath=ancestor::*[.//*[@data-testid="need-view"]][1]');
    await expect(filters).toBeVisible();
    expect((await exerciseAll(page, filters)).length).toBeGreaterThan(3);
  });

  test('facility survey form (school)', async ({ page }) => {
    await signIn(page, ACCOUNTS.school);
    const id = await ownSchoolId(page);
    await page.goto(`/truong-hoc/${id}/khao-sat`);
    const form = page.getByTestId('survey-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(3);

    // then every answer given explicitly: counts typed, each yes/no picked, each list chosen
    const counts = ['classroomsSolid', 'classroomsSemiSolid', 'classroomsTemporary', 'classroomsLacking', 'subjectRooms', 'subjectRoomsLacking', 'toiletsTotal', 'toiletsStandard', 'boardingPlaces', 'semiBoardingPlaces', 'computers'];
    for (const k of counts) await form.getByTestId(`survey-${k}`).fill(k === 'toiletsStandard' ? '1' : '2');
    const yesNo: Record<string, string> = { toiletsImproved: 'Có', toiletsSingleSex: 'Không', toiletsUsable: 'Có', waterAvailable: 'Có', kitchen: 'Không', internet: 'Có' };
    for (const [k, answer] of Object.entries(yesNo)) {
      const radio = form.getByTestId(`survey-${k}`).getByRole('radio', { name: answer, exact: true });
      await radio.check({ force: true });
      await expect(radio).toBeChecked();
    }
    const lists: Record<string, string> = { waterSource: 'Giếng được bảo vệ', handwashing: 'Có nước, không có xà phòng', electricity: 'Điện lưới', roadAccess: 'Đường đất', teachingEquipment: 'Thiếu một phần' };
    for (const [k, option] of Object.entries(lists)) {
      await form.getByTestId(`survey-${k}`).click();
      await page.getByRole('option', { name: option, exact: true }).click();
      await expect(form.getByTestId(`survey-${k}`)).toHaveValue(option);
    }
    await form.getByTestId('survey-year').fill('2026-2027');

    // a count left empty is no answer: the form refuses and names it
    await form.getByTestId('survey-computers').fill('');
    await form.getByTestId('survey-toiletsTotal').fill('');
    await form.getByTestId('survey-submit').click();
    const missing = form.getByTestId('survey-missing');
    await expect(missing).toContainText('Số máy tính');
    await expect(missing).toContainText('Tổng số nhà vệ sinh');
    await expect(form.getByTestId('survey-saved')).toHaveCount(0);

    // 0 is an answer when typed
    await form.getByTestId('survey-computers').fill('0');
    await form.getByTestId('survey-toiletsTotal').fill('2');
    await form.getByTestId('survey-submit').click();
    await expect(form.getByTestId('survey-saved')).toBeVisible();
    await expect(missing).toHaveCount(0);
  });

  test('record a contribution (department)', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await page.goto('/dong-gop/ghi-nhan');
    const form = page.getByTestId('record-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(3);
  });

  test('pledge dialog (donor)', async ({ page }) => {
    await signIn(page, ACCOUNTS.donor);
    // a need still open to pledges
    await page.goto('/nhu-cau?mo=1');
    const cards = page.getByTestId('need-card');
    await expect(cards.first()).toBeVisible();
    const pledge = page.getByTestId('pledge-button');
    for (let i = 0; i < 8 && !(await pledge.isVisible()); i++) {
      await page.goto('/nhu-cau?mo=1');
      await cards.nth(i).getByTestId('need-title').click();
      await expect(page).toHaveURL(/\/nhu-cau\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('need-status').first()).toBeVisible();
      await pledge.waitFor({ state: 'visible', timeout: 2000 }).catch(() => undefined);
    }
    await pledge.click();
    const form = page.getByTestId('pledge-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(2);
  });

  test('donor registration (public)', async ({ page }) => {
    await page.goto('/nha-tai-tro/dang-ky');
    const form = page.getByTestId('donor-register');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(4);
  });

  test('donor vetting file: contact role, references, papers (donor)', async ({ page }) => {
    await signIn(page, ACCOUNTS.donor);
    const me = await apiGet<{ user: { organisation: { id: string } } }>(page, '/api/v1/auth/me');
    await page.goto(`/nha-tai-tro/${me.user.organisation.id}`);
    const form = page.getByTestId('donor-vetting-edit');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(3);
    await expect(page.getByTestId('donor-document-input-list').getByTestId('file-row')).toHaveCount(1);
  });

  test('password change from the user menu (school)', async ({ page }) => {
    await signIn(page, ACCOUNTS.school);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-change-password').click();
    const form = page.getByTestId('password-change');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(2);
  });

  test('forgotten password: request and new password (public)', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByTestId('signin-forgot').click();
    const ask = page.getByTestId('password-forgot');
    await expect(ask).toBeVisible();
    expect((await exerciseAll(page, ask)).length).toBeGreaterThan(0);
    await page.getByTestId('reset-link').click();
    const reset = page.getByTestId('password-reset');
    await expect(reset).toBeVisible();
    expect((await exerciseAll(page, reset)).length).toBeGreaterThan(2);
  });

  test('accounts list, its actions, invite and edit forms (admin)', async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-accounts').click();
    await expect(page.getByTestId('account-row').first()).toBeVisible();
    const row = (email: string) => page.locator(`[data-testid="account-row"][data-email="${email}"]`);
    // the server says what may be done to each row: never deactivate or change one's own account
    await row(ACCOUNTS.admin).getByTestId('account-actions').click();
    await expect(page.getByTestId('account-history')).toBeVisible();
    await expect(page.getByTestId('account-deactivate')).toHaveCount(0);
    await expect(page.getByTestId('account-edit')).toHaveCount(0);
    await page.keyboard.press('Escape');
    // the confirmation dialog, closed without deactivating (the journeys share the demo accounts)
    await row(ACCOUNTS.donor).getByTestId('account-actions').click();
    await page.getByTestId('account-deactivate').click();
    await expect(page.getByRole('dialog')).toContainText(ACCOUNTS.donor);
    await page.getByTestId('account-deactivate-cancel').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // the sign-in history of an account
    await row(ACCOUNTS.donor).getByTestId('account-actions').click();
    await page.getByTestId('account-history').click();
    await expect(page.getByTestId('sign-in-history')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // the edit form of an account, closed without saving
    await row(ACCOUNTS.donor).getByTestId('account-actions').click();
    await page.getByTestId('account-edit').click();
    const edit = page.getByTestId('account-edit-form');
    await expect(edit).toBeVisible();
    expect((await exerciseAll(page, edit)).length).toBeGreaterThan(2);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // the invite form, not sent
    await page.getByTestId('account-invite').click();
    const invite = page.getByTestId('account-invite-form');
    await expect(invite).toBeVisible();
    expect((await exerciseAll(page, invite)).length).toBeGreaterThan(2);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect((await exerciseAll(page, page.getByTestId('accounts-filter'))).length).toBeGreaterThan(1);
    expect((await exerciseAll(page, page.getByTestId('accounts-import'))).length).toBeGreaterThan(0);
  });

  test('accounts of a province: invite form and import (department)', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-accounts').click();
    await expect(page.getByTestId('account-row').first()).toBeVisible();
    await page.getByTestId('account-invite').click();
    const invite = page.getByTestId('account-invite-form');
    await expect(invite).toBeVisible();
    expect((await exerciseAll(page, invite)).length).toBeGreaterThan(2);
    await page.keyboard.press('Escape');
    expect((await exerciseAll(page, page.getByTestId('accounts-import'))).length).toBeGreaterThan(0);
  });

  test('audit log filters (admin)', async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-audit').click();
    await expect(page.getByTestId('audit-table')).toBeVisible();
    expect((await exerciseAll(page, page.getByTestId('audit-filter'))).length).toBeGreaterThan(4);
  });

  test('agreement form (department)', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await page.goto('/van-ban-ky-ket');
    await page.getByTestId('agreement-add').click();
    const form = page.getByTestId('agreement-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(3);
    // the document is chosen in the files field, listed under it
    await expect(page.getByTestId('agreement-document-list').getByTestId('file-row')).toHaveCount(1);
  });

  test('sponsorship plan form and list filters (school), approval dialogs (commune)', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, ACCOUNTS.school);
    await page.goto('/ke-hoach-tai-tro/moi');
    const form = page.getByTestId('sp-form');
    await expect(form).toBeVisible();
    // a second line of items, so its controls (and its remove button) are walked too
    await page.getByTestId('sp-form-add-item').click();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(8);

    await page.goto('/ke-hoach-tai-tro');
    await expect(page.getByTestId('sp-table')).toBeVisible();
    const filters = page.getByTestId('sp-filter-state').locator('xpath=ancestor::div[contains(@class, "mantine-Group-root")][1]');
    expect((await exerciseAll(page, filters)).length).toBeGreaterThanOrEqual(2);

    // the approver's dialogs on the demo plan waiting for the commune
    await page.context().clearCookies();
    await signIn(page, ACCOUNTS.commune);
    await page.goto('/ke-hoach-tai-tro?trang-thai=submitted');
    await page.getByTestId('sp-row').first().getByRole('link').click();
    await page.getByTestId('sp-approve').click();
    const approve = page.getByRole('dialog');
    expect((await exerciseAll(page, approve)).length).toBeGreaterThanOrEqual(2);
    await approve.getByRole('button', { name: 'Huỷ' }).click();
    await page.getByTestId('sp-return').click();
    expect((await exerciseAll(page, page.getByRole('dialog'))).length).toBeGreaterThanOrEqual(1);
  });

  test('assessments: the campaign form (department), a self-assessment (school), the review inputs and dialogs (department)', async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, ACCOUNTS.department);
    await page.goto('/danh-gia');
    const open = page.getByTestId('as-open-form');
    await expect(open).toBeVisible();
    expect((await exerciseAll(page, open)).length).toBeGreaterThan(6);

    // the demo lower-secondary school's safe-school self-assessment, open until its publication day
    await page.context().clearCookies();
    await signIn(page, 'truong.thcs.dienbien@ketnoi.demo');
    await page.goto('/danh-gia');
    await page.getByTestId('as-campaign').filter({ hasText: 'trường học an toàn' }).getByTestId('as-own').click();
    const form = page.getByTestId('as-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(15);

    // a submitted assessment of the same campaign, as its reviewer
    await page.context().clearCookies();
    await signIn(page, ACCOUNTS.department);
    await page.goto('/danh-gia');
    await page.getByTestId('as-campaign').filter({ hasText: 'trường học an toàn' }).getByTestId('as-follow').click();
    await page.getByTestId('as-row').filter({ hasText: 'Chờ thẩm định' }).first().getByRole('link').click();
    const review = page.getByTestId('as-form');
    await expect(review).toBeVisible();
    expect((await exerciseAll(page, review)).length).toBeGreaterThan(15);
    await page.getByTestId('as-return').click();
    expect((await exerciseAll(page, page.getByRole('dialog'))).length).toBeGreaterThanOrEqual(1);
  });

  test('assessment framework editor (administrator): a small draft with a sub-group, sub-indicators, levels and the pass rule', async ({ page }) => {
    test.setTimeout(360_000);
    await signIn(page, ACCOUNTS.admin);
    const yes = (code: string, text: string) => ({ code, text, type: 'yes_no', mandatory: false, provisional: true, scoring: { kind: 'yes', points: 1 } });
    const created = await apiPost(page, '/api/v1/assessment-frameworks', { definition: {
      key: `thu-dieu-khien-${Date.now() % 100000}`, name: 'Bộ chỉ số thử các điều khiển', basis: 'Thử nghiệm', year: 2027, appliesTo: { kinds: ['school'] },
      provenance: { sources: [{ title: 'Thử', reference: 'Thử', verified: 'Thử' }], complete: false, note: 'Bộ thử' },
      result: { kind: 'levels', per: 'group', outOf: 100, levels: [{ code: '1', label: 'Chưa đạt', min: null }, { code: '2', label: 'Đạt', min: 50, requiresMandatory: true }] },
      groups: [{ code: '1', name: 'Nhóm thử', indicators: [
        { ...yes('1.1', 'Chỉ số có thành phần'), scoring: { kind: 'none' }, parts: [yes('1.1.a', 'Thành phần a'), yes('1.1.b', 'Thành phần b')] },
        { code: '1.2', text: 'Tỉ lệ theo khoảng', type: 'percentage', mandatory: true, provisional: true, scoring: { kind: 'bands', bands: [{ from: 0, points: 0 }, { from: 50, points: 1 }] } },
        { code: '1.3', text: 'Chọn theo mức', type: 'choice', mandatory: false, provisional: true, scoring: { kind: 'choice', options: [{ value: 'a', label: 'Chưa', points: 0 }, { value: 'b', label: 'Có', points: 1 }] } },
      ], groups: [{ code: '1.S', name: 'Nhóm con thử', indicators: [yes('1.S.1', 'Chỉ số của nhóm con')] }] }],
    } });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto(`/danh-gia/bo-chi-so/${(await created.json()).id}`);
    const editor = page.getByTestId('asf-editor');
    await expect(editor.getByTestId('asf-subgroup')).toBeVisible({ timeout: 60_000 });
    await expect(editor.getByTestId('asf-part')).toHaveCount(2);
    await expect(editor.getByTestId('asf-level')).toHaveCount(2);
    expect((await exerciseAll(page, editor)).length).toBeGreaterThan(40);
  });

  test('public campaign page: the province picker of the communes view (public)', async ({ page }) => {
    // the published 2026 digital-transformation campaign of Điện Biên: its choices are the provinces with published results
    const list = await apiGet<{ items: { id: string; title: string; provinceCode: string | null }[] }>(page, '/api/v1/public/assessment-campaigns');
    const campaign = list.items.find((c) => c.title === DEMO_DIGITAL_2026 && c.provinceCode === DIEN_BIEN)!;
    const pub = await apiGet<{ byProvince: { provinceCode: string; provinceName: string }[] }>(page, `/api/v1/public/assessment-campaigns/${campaign.id}`);
    const communes = await apiGet<{ provinceName: string; byCommune: { communeName: string | null; total: number }[] }>(page, `/api/v1/public/assessment-campaigns/${campaign.id}/communes?provinceCode=${DIEN_BIEN}`);
    expect(communes.byCommune.length).toBeGreaterThan(0);
    await page.goto(`/cong-khai/danh-gia/${campaign.id}`);
    const picker = page.getByTestId('as-pub-commune-province');
    await expect(picker).toHaveValue(communes.provinceName);
    await picker.click();
    await expect(page.getByRole('option')).toHaveText(pub.byProvince.map((p) => p.provinceName));
    // searched by the start of its name and picked: the selection is the province, the table its communes
    await picker.fill(communes.provinceName.slice(0, 4));
    await page.getByRole('option', { name: communes.provinceName }).click();
    await expect(page.getByRole('listbox')).toHaveCount(0);
    // (the typed search stays in the field until the focus moves on: Mantine's controlled Select, the same province picked again)
    await page.keyboard.press('Tab');
    await expect(picker).toHaveValue(communes.provinceName);
    const rows = page.getByTestId('as-pub-communes').getByTestId('as-pub-communes-row');
    await expect(rows.locator('th')).toHaveText(communes.byCommune.map((c) => c.communeName ?? 'Không thuộc xã, phường'));
    await expect(rows.locator('td:last-child')).toHaveText(communes.byCommune.map((c) => String(c.total)));
    await expect(page.getByTestId('as-pub-commune-levels').getByTestId('as-pub-commune-levels-row').first()).toBeVisible();
    // the choice is kept on the page, not in the address
    await expect(page).toHaveURL(new RegExp(`/cong-khai/danh-gia/${campaign.id}$`));
  });

  test('twinning pair create form and plan editor (Hanoi Department)', async ({ page }) => {
    await signIn(page, HANOI_DEPT);
    await page.goto('/ket-nghia');
    const create = page.getByTestId('pair-create-form');
    await expect(create).toBeVisible();
    expect((await exerciseAll(page, create)).length).toBeGreaterThan(2);

    await page.goto('/ket-nghia');
    await page.getByTestId('pair-row').first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/ket-nghia\/[0-9a-f-]{36}$/);
    await page.getByTestId('plan-edit').click();
    const editor = page.getByTestId('plan-editor');
    await expect(editor).toBeVisible();
    await editor.getByTestId('plan-add').click();
    expect((await exerciseAll(page, editor)).length).toBeGreaterThan(2);
  });

  test('twinning activity form (administrator: the Department only reads activities)', async ({ page }) => {
    // only the two schools of a pair and an administrator log activities (twinning/policy.ts)
    await signIn(page, ACCOUNTS.admin);
    await page.goto('/ket-nghia');
    await page.getByTestId('pair-row').first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/ket-nghia\/[0-9a-f-]{36}$/);
    const activity = page.getByTestId('activity-form');
    await expect(activity).toBeVisible();
    expect((await exerciseAll(page, activity)).length).toBeGreaterThan(5);
    // the fields that only show for one kind: the mode of a connected classroom, the quantity of a gift in kind
    await activity.getByTestId('activity-kind').selectOption('exchange');
    await activity.getByTestId('activity-subkind').selectOption('connected_classroom');
    await expect(activity.getByTestId('activity-mode')).toBeVisible();
    await activity.getByTestId('activity-kind').selectOption('material_support');
    await activity.getByTestId('activity-subkind').selectOption('textbooks');
    await activity.getByTestId('activity-support-form').selectOption('in_kind');
    await expect(activity.getByTestId('activity-support-unit')).toBeVisible();
    await exerciseAll(page, activity);
    await activity.getByTestId('activity-kind').selectOption('exchange');
    await activity.getByTestId('activity-subkind').selectOption('connected_classroom');
    await exerciseAll(page, activity);
  });

  test('plan progress update form (unit staff) and measurement form (Ministry)', async ({ page }) => {
    await signIn(page, UNIT_STAFF);
    await page.goto('/nhiem-vu');
    await page.getByTestId('task-row').first().getByRole('link').first().click();
    const form = page.getByTestId('update-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(4);

    await page.context().clearCookies();
    await signIn(page, ACCOUNTS.ministry);
    await page.goto('/ke-hoach/kh-237-bgddt-2023');
    await page.getByTestId('plan-target').first().getByRole('button', { name: /Ghi số liệu/ }).click();
    const measure = page.getByTestId('measure-form');
    await expect(measure).toBeVisible();
    expect((await exerciseAll(page, measure)).length).toBeGreaterThan(2);

    // the plan list's filters, with its "as of" date picker
    await page.keyboard.press('Escape');
    await page.goto('/ke-hoach');
    const main = page.locator('main');
    await expect(main.getByTestId('as-of')).toBeVisible();
    expect((await exerciseAll(page, main)).some((u) => u.startsWith('input[date]'))).toBe(true);
  });

  test('plan 29 selection (department)', async ({ page }) => {
    // a province's list holds hundreds of school checkboxes: one control, four of them clicked
    test.setTimeout(120_000);
    await signIn(page, ACCOUNTS.department);
    await page.goto('/ke-hoach-29');
    const editor = page.getByTestId('p29-editor');
    await expect(editor).toBeVisible();
    // the save button is the only submit; selection changes stay on the page until saved
    expect((await exerciseAll(page, editor)).length).toBeGreaterThan(1);
  });

  test('gift recipients (school)', async ({ page }) => {
    await signIn(page, ACCOUNTS.school);
    const id = await ownSchoolId(page);
    await page.goto(`/truong-hoc/${id}`);
    await page.getByTestId('tab-beneficiaries').click();
    await page.getByTestId('benef-open-form').click();
    const form = page.getByTestId('benef-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(3);
  });

  test('import pages (department)', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await page.goto('/nhap-du-lieu');
    const main = page.locator('main');
    // each page's code arrives on its own: the walk starts once the page has replaced the loading line
    await expect(main.getByRole('heading').first()).toBeVisible();
    await expect(main.getByRole('status').filter({ has: page.locator('.mantine-Loader-root') })).toHaveCount(0);
    expect((await exerciseAll(page, main)).length).toBeGreaterThan(0);
  });

  test('areas flag editor (admin)', async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.goto('/don-vi-hanh-chinh?tinh=11');
    const edit = page.locator('[data-testid^="edit-flags-"]').first();
    await edit.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    expect((await exerciseAll(page, dialog)).length).toBeGreaterThan(1);
  });

  test('notification settings (school): every switch and kind, then saved', async ({ page }) => {
    await signIn(page, ACCOUNTS.school);
    await page.goto('/thong-bao');
    const form = page.getByTestId('notif-settings');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(10);
    // not saved yet: the choices are a draft kept on the device, restored after a reload
    await page.waitForTimeout(400);
    await page.reload();
    await expect(page.getByTestId('draft-restored')).toBeVisible();
    await expect(page.getByTestId('notif-digest')).toBeChecked();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/settings') && r.request().method() === 'PUT');
    await page.getByTestId('notif-settings-save').click();
    expect((await saved).status()).toBe(200);
    const now = await apiGet<{ emailOff: string[]; digest: boolean }>(page, '/api/v1/notifications/settings');
    // every control toggled once: the digest on, every kind off
    expect(now.digest).toBe(true);
    expect(now.emailOff.length).toBeGreaterThan(10);
    await page.reload();
    await expect(page.getByTestId('notif-digest')).toBeChecked();
    // saved, the draft is gone
    await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  });

  test('import forms: schools and area flags (admin), a plan\'s tasks (ministry)', async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.goto('/nhap-du-lieu');
    expect((await exerciseAll(page, page.getByTestId('import'))).length).toBeGreaterThan(0);
    await expect(page.getByTestId('import-file-list').getByTestId('file-row')).toHaveCount(1);
    expect((await exerciseAll(page, page.getByTestId('flags-import'))).length).toBeGreaterThan(0);
    await expect(page.getByTestId('flags-import-file-list').getByTestId('file-row')).toHaveCount(1);

    await page.context().clearCookies();
    await signIn(page, ACCOUNTS.ministry);
    await page.goto('/ke-hoach/kh-237-bgddt-2023');
    await page.getByTestId('plan-import').click();
    const tasks = page.getByTestId('plan-tasks-import');
    await expect(tasks).toBeVisible();
    expect((await exerciseAll(page, tasks)).length).toBeGreaterThan(0);
    await expect(page.getByTestId('plan-tasks-import-file-list').getByTestId('file-row')).toHaveCount(1);
  });

  test('in English: the need form', async ({ page }) => {
    await signIn(page, ACCOUNTS.school);
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/nhu-cau/moi');
    const form = page.getByTestId('need-form');
    await expect(form).toBeVisible();
    await expect(form).toContainText(/Title|Category/);
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(4);
  });

  test('at phone size: the need form', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, ACCOUNTS.school);
    await page.goto('/nhu-cau/moi');
    const form = page.getByTestId('need-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(4);
  });
  test("pairs list filters: Hanoi's province and the idle checkbox (Hanoi Department), as the home's count", async ({ page }) => {
    await signIn(page, HANOI_DEPT);
    await page.goto('/');
    const idle = page.locator('[data-testid="home-count"][data-key="idle_pairs"]');
    await expect(idle).toBeVisible();
    const homeCount = Number(await idle.getAttribute('data-count'));
    await idle.click();
    await expect(page).toHaveURL(/\/ket-nghia\?.*chua-hoat-dong=1/);
    const box = page.getByTestId('filter-idle');
    await expect(box).toBeChecked();
    await expect(page.getByTestId('filter-province')).toHaveValue('01');
    const count = page.getByTestId('pairs-count');
    const shown = async () => Number(((await count.textContent()) ?? '').replace(/\D/g, ''));
    await expect.poll(shown).toBe(homeCount);
    // unticked: every pair of the filter; ticked again: the idle ones
    await box.uncheck();
    await expect(page).not.toHaveURL(/chua-hoat-dong/);
    await expect(box).not.toBeChecked();
    await box.check();
    await expect(page).toHaveURL(/chua-hoat-dong=1/);
    await expect.poll(shown).toBe(homeCount);
  });

  test('task list status filter shows itself and clears (unit staff, from the home)', async ({ page }) => {
    await signIn(page, UNIT_STAFF);
    await page.goto('/nhiem-vu?trang-thai=overdue');
    const filter = page.getByTestId('my-tasks-filter');
    await expect(filter).toContainText('Quá hạn');
    await filter.getByTestId('my-tasks-filter-clear').click();
    await expect(filter).toHaveCount(0);
    await expect(page).not.toHaveURL(/trang-thai/);
  });

  test('donor list vetting filter from the address (vetting board)', async ({ page }) => {
    await signIn(page, 'thamdinh@ketnoi.demo');
    await page.goto('/');
    const link = page.locator('[data-testid="home-count"][data-key="donors_pending"]');
    await expect(link).toBeVisible();
    await link.click();
    await expect(page.getByTestId('donor-filter-vetting')).toHaveValue('Chờ thẩm định');
    expect((await exerciseAll(page, page.locator('main'))).length).toBeGreaterThan(1);
  });

  test('focal point form (department, its own)', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await page.goto('/ket-nghia');
    // only its own Department's focal point offers the edit
    await expect(page.getByTestId('focal-edit')).toHaveCount(1);
    await page.getByTestId('focal-edit').click();
    const form = page.getByTestId('focal-form');
    await expect(form).toBeVisible();
    expect((await exerciseAll(page, form)).length).toBe(3);
    const answer = page.waitForResponse((r) => /\/api\/v1\/twinning\/focal-points\/[0-9a-f-]+$/.test(r.url()) && r.request().method() === 'PUT');
    await form.getByTestId('focal-save').click();
    expect((await answer).status()).toBe(200);
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('focal-point').filter({ has: page.getByTestId('focal-edit') }).getByTestId('focal-point-role')).toHaveText('Kiểm tra điều khiển 1');
  });

  test('a case\'s support plan and its assignment form (counsellor), the suspended providers\' search (department)', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, 'tuvan.dienbien@ketnoi.demo');
    await page.goto('/cong-tac-xa-hoi/moi');
    await page.getByTestId('case-pupil').fill('Học sinh Kiểm tra Điều khiển');
    await page.getByTestId('case-open').click();
    await expect(page.getByTestId('case-reference')).toHaveText(/^CTXH-/);
    const plan = page.getByTestId('case-plan');
    // a second action, so its controls are walked too: goals, 2 × (what, who, when), the pupil and the parent
    await plan.getByTestId('case-plan-add-action').click();
    expect((await exerciseAll(page, plan)).length).toBe(9);
    await plan.getByTestId('case-plan-remove').first().click();
    await expect(plan.getByTestId('case-plan-action')).toHaveCount(1);
    await expect(plan).toBeVisible();
    expect((await exerciseAll(page, page.getByTestId('case-staff'))).length).toBe(1);
    await signIn(page, ACCOUNTS.department);
    await page.goto('/mang-luoi-ctxh');
    await page.getByTestId('prov-suspended-toggle').click();
    expect((await exerciseAll(page, page.locator('main'))).length).toBeGreaterThanOrEqual(2);
  });

  test('programme records: the activity form with co-organisers, invitees, programme items and evaluation (ministry), the calendar filters', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, ACCOUNTS.ministry);
    await page.goto('/hoat-dong/moi');
    const form = page.getByTestId('act-form');
    await expect(form).toBeVisible();
    // a programme item, so its controls are walked too
    await page.getByTestId('act-form-agenda-add').click();
    expect((await exerciseAll(page, form)).length).toBeGreaterThan(20);
    await page.goto('/hoat-dong/lich');
    expect((await exerciseAll(page, page.getByTestId('act-cal-filters'))).length).toBeGreaterThanOrEqual(5);
    // a participant's evaluation of a held activity (the launch meeting): its score and comment
    const launch = (await apiGet<{ items: { id: string }[] }>(page, '/api/v1/activities?kind=launch&from=2021-01-22&to=2021-01-22')).items[0];
    await page.goto(`/hoat-dong/${launch.id}`);
    expect((await exerciseAll(page, page.getByTestId('act-fb-form'))).length).toBeGreaterThanOrEqual(2);
  });

  test('startup models: the call form (Vụ GDCTHSSV), the proposal form (university), assignment, scores, budget opinion, decision and progress report', async ({ page }) => {
    test.setTimeout(180_000);
    const LEAD = 'vu.gdcthssv@ketnoi.demo';
    const ok = async (r: Promise<import('@playwright/test').APIResponse>) => { const res = await r; expect(res.ok(), await res.text()).toBe(true); return res.json(); };
    await signIn(page, LEAD);
    await page.goto('/mo-hinh-khoi-nghiep');
    // a third criterion, so its row is walked too
    await page.getByTestId('su-call-form-add').click();
    expect((await exerciseAll(page, page.getByTestId('su-call-form'))).length).toBeGreaterThanOrEqual(8);
    // the list's filters: the search and the state
    expect((await exerciseAll(page, page.getByTestId('su-filter-state').locator('xpath=ancestor::div[contains(@class, "mantine-Group-root")][1]'))).length).toBeGreaterThanOrEqual(2);
    const call = await ok(apiPost(page, '/api/v1/startup-calls', { title: `Đợt đề xuất (điều khiển) ${Date.now()}`, deadline: '2099-12-31', criteria: [{ key: 'c1', label: 'Tính khả thi', max: 100 }] }));

    await signIn(page, ACCOUNTS.unit);
    await page.goto(`/mo-hinh-khoi-nghiep/dot/${call.id}/nop`);
    expect((await exerciseAll(page, page.getByTestId('su-form'))).length).toBeGreaterThanOrEqual(7);
    const p = await ok(apiPost(page, `/api/v1/startup-calls/${call.id}/proposals`, { title: 'Mô hình (điều khiển)', model: 'Mô hình khởi nghiệp (điều khiển)', locality: 'Điện Biên', targetHouseholds: 5, budget: 50_000_000, expectedResults: 'Kết quả (điều khiển)' }));

    await signIn(page, LEAD);
    await page.goto(`/mo-hinh-khoi-nghiep/${p.id}`);
    expect((await exerciseAll(page, page.getByTestId('su-assign'))).length).toBeGreaterThanOrEqual(1);
    expect((await exerciseAll(page, page.getByTestId('su-decide'))).length).toBeGreaterThanOrEqual(5);
    const reviewer = (await apiGet<{ items: { id: string; name: string }[] }>(page, '/api/v1/startup-reviewers')).items.find((x) => x.name.startsWith('Điều phối viên'))!;
    await ok(page.request.put(`/api/v1/startup-proposals/${p.id}/reviewers`, { data: { reviewerIds: [reviewer.id] }, headers: { origin: new URL(page.url()).origin } }));

    await signIn(page, ACCOUNTS.ministry);
    await page.goto(`/mo-hinh-khoi-nghiep/${p.id}`);
    expect((await exerciseAll(page, page.getByTestId('su-score'))).length).toBeGreaterThanOrEqual(2);
    await ok(page.request.put(`/api/v1/startup-proposals/${p.id}/score`, { data: { scores: { c1: 80 } }, headers: { origin: new URL(page.url()).origin } }));

    await signIn(page, 'vu.khtc@ketnoi.demo');
    await page.goto(`/mo-hinh-khoi-nghiep/${p.id}`);
    expect((await exerciseAll(page, page.getByTestId('su-opinion-form'))).length).toBeGreaterThanOrEqual(1);
    await ok(page.request.put(`/api/v1/startup-proposals/${p.id}/budget-opinion`, { data: { opinion: 'Kinh phí hợp lý' }, headers: { origin: new URL(page.url()).origin } }));

    await signIn(page, LEAD);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    await ok(apiPost(page, `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'approve', number: '01/QĐ-ĐK', date: today }));

    await signIn(page, ACCOUNTS.unit);
    await page.goto(`/mo-hinh-khoi-nghiep/${p.id}`);
    expect((await exerciseAll(page, page.getByTestId('su-report-form'))).length).toBeGreaterThanOrEqual(5);
  });

  test('budgets, the coordination board and a proposal corrected: the budget line form (lead unit), the board forms and filters (ministry), the proposal edit form (university)', async ({ page }) => {
    test.setTimeout(180_000);
    const ok = async (r: Promise<import('@playwright/test').APIResponse>) => { const res = await r; expect(res.ok(), await res.text()).toBe(true); return res.json(); };
    await signIn(page, ACCOUNTS.ministry);
    const tasks = await apiGet<{ items: { id: string; number: string }[] }>(page, '/api/v1/plans/kh-29-bgddt-2021/tasks?limit=200');
    const task = tasks.items.find((x) => x.number === 'IV.3.1-a')!;
    await page.goto(`/nhiem-vu/${task.id}`);
    const budget = page.getByTestId('budget-form');
    await expect(budget).toBeVisible();
    expect((await exerciseAll(page, budget)).length).toBeGreaterThanOrEqual(7);
    await expect(budget).toBeVisible();

    await page.goto('/ban-dieu-phoi');
    for (const id of ['board-report', 'board-member-form', 'board-doc-filters', 'board-doc-form']) {
      const root = page.getByTestId(id);
      await expect(root).toBeVisible();
      expect((await exerciseAll(page, root)).length, id).toBeGreaterThanOrEqual(id === 'board-report' ? 1 : 2);
    }

    await signIn(page, 'vu.gdcthssv@ketnoi.demo');
    const c = await ok(apiPost(page, '/api/v1/startup-calls', { title: `Đợt đề xuất (sửa, điều khiển) ${Date.now()}`, deadline: '2099-12-31', criteria: [{ key: 'c1', label: 'Tính khả thi', max: 100 }] }));
    await signIn(page, ACCOUNTS.unit);
    const p = await ok(apiPost(page, `/api/v1/startup-calls/${c.id}/proposals`, { title: 'Mô hình (sửa, điều khiển)', model: 'Mô hình khởi nghiệp (sửa, điều khiển)', locality: 'Điện Biên', targetHouseholds: 5, budget: 50_000_000, expectedResults: 'Kết quả (sửa)' }));
    await page.goto(`/mo-hinh-khoi-nghiep/${p.id}`);
    await page.getByTestId('su-edit').click();
    const form = page.getByTestId('su-form');
    await expect(form).toBeVisible();
    await expect(page.getByTestId('su-form-title')).toHaveValue('Mô hình (sửa, điều khiển)');
    expect((await exerciseAll(page, form)).length).toBeGreaterThanOrEqual(7);
  });

  test('recognition: the new list form and the lists filters (board), the appraisal and the decision forms (Vụ TĐKT)', async ({ page }) => {
    test.setTimeout(150_000);
    const ok = async (r: Promise<import('@playwright/test').APIResponse>) => { const res = await r; expect(res.ok(), await res.text()).toBe(true); return res.json(); };
    await signIn(page, ACCOUNTS.ministry);
    await page.goto('/khen-thuong');
    const create = page.getByTestId('recognition-new');
    await expect(create).toBeVisible();
    expect((await exerciseAll(page, create)).length).toBeGreaterThanOrEqual(5);
    expect((await exerciseAll(page, page.getByTestId('recognition-lists-q').locator('xpath=ancestor::div[contains(@class, "mantine-Group-root")][1]'))).length).toBeGreaterThanOrEqual(3);
    await page.goto('/vinh-danh');
    await expect(page.locator('#main input').first()).toBeVisible();
    expect((await exerciseAll(page, page.locator('#main'))).length).toBeGreaterThanOrEqual(2);
    // a list of one nominee, submitted for appraisal
    const ranked = await apiGet<{ items: { contributor: { id: string } }[] }>(page, '/api/v1/recognition/contributors?limit=30');
    const list = await ok(apiPost(page, '/api/v1/recognition/lists', { title: `Danh sách (điều khiển) ${Date.now()}`, year: 2026, nominees: [{ contributorId: ranked.items.at(-1)!.contributor.id, form: 'thank_you_letter', reason: 'Đồng hành với các trường vùng khó (điều khiển)' }] }));
    await ok(apiPost(page, `/api/v1/recognition/lists/${list.id}/submit`, {}));

    await signIn(page, 'vu.tdkt@ketnoi.demo');
    await page.goto(`/khen-thuong/${list.id}`);
    const nominee = page.getByTestId('recognition-nominee');
    await expect(nominee.getByTestId('recognition-appraise-note')).toBeVisible();
    expect((await exerciseAll(page, nominee)).length).toBeGreaterThanOrEqual(1);
    const detail = await apiGet<{ items: { id: string }[] }>(page, `/api/v1/recognition/lists/${list.id}`);
    await ok(apiPost(page, `/api/v1/recognition/nominees/${detail.items[0].id}/appraisal`, { action: 'accept', note: null }));
    await page.reload();
    const decision = page.getByTestId('recognition-decision');
    await expect(decision).toBeVisible();
    expect((await exerciseAll(page, decision)).length).toBeGreaterThanOrEqual(3);
  });
});

