import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, type DemoRole, signIn } from './support/app';

/**
 * In English nothing Vietnamese is left but the data: every main page, as the public and as
 * each demo role, is read in English and every visible text (and every placeholder, aria-label
 * and title) with a Vietnamese letter must come from the data the page loaded (names of places,
 * schools, organisations, needs: the strings of the API's JSON answers, except the `…Label`
 * fields, which are interface words). Figures follow English (en-GB) conventions.
 */

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
/**
 * Not interface text to translate: the brand, the language switch's own name of Vietnamese, and
 * proper names the English interface writes as they are (places the programmes name, the
 * islands, the Vietnamese numbers of documents such as 13/2023/NĐ-CP or 29/KH-BGDĐT, and the
 * column headers an area-flags file carries, quoted as the file has them).
 */
const ALWAYS = ['KếtNối', 'Tiếng Việt', '"Mã"', '"Đặc điểm"', 'Hoàng Sa', 'Trường Sa', 'Sơn La', 'Lai Châu', 'Điện Biên', 'Mường Nhé', 'Hướng Hóa', 'Quảng Trị', 'Hà Nội'];
const DOCUMENT_NUMBER = /\b\d+(\/\d{4})?\/[A-ZĐ][A-ZĐa-z-]*(-[A-ZĐ]+)*/g;

/** Pages every visitor opens, and those of each role (the pages the navigation offers it). */
const PUBLIC_PAGES = ['/', '/truong-hoc', '/don-vi-hanh-chinh', '/ban-do', '/nhu-cau', '/cong-khai', '/ket-nghia', '/ke-hoach-29', '/dang-nhap', '/quen-mat-khau', '/nha-tai-tro/dang-ky'];
const ROLE_PAGES: Record<DemoRole, string[]> = {
  admin: ['/', '/tai-khoan', '/truong-hoc', '/nhap-du-lieu', '/ke-hoach', '/nhiem-vu', '/thong-bao', '/nhu-cau', '/nhu-cau/cho-xac-minh', '/dong-gop', '/dong-gop/ghi-nhan', '/nha-tai-tro', '/van-ban-ky-ket', '/dieu-phoi', '/ke-hoach-29', '/ket-nghia', '/ket-nghia/theo-doi', '/doi-mat-khau'],
  ministry: ['/', '/ke-hoach', '/nhiem-vu', '/thong-bao', '/nhu-cau', '/dong-gop', '/nha-tai-tro', '/van-ban-ky-ket', '/dieu-phoi', '/ke-hoach-29', '/ket-nghia', '/ket-nghia/theo-doi', '/hoat-dong/lich', '/mo-hinh-khoi-nghiep', '/ban-dieu-phoi'],
  department: ['/', '/tai-khoan', '/truong-hoc', '/nhu-cau', '/nhu-cau/cho-xac-minh', '/dong-gop', '/dong-gop/ghi-nhan', '/dieu-phoi', '/ket-nghia', '/ket-nghia/bao-cao', '/nhiem-vu', '/thong-bao', '/ke-hoach-tai-tro'],
  school: ['/', '/nhu-cau', '/nhu-cau/cua-toi', '/nhu-cau/moi', '/ke-hoach-tai-tro', '/ke-hoach-tai-tro/moi', '/dong-gop', '/ket-nghia', '/ket-nghia/bao-cao', '/thong-bao', '/doi-mat-khau'],
  donor: ['/', '/nhu-cau', '/dong-gop', '/cong-khai', '/thong-bao'],
  commune: ['/', '/nhu-cau', '/nhu-cau/cho-xac-minh', '/ke-hoach-tai-tro', '/ke-hoach-tai-tro?trang-thai=submitted', '/ket-nghia', '/nhiem-vu', '/thong-bao', '/doi-mat-khau'],
  unit: ['/', '/ke-hoach', '/nhiem-vu', '/thong-bao', '/doi-mat-khau', '/mo-hinh-khoi-nghiep'],
};

/**
 * Strings of the API's JSON answers (the data), except interface words the server sends as `…Label`.
 * A startup call's criteria are the exception: their `label` is what the Ministry's staff typed when
 * opening the call (data), not a word of the interface.
 */
const DATA_LABELS_UNDER = new Set(['criteria']);
function collectData(page: Page): Set<string> {
  const data = new Set<string>();
  const walk = (v: unknown, key = '', parent = '') => {
    if (typeof v === 'string') { if ((!/label$/i.test(key) || DATA_LABELS_UNDER.has(parent)) && VIETNAMESE.test(v)) data.add(v.normalize('NFC')); return; }
    if (Array.isArray(v)) { for (const x of v) walk(x, key, key); return; }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, parent);
  };
  page.on('response', async (r) => {
    if (!new URL(r.url()).pathname.startsWith('/api/') || !(r.headers()['content-type'] ?? '').includes('json')) return;
    try { walk(await r.json()); } catch { /* not JSON after all, or gone */ }
  });
  return data;
}

/** Visible texts and the texts of placeholders, aria-labels and titles that carry a Vietnamese letter. */
async function vietnameseTexts(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const re = new RegExp(source, 'i');
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text || !re.test(text) || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      // an element's whole text, so that a name split over several nodes stays one string
      out.add(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (!(el as HTMLElement).checkVisibility?.()) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v && re.test(v)) out.add(`${v}`);
      }
    }
    return [...out];
  }, VIETNAMESE.source);
}

/** What is left of a text once the data values in it are taken out. */
function withoutData(text: string, data: string[]): string {
  let rest = text.normalize('NFC').replace(DOCUMENT_NUMBER, ' ');
  for (const d of data) if (rest.includes(d)) rest = rest.split(d).join(' ');
  // a value shown in part (a long name cut, a place's short name): words that occur in the data
  const words = new Set(data.flatMap((d) => d.split(/[\s,.;:()/–-]+/)));
  return rest.split(/\s+/).filter((w) => VIETNAMESE.test(w) && !words.has(w.replace(/[,.;:()"“”]/g, ''))).join(' ');
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  // lists and cards have loaded (a map may keep its own spinner without WebGL: not waited for)
  await expect(page.locator('main .mantine-Loader-root').and(page.locator(':not(.maplibregl-map *)'))).toHaveCount(0, { timeout: 10_000 }).catch(() => undefined);
}

async function checkPages(page: Page, who: string, paths: string[], data: Set<string>) {
  const leaks: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await settle(page);
    const known = [...ALWAYS, ...data].sort((a, b) => b.length - a.length);
    for (const text of await vietnameseTexts(page)) {
      const rest = withoutData(text, known);
      if (rest) leaks.push(`${who} ${path}: "${text.slice(0, 120)}" (${rest.slice(0, 60)})`);
    }
  }
  return leaks;
}

test.describe('English everywhere', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('kn.lang', 'en'));
  });

  test('the public pages have no Vietnamese label', async ({ page }) => {
    test.setTimeout(240_000);
    const data = collectData(page);
    const leaks = await checkPages(page, 'public', PUBLIC_PAGES, data);
    // a school's page and a public need's page, opened from their lists
    await page.goto('/truong-hoc');
    await settle(page);
    await page.getByTestId('school-row').first().getByRole('link').click();
    await settle(page);
    leaks.push(...(await checkPages(page, 'public', [new URL(page.url()).pathname], data)));
    expect(leaks).toEqual([]);
  });

  for (const role of Object.keys(ROLE_PAGES) as DemoRole[]) {
    test(`as ${role}, every main page is in English`, async ({ page }) => {
      test.setTimeout(300_000);
      const data = collectData(page);
      await signIn(page, ACCOUNTS[role]);
      expect(await checkPages(page, role, ROLE_PAGES[role], data)).toEqual([]);
    });
  }

  test('figures follow English conventions: 1,234,567 ₫ and 15 Dec 2026', async ({ page }) => {
    await page.goto('/cong-khai');
    await settle(page);
    const totals = page.getByTestId('portal-total');
    await expect(totals).toBeVisible();
    const text = await totals.innerText();
    // amounts in đồng are grouped by commas, never by dots
    expect(text).toMatch(/\d{1,3}(,\d{3})+\s₫/);
    expect(text).not.toMatch(/\d\.\d{3}/);
    await signIn(page, ACCOUNTS.ministry);
    await page.goto('/ke-hoach/kh-29-bgddt-2021');
    await settle(page);
    await expect(page.getByText(/\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/).first()).toBeVisible();
    // no date the interface writes is day/month/year (the plan's own text, as signed, may be)
    await expect(page.getByText(/^\d{2}\/\d{2}\/\d{4}$/)).toHaveCount(0);
  });
});
