import type { Db } from '../platform/db.js';
import { SYSTEM } from '../platform/actor.js';
import { systemClock } from '../platform/clock.js';
import { appraiseNominee, createList, decide, submitList } from '../modules/recognition/service.js';
import { LAUNCH_TITLE } from './demo-records.js';

/**
 * Recognition in the demo (plan 29 §I.1.3, §IV.3.6): the board's list of sample donors for 2020,
 * appraised by Vụ TĐKT and honoured by a sample decision handed over at the launch meeting's item 5
 * ("Tôn vinh, khen thưởng, tặng kỷ niệm chương…"); and a 2026 list still awaiting appraisal, which
 * the public never sees. Sample organisations only, no person.
 */
export const DEMO_DECISION_NUMBER = '01/QĐ-BGDĐT (mẫu)';
const HONOUR_ITEM = 5;

export async function loadRecognitionDemo(db: Db): Promise<void> {
  if (await db.maybeOne('SELECT 1 FROM recognition_decision WHERE number = $1', [DEMO_DECISION_NUMBER])) return;
  const orgs = new Map((await db.query<{ id: string; code: string }>(`SELECT id, code FROM organisation WHERE code = ANY($1::text[])`, [['demo-donor-1', 'demo-donor-2', 'demo-donor-3']])).map((o) => [o.code, o.id]));
  const [d1, d2, d3] = ['demo-donor-1', 'demo-donor-2', 'demo-donor-3'].map((c) => orgs.get(c));
  if (!d1 || !d2 || !d3) return;
  const launch = await db.maybeOne<{ id: string }>('SELECT id FROM activity WHERE title = $1', [LAUNCH_TITLE]);
  const list = await createList(db, SYSTEM, {
    title: 'Danh sách đề nghị tôn vinh các tổ chức, doanh nghiệp đồng hành với ngành Giáo dục giai đoạn 2015 - 2020 (mẫu)', year: 2020,
    nominees: [
      { contributorId: d1, form: 'merit_certificate', reason: 'Doanh nghiệp mẫu đồng hành nhiều năm, tài trợ thiết bị và công trình vệ sinh cho trường vùng khó.' },
      { contributorId: d2, form: 'merit_certificate', reason: 'Tài trợ thiết bị tin học và ký kết đồng hành xây dựng phần mềm số hóa cơ sở vật chất trường lớp.' },
    ],
  });
  await submitList(db, SYSTEM, list.id);
  for (const n of list.items) await appraiseNominee(db, SYSTEM, n.id, 'accept', null);
  await decide(db, SYSTEM, systemClock, {
    number: DEMO_DECISION_NUMBER, decidedOn: '2021-01-20', form: 'merit_certificate', signer: 'Thứ trưởng Bộ Giáo dục và Đào tạo',
    nomineeIds: list.items.map((n) => n.id), activityId: launch?.id ?? null, agendaPosition: launch ? HONOUR_ITEM : null,
  });
  const pending = await createList(db, SYSTEM, {
    title: 'Danh sách đề nghị khen thưởng các tổ chức có nhiều đóng góp năm 2026 (mẫu)', year: 2026,
    nominees: [{ contributorId: d3, form: 'thank_you_letter', reason: 'Quỹ mẫu trao học bổng cho học sinh vùng khó trong năm học 2025 - 2026.' }],
  });
  await submitList(db, SYSTEM, pending.id);
}
