import { AlignmentType } from 'docx';
import { bodyPara, officialDocx, para, text } from '../../platform/docx.js';
import { RECOGNITION_FORM_LABELS } from '../../../../contracts/recognition.js';
import type { HonourRow } from './repository.js';

const dmy = (iso: string) => iso.split('-').reverse().join('/');

/**
 * A printable certificate of an honoured contributor, in the layout of Decree 30/2020/NĐ-CP
 * (issuing body, number of the decision, place and date, the form as the document's type), with
 * its verification code and where anyone checks it.
 */
export async function certificateDocx(h: HonourRow, verifyUrl: string): Promise<{ buffer: Buffer; filename: string }> {
  const form = RECOGNITION_FORM_LABELS[h.form];
  const [number, ...symbol] = h.number.split('/');
  const buffer = await officialDocx({
    issuer: 'BỘ GIÁO DỤC VÀ ĐÀO TẠO',
    number: symbol.length ? number : null,
    symbol: symbol.length ? symbol.join('/') : h.number,
    place: 'Hà Nội',
    date: h.decided_on,
    typeName: form,
    subject: `Tặng ${h.name}`,
    body: [
      para([text(h.name, { bold: true, size: 16 })], { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } }),
      bodyPara(`Đã có nhiều đóng góp nguồn lực cho sự nghiệp giáo dục và đào tạo, đồng hành xây dựng trường học an toàn, thân thiện cho trẻ em, học sinh năm ${h.year} (Kế hoạch số 29/KH-BGDĐT ngày 11/01/2021).`),
      bodyPara(`Theo Quyết định số ${h.number} ngày ${dmy(h.decided_on)} của Bộ trưởng Bộ Giáo dục và Đào tạo.`),
      para([text('Mã xác thực: ', { size: 13 }), text(h.certificate_code, { bold: true, size: 13 })], { alignment: AlignmentType.LEFT, spacing: { before: 240 } }),
      para([text(`Kiểm tra tại: ${verifyUrl}`, { italics: true, size: 12 })], { alignment: AlignmentType.LEFT }),
    ],
    copiesTo: [h.name, 'Lưu: VT, Vụ TĐKT'],
    signer: { authority: ['KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG'] },
  });
  return { buffer, filename: `chung-nhan-${h.certificate_code.toLowerCase()}.docx` };
}
