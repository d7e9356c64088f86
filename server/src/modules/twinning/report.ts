import JSZip from 'jszip';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { bodyPara, gridTable, heading, officialDocx } from '../../platform/docx.js';
import { vndCell } from '../../platform/tabular.js';
import { xlsxWorkbook } from '../../platform/xlsx.js';
import { zipStream, type ZipEntry } from '../../platform/zip.js';
import { getReport } from './service.js';
import { reportPairs, type ReportPairRow } from './repository.js';
import { ACTIVITY_KINDS, KIND_LABELS, type ActivityKind } from './domain.js';

/** A sum of đồng (a decimal string, exact past 2^53) or an amount, in words of the report. */
const money = (n: number | string) => `${new Intl.NumberFormat('vi-VN').format(BigInt(n))} đồng`;
const FORM = { money: 'Tiền', in_kind: 'Hiện vật', non_material: 'Phi vật chất' } as Record<string, string>;

const PAIR_HEADERS = ['TT', 'Đơn vị Hà Nội', 'Trường kết nghĩa', 'Tỉnh', 'Từ năm', 'Số hoạt động'];
/** A table row's cells stand for these markers in the document built once; each pair's row is the marked row with its values. */
const marker = (i: number) => `@@KN-CELL-${i}@@`;
const xmlText = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const pairCells = (p: ReportPairRow, i: number) => [String(i + 1), p.hanoi_side, p.border_school_name, p.border_province_name, String(p.start_year), String(p.activities)];

/** The document's XML around the pairs table's marked row, then one row per pair, written in slices as the zip reads them. */
async function* documentXml(xml: string, pairs: ReportPairRow[]): AsyncGenerator<Buffer> {
  const at = xml.indexOf(marker(0));
  const start = xml.lastIndexOf('<w:tr>', at) >= 0 ? xml.lastIndexOf('<w:tr>', at) : xml.lastIndexOf('<w:tr ', at);
  const end = xml.indexOf('</w:tr>', at) + '</w:tr>'.length;
  // the marked row cut once at its markers: text, cell index, text, … (a row is then a join, not a search)
  const parts = xml.slice(start, end).split(/@@KN-CELL-(\d)@@/);
  yield Buffer.from(xml.slice(0, start));
  for (let i = 0; i < pairs.length; i += 500) {
    let chunk = '';
    for (let j = i; j < Math.min(i + 500, pairs.length); j++) {
      const cells = pairCells(pairs[j], j);
      for (let k = 0; k < parts.length; k++) chunk += k % 2 ? xmlText(cells[Number(parts[k])]) : parts[k];
    }
    yield Buffer.from(chunk);
  }
  yield Buffer.from(xml.slice(end));
}

/**
 * The twinning report due 15/12, as .docx in the Decree 30/2020 format, from the report's figures
 * (summed in SQL) and narrative. The document is built once with one marked row in the pairs
 * table; its XML is then streamed into the zip with one row per pair, so twenty thousand pairs
 * cost a string per row rather than a tree of objects per cell, deflated by the platform's zlib.
 */
export async function reportDocx(db: Db, actor: Actor, level: 'cluster' | 'department', orgId: string, year: number, date: string) {
  // the figures and the pairs read at once (each a statement over the year's activities)
  const [r, pairs] = await Promise.all([getReport(db, actor, level, orgId, year), reportPairs(db, year, level === 'cluster' ? orgId : null)]);
  const f = r.figures;
  const body = [
    heading('I. KẾT QUẢ THỰC HIỆN'),
    bodyPara(`1. Số cặp kết nghĩa: ${f.pairs} cặp (đang hoạt động ${f.pairsActive}; thiết lập mới trong năm ${f.newPairs}; ${f.joinedSchools ?? 0} trường tham gia lần đầu).`),
    bodyPara(`2. Hoạt động đã triển khai: ${f.activities} hoạt động (${f.activitiesConfirmed} hoạt động đã được trường kết nghĩa xác nhận), với ${f.teachers.toLocaleString('vi-VN')} lượt giáo viên và ${f.pupils.toLocaleString('vi-VN')} lượt học sinh tham gia. Số cặp chưa có hoạt động: ${f.pairsWithoutActivity}.`),
    gridTable(['Nhóm hoạt động', 'Số hoạt động'], (Object.keys(ACTIVITY_KINDS) as ActivityKind[]).map((k) => [KIND_LABELS[k], String(f.byKind[k])]), [130, 35]),
    bodyPara(`3. Kết quả hỗ trợ: tổng giá trị ${money(f.supportValue)}; trong đó ${Object.entries(f.supportByForm).map(([k, v]) => `${FORM[k].toLowerCase()} ${money(v)}`).join(', ')}.`),
    ...(r.narrative.results ? [bodyPara(`4. Kết quả nổi bật: ${r.narrative.results}`)] : []),
    ...(r.narrative.quality ? [bodyPara(`5. Chất lượng, hiệu quả lan tỏa của mô hình: ${r.narrative.quality}`)] : []),
    heading('II. DANH SÁCH CẶP KẾT NGHĨA'),
    gridTable(PAIR_HEADERS, [PAIR_HEADERS.map((_, i) => marker(i))], [10, 50, 50, 20, 15, 20]),
    heading('III. KHÓ KHĂN, VƯỚNG MẮC'),
    bodyPara(r.narrative.difficulties || 'Không có.'),
    heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'),
    bodyPara(r.narrative.proposals || 'Không có.'),
  ];
  const isCluster = level === 'cluster';
  const buffer = await officialDocx({
    parentBody: isCluster ? 'SỞ GDĐT HÀ NỘI' : 'UBND THÀNH PHỐ HÀ NỘI',
    issuer: isCluster ? r.organisationName : 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    number: null,
    symbol: isCluster ? 'BC-CTHPT' : 'BC-SGDĐT',
    place: 'Hà Nội',
    date,
    typeName: 'Báo cáo',
    subject: `Sơ kết công tác kết nối, kết nghĩa với các trường học tại xã biên giới tỉnh Sơn La, Lai Châu, Điện Biên năm ${year}`,
    recipientsTo: isCluster ? ['Sở Giáo dục và Đào tạo Hà Nội'] : ['Bộ Giáo dục và Đào tạo', 'Ủy ban nhân dân Thành phố Hà Nội'],
    body,
    copiesTo: isCluster ? ['Như trên', 'Các trường trong cụm', 'Lưu: VT'] : ['Như trên', 'Sở GDĐT các tỉnh Sơn La, Lai Châu, Điện Biên', 'Lưu: VT, CTTT&CTHSSV'],
    signer: { authority: isCluster ? ['TM. CỤM TRƯỜNG', 'TRƯỞNG CỤM'] : ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] },
  });
  // the small document's files as they are, its body with one row per pair, zipped as it is written (native DEFLATE)
  const zip = await JSZip.loadAsync(buffer);
  const entries: ZipEntry[] = [];
  for (const f of Object.values(zip.files)) {
    if (f.dir) continue;
    entries.push(f.name === 'word/document.xml'
      ? { name: f.name, data: documentXml(await f.async('string'), pairs), level: 1 }
      : { name: f.name, data: await f.async('nodebuffer') });
  }
  return { stream: zipStream(entries), filename: `bao-cao-ket-nghia-${level}-${year}.docx` };
}

/** The report as .xlsx: the figures, then every pair, streamed row by row (platform/xlsx.ts). */
export async function reportXlsx(db: Db, actor: Actor, level: 'cluster' | 'department', orgId: string, year: number) {
  const [r, pairs] = await Promise.all([getReport(db, actor, level, orgId, year), reportPairs(db, year, level === 'cluster' ? orgId : null)]);
  const f = r.figures;
  const figures = [
    ['Số cặp kết nghĩa', f.pairs], ['Cặp thiết lập mới', f.newPairs], ['Trường tham gia lần đầu', f.joinedSchools ?? 0], ['Số hoạt động', f.activities],
    ['Hoạt động đã xác nhận', f.activitiesConfirmed], ['Lượt giáo viên', f.teachers], ['Lượt học sinh', f.pupils], ['Cặp chưa có hoạt động', f.pairsWithoutActivity],
    ...(Object.keys(ACTIVITY_KINDS) as ActivityKind[]).map((k) => [KIND_LABELS[k], f.byKind[k]]),
    ['Giá trị hỗ trợ (đồng)', vndCell(f.supportValue)], ...Object.entries(f.supportByForm).map(([k, v]) => [`Hỗ trợ: ${FORM[k]} (đồng)`, vndCell(v)]),
  ] as [string, number | string][];
  // the pairs in slices of a thousand rows, each slice written and deflated before the next is made
  function* pairRows() {
    for (let i = 0; i < pairs.length; i += 1000) {
      yield pairs.slice(i, i + 1000).map((x) => [x.hanoi_side, x.cluster_name, x.border_school_name, x.border_commune_name, x.border_province_name, Number(x.start_year), x.status, Number(x.activities)]);
    }
  }
  const stream = xlsxWorkbook([
    { name: 'Tổng hợp', columns: [{ width: 50 }, { width: 22 }], titleRows: [[`Báo cáo kết nghĩa năm ${year}: ${r.organisationName}`]], rows: [figures] },
    { name: 'Cặp kết nghĩa', columns: [{ header: 'Đơn vị Hà Nội', width: 40 }, { header: 'Cụm', width: 24 }, { header: 'Trường kết nghĩa', width: 40 }, { header: 'Xã', width: 24 }, { header: 'Tỉnh', width: 14 }, { header: 'Từ năm', width: 10 }, { header: 'Trạng thái', width: 12 }, { header: `Hoạt động năm ${year}`, width: 14 }], rows: pairRows() },
  ]);
  return { stream, filename: `bao-cao-ket-nghia-${level}-${year}.xlsx` };
}
