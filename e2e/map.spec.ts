import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { expect, test } from './support/fixtures';

// Journey 4: the map draws the 34 provinces, including the Hoàng Sa (Đà Nẵng, 48) and
// Trường Sa (Khánh Hoà, 56) archipelagos, and the schools, grouped by the server in cells of the
// view on screen (a group shows its count; zooming in asks for smaller cells).

type Cells = { fields: string[]; rows: [string | null, string | null, number, number, string | null, number][] };
const isCells = (r: { url(): string }) => { const u = new URL(r.url()); return u.pathname === '/api/v1/schools/points' && u.searchParams.has('bbox'); };

test('the map renders with the provinces, Hoàng Sa and Trường Sa', async ({ page }, testInfo) => {
  const shapes = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/geo/provinces');
  const points = page.waitForResponse(isCells);
  await page.goto('/ban-do');
  await expect(page.getByRole('heading', { level: 1, name: 'Bản đồ trường học' })).toBeVisible();

  // the province shapes the page fetched
  const geoRes = await shapes;
  expect(geoRes.status()).toBe(200);
  const geo = (await geoRes.json()) as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  expect(geo.features).toHaveLength(34);
  const byCode = new Map(geo.features.map((f) => [f.properties.code, f]));
  const parts = (f: Feature<Polygon | MultiPolygon> | undefined) => {
    expect(f?.geometry.type).toBe('MultiPolygon');
    return (f!.geometry as MultiPolygon).coordinates.length;
  };
  const inBox = (f: Feature<Polygon | MultiPolygon>, [x0, y0, x1, y1]: number[]) =>
    (f.geometry as MultiPolygon).coordinates.some((poly) => poly[0].every(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1));
  const daNang = byCode.get('48')!;
  const khanhHoa = byCode.get('56')!;
  expect(parts(daNang)).toBeGreaterThan(40);
  expect(parts(khanhHoa)).toBeGreaterThan(130);
  // the parts really are the archipelagos: Hoàng Sa around 111–113°E 15.7–17.2°N, Trường Sa around 111.5–117.8°E 6.5–12°N
  expect(inBox(daNang, [111, 15.5, 113, 17.5])).toBe(true);
  expect(inBox(khanhHoa, [111.5, 6.5, 117.8, 12])).toBe(true);

  const first = await points;
  expect(first.status()).toBe(200);
  expect(Number(new URL(first.url()).searchParams.get('zoom'))).toBeLessThanOrEqual(6);
  const cells = (await first.json()) as Cells;
  expect(cells.fields).toEqual(['id', 'name', 'lat', 'lng', 'levels', 'count']);
  const total = cells.rows.reduce((n, r) => n + r[5], 0);
  const groups = cells.rows.filter((r) => r[5] > 1);
  expect(groups.length).toBeGreaterThan(0);
  // the whole country comes in far fewer cells than schools
  expect(cells.rows.length).toBeLessThan(total);

  // the map is ready once it has drawn the cells; each group carries its count
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-ready', 'true');
  expect(await page.evaluate(() => window.__knMapReady)).toBe(true);
  await expect(page.getByTestId('map-count')).toHaveText(`${total.toLocaleString('de-DE')} trường có toạ độ`);
  const labels = page.getByTestId('map-cluster-count');
  await expect(labels).toHaveCount(groups.length);
  const shown = await labels.evaluateAll((xs) => xs.map((x) => Number((x as HTMLElement).dataset.count)));
  expect(shown.sort((a, b) => a - b)).toEqual(groups.map((r) => r[5]).sort((a, b) => a - b));

  // zooming in asks for the cells of the smaller view
  const closer = page.waitForResponse(isCells);
  await page.getByRole('button', { name: 'Phóng to' }).click();
  await page.getByRole('button', { name: 'Phóng to' }).click();
  const zoomed = await closer;
  expect(zoomed.status()).toBe(200);
  expect(Number(new URL(zoomed.url()).searchParams.get('zoom'))).toBeGreaterThan(Number(new URL(first.url()).searchParams.get('zoom')));

  const canvas = map.locator('canvas.maplibregl-canvas');
  await expect(canvas).toHaveCount(1);
  const box = await canvas.boundingBox();
  expect(box?.width).toBeGreaterThan(200);
  expect(box?.height).toBeGreaterThan(200);
  const size = await canvas.evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height, gl: !!(c.getContext('webgl2') ?? c.getContext('webgl')) }));
  expect(size.w).toBeGreaterThan(0);
  expect(size.h).toBeGreaterThan(0);
  expect(size.gl).toBe(true);

  // the archipelagos are named on the map, and the legend is there
  await expect(page.locator('.kn-island-label[data-island="map.hoangSa"]')).toHaveText('Quần đảo Hoàng Sa (TP. Đà Nẵng)');
  await expect(page.locator('.kn-island-label[data-island="map.truongSa"]')).toHaveText('Quần đảo Trường Sa (tỉnh Khánh Hoà)');
  await expect(page.getByTestId('map-legend')).toBeVisible();
  await expect(page.getByText('Trình duyệt không hỗ trợ bản đồ (WebGL).')).toHaveCount(0);

  const shot = testInfo.outputPath('ban-do.png');
  await page.screenshot({ path: shot, fullPage: false });
  await testInfo.attach('ban-do', { path: shot, contentType: 'image/png' });
});

test('the map filtered by a province and a level shows only their schools, grouped in the province', async ({ page }) => {
  const cellsOf = (r: { url(): string }) => isCells(r) && new URL(r.url()).searchParams.get('provinceCode') === '11' && new URL(r.url()).searchParams.get('level') === 'tieu_hoc';
  const points = page.waitForResponse(cellsOf);
  await page.goto('/ban-do?tinh=11&cap=tieu_hoc');
  const res = await points;
  expect(res.status()).toBe(200);
  const cells = (await res.json()) as Cells;
  const total = cells.rows.reduce((n, r) => n + r[5], 0);
  expect(total).toBeGreaterThan(0);
  // the map fitted the province: closer than the whole country
  expect(Number(new URL(res.url()).searchParams.get('zoom'))).toBeGreaterThan(6);
  // every cell of one school is a primary school
  for (const r of cells.rows.filter((x) => x[5] === 1)) expect(r[4]?.split(',')).toContain('tieu_hoc');
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('map-count')).toHaveText(`${total.toLocaleString('de-DE')} trường có toạ độ`);
  // the same filters through the API at the deepest zoom: the same schools, one by one
  const one = (await (await page.request.get(`/api/v1/schools/points?provinceCode=11&level=tieu_hoc&zoom=16&bbox=${new URL(res.url()).searchParams.get('bbox')}`)).json()) as Cells;
  expect(one.rows.length).toBe(total);
});
