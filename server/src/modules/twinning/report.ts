import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { bodyPara, gridTable, heading, officialDocx } from '../../platform/docx.js';
import { vndCell } from '../../platform/tabular.js';
import { getReport } from './service.js';
import { allPairs } from './repository.js';
import { ACTIVITY_KINDS, KIND_LABELS, type ActivityKind } from './domain.js';

/** A sum of đồng (a decimal string, exact past 2^53) or an amount, in words of the report. */
const money = (n: number | string) => `${new Intl.NumberFormat('vi-VN').format(BigInt(n))} đồng`;
const FORM = { money: 'Tiền', in_kind: 'Hiện vật', non_material: 'Phi vật chất' } as Record<string, string>;

/** The twinning report due 15/12, as .docx in the Decree 30/2020 format, from the report's figures and narrative. */
export async function reportDocx(db: Db, actor: Actor, level: 'cluster' | 'department', orgId: string, year: number, date: string) {
  const r = await getReport(db, actor, level, orgId, year);
  const f = r.figures;
  const pairs = await allPairs(db, { year, clusterId: level === 'cluster' ? orgId : undefined });
  const body = [
    heading('I. KẾT QUẢ THỰC HIỆN'),
    bodyPara(`1. Số cặp kết nghĩa: ${f.pairs} cặp (đang hoạt động ${f.pairsActive}; thiết lập mới trong năm ${f.newPairs}; ${f.joinedSchools ?? 0} trường tham gia lần đầu).`),
    bodyPara(`2. Hoạt động đã triển khai: ${f.activities} hoạt động (${f.activitiesConfirmed} hoạt động đã được trường kết nghĩa xác nhận), với ${f.teachers.toLocaleString('vi-VN')} lượt giáo viên và ${f.pupils.toLocaleString('vi-VN')} lượt học sinh tham gia. Số cặp chưa có hoạt động: ${f.pairsWithoutActivity}.`),
    gridTable(['Nhóm hoạt động', 'Số hoạt động'], (Object.keys(ACTIVITY_KINDS) as ActivityKind[]).map((k) => [KIND_LABELS[k], String(f.byKind[k])]), [130, 35]),
    bodyPara(`3. Kết quả hỗ trợ: tổng giá trị ${money(f.supportValue)}; trong đó ${Object.entries(f.supportByForm).map(([k, v]) => `${FORM[k].toLowerCase()} ${money(v)}`).join(', ')}.`),
    ...(r.narrative.results ? [bodyPara(`4. Kết quả nổi bật: ${r.narrative.results}`)] : []),
    ...(r.narrative.quality ? [bodyPara(`5. Chất lượng, hiệu quả lan tỏa của mô hình: ${r.narrative.quality}`)] : []),
    heading('II. DANH SÁCH CẶP KẾT NGHĨA'),
    gridTable(['TT', 'Đơn vị Hà Nội', 'Trường kết nghĩa', 'Tỉnh', 'Từ năm', 'Số hoạt động'],
      pairs.map((p, i) => [String(i + 1), p.hanoiSide, p.borderSchoolName, p.borderProvinceName, String(p.startYear), String(p.activitiesThisYear)]), [10, 50, 50, 20, 15, 20]),
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
  return { buffer, filename: `bao-cao-ket-nghia-${level}-${year}.docx` };
}

export async function reportXlsx(db: Db, actor: Actor, level: 'cluster' | 'department', orgId: string, year: number) {
  const r = await getReport(db, actor, level, orgId, year);
  const pairs = await allPairs(db, { year, clusterId: level === 'cluster' ? orgId : undefined });
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('Tổng hợp');
  s.columns = [{ width: 50 }, { width: 22 }];
  s.addRow([`Báo cáo kết nghĩa năm ${year}: ${r.organisationName}`]).font = { bold: true };
  const f = r.figures;
  for (const [k, v] of [
    ['Số cặp kết nghĩa', f.pairs], ['Cặp thiết lập mới', f.newPairs], ['Trường tham gia lần đầu', f.joinedSchools ?? 0], ['Số hoạt động', f.activities],
    ['Hoạt động đã xác nhận', f.activitiesConfirmed], ['Lượt giáo viên', f.teachers], ['Lượt học sinh', f.pupils], ['Cặp chưa có hoạt động', f.pairsWithoutActivity],
    ...(Object.keys(ACTIVITY_KINDS) as ActivityKind[]).map((k) => [KIND_LABELS[k], f.byKind[k]]),
    ['Giá trị hỗ trợ (đồng)', vndCell(f.supportValue)], ...Object.entries(f.supportByForm).map(([k, v]) => [`Hỗ trợ: ${FORM[k]} (đồng)`, vndCell(v)]),
  ] as [string, number | string][]) s.addRow([k, v]);
  const p = wb.addWorksheet('Cặp kết nghĩa');
  p.columns = [{ header: 'Đơn vị Hà Nội', width: 40 }, { header: 'Cụm', width: 24 }, { header: 'Trường kết nghĩa', width: 40 }, { header: 'Xã', width: 24 }, { header: 'Tỉnh', width: 14 }, { header: 'Từ năm', width: 10 }, { header: 'Trạng thái', width: 12 }, { header: `Hoạt động năm ${year}`, width: 14 }];
  p.getRow(1).font = { bold: true };
  for (const x of pairs) p.addRow([x.hanoiSide, x.hanoiClusterName, x.borderSchoolName, x.borderCommuneName, x.borderProvinceName, x.startYear, x.status, x.activitiesThisYear]);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `bao-cao-ket-nghia-${level}-${year}.xlsx` };
}
