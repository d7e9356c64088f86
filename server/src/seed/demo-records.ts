import type { Db } from '../platform/db.js';
import { SYSTEM } from '../platform/actor.js';
import { systemClock } from '../platform/clock.js';
import { fold } from '../platform/text.js';
import { readJsonData } from '../platform/data-files.js';
import { createActivity } from '../modules/activities/service.js';

/**
 * Programme records in the demo: plan 29's launch meeting of 22/01/2021 as the seed writes it
 * (§IV.2 and its 13-item programme, about 100 delegates; Sheraton Hà Nội), organised by Vụ GDTC,
 * serving tasks IV.3.1-a and IV.3.1-g, its invitations the Departments of the ten provinces
 * selected for 2021, and its six signings (items 7–12) linked to the agreements recorded for them
 * (a sample agreement of a sample donor each). Organisations and roles only, no person.
 */

/** The seed's programme table: content, who carries it out as written, and the unit's code. */
const PROGRAMME: [string, string, string | null][] = [
  ['Tuyên bố lý do, giới thiệu đại biểu', 'Ban tổ chức', 'ban-to-chuc-kh29'],
  ['Phát biểu đề dẫn và khai mạc buổi gặp mặt', 'Lãnh đạo Bộ GD&ĐT', 'bgddt'],
  ['Báo cáo tóm tắt, đánh giá về sự đồng hành của các tổ chức, cá nhân, các doanh nghiệp với ngành Giáo dục giai đoạn 2015 - 2020 và giới thiệu một số mô hình điển hình', 'Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên', 'vu-gdcthssv'],
  ['Trình chiếu clip về thực trạng cơ sở vật chất, nước sạch và công trình vệ sinh trường, lớp mầm non, tiểu học vùng đồng bào dân tộc thiểu số, địa bàn có nhiều khu công nghiệp, vùng miền núi, biên giới, hải đảo khó khăn cần hỗ trợ nguồn lực qua kết nối', 'Văn phòng Bộ; Trung tâm truyền thông giáo dục', 'van-phong-bo'],
  ['Tôn vinh, khen thưởng, tặng kỷ niệm chương cho các tổ chức, cá nhân', 'Vụ Thi đua Khen thưởng', 'vu-tdkt'],
  ['Công bố thành lập và ra mắt Ban điều phối kết nối nguồn lực xã hội - xây dựng trường học an toàn, thân thiện giai đoạn 2021 - 2025', 'Ban tổ chức', 'ban-to-chuc-kh29'],
  ['Ký kết với các doanh nghiệp, các liên đoàn đồng hành với Vụ phục vụ nhiệm vụ chuyên môn', 'Lãnh đạo Vụ Giáo dục thể chất', 'vu-gdtc'],
  ['Ký kết với các tập đoàn, doanh nghiệp đồng hành với Vụ phục vụ nhiệm vụ chuyên môn', 'Lãnh đạo Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên', 'vu-gdcthssv'],
  ['Ký kết giữa Ban Quản lý các dự án với các tổ chức quốc tế, đồng hành cùng các vụ cấp học (Giáo dục Mầm non, Giáo dục Tiểu học, Giáo dục Trung học)', 'Lãnh đạo Ban Quản lý các dự án', 'ban-qlcda'],
  ['Ký ký với doanh nghiệp và tổ kỹ thuật của Bộ Thông tin & Truyền thông xây dựng phần mềm số hóa để quản lý, khảo sát, đầu tư cơ sở vật chất trường lớp', 'Lãnh đạo Cục Công nghệ thông tin', 'cuc-cntt'],
  ['Ký với các doanh nghiệp, các ngân hàng thương mại đồng hành với các vụ cấp học', 'Lãnh đạo Cục Cơ sở vật chất', 'cuc-csvc'],
  ['Ký kết với các cơ quan báo chí, truyền thông về bảo trợ truyền thông cho chương trình.', 'Lãnh đạo Văn phòng', 'van-phong-bo'],
  ['Bế mạc.', 'Ban tổ chức', 'ban-to-chuc-kh29'],
];
/**
 * The sample agreements signed at the programme's signing items (7–12): one for each, of a sample
 * donor with the unit that signs it as the programme writes it (item 10 with the Ministry). The
 * seed names the kinds of partners only (businesses, federations, international organisations,
 * banks, the press), so each is a sample: roles and agencies, no person.
 */
interface Signing { item: number; code: string; donor: string; counterpart: string; title: string; scope: string; value: number; until: string }
const SIGNINGS: Signing[] = [
  { item: 7, code: '04/TTHT-MAU', donor: 'demo-donor-1', counterpart: 'vu-gdtc', value: 800_000_000, until: '2025-12-31',
    title: 'Thỏa thuận hợp tác mẫu: doanh nghiệp đồng hành với Vụ Giáo dục thể chất (ký tại buổi gặp mặt ngày 22/01/2021)',
    scope: 'Dụng cụ thể dục thể thao, sân chơi cho trường vùng khó; tập huấn giáo viên giáo dục thể chất' },
  { item: 8, code: '05/TTHT-MAU', donor: 'demo-donor-2', counterpart: 'vu-gdcthssv', value: 600_000_000, until: '2025-12-31',
    title: 'Thỏa thuận hợp tác mẫu: doanh nghiệp đồng hành với Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên (ký tại buổi gặp mặt ngày 22/01/2021)',
    scope: 'Tư vấn tâm lý, công tác xã hội trường học; học bổng cho học sinh, sinh viên có hoàn cảnh khó khăn' },
  { item: 9, code: '06/BGN-MAU', donor: 'demo-donor-3', counterpart: 'ban-qlcda', value: 1_200_000_000, until: '2025-12-31',
    title: 'Biên bản ghi nhớ mẫu: Ban Quản lý các dự án với tổ chức đồng hành cùng các vụ cấp học (ký tại buổi gặp mặt ngày 22/01/2021)',
    scope: 'Hỗ trợ trường mầm non, tiểu học, trung học vùng khó theo đề xuất của các vụ cấp học' },
  { item: 10, code: '03/BGN-MAU', donor: 'demo-donor-2', counterpart: 'bgddt', value: 1_500_000_000, until: '2025-12-31',
    title: 'Biên bản ghi nhớ mẫu: phần mềm số hóa quản lý, khảo sát cơ sở vật chất trường lớp (ký tại buổi gặp mặt ngày 22/01/2021)',
    scope: 'Phần mềm số hóa quản lý, khảo sát, đầu tư cơ sở vật chất trường lớp' },
  { item: 11, code: '07/TTHT-MAU', donor: 'demo-donor-1', counterpart: 'cuc-csvc', value: 2_000_000_000, until: '2025-12-31',
    title: 'Thỏa thuận hợp tác mẫu: doanh nghiệp đồng hành với Cục Cơ sở vật chất và các vụ cấp học (ký tại buổi gặp mặt ngày 22/01/2021)',
    scope: 'Phòng học, nước sạch và công trình vệ sinh cho trường mầm non, tiểu học vùng khó' },
  { item: 12, code: '08/TTHT-MAU', donor: 'demo-donor-2', counterpart: 'van-phong-bo', value: 0, until: '2025-12-31',
    title: 'Thỏa thuận bảo trợ truyền thông mẫu cho chương trình kết nối nguồn lực xã hội (ký tại buổi gặp mặt ngày 22/01/2021)',
    scope: 'Bảo trợ truyền thông: đưa tin, phóng sự về các hoạt động kết nối nguồn lực xã hội' },
];
/** The signing items of the programme (7–12). */
export const LAUNCH_SIGNING_ITEMS = SIGNINGS.map((x) => x.item);
export const LAUNCH_TITLE = 'Gặp mặt, tri ân các tổ chức, cá nhân đồng hành với ngành Giáo dục và triển khai Kế hoạch kết nối nguồn lực xã hội xây dựng trường học an toàn, thân thiện giai đoạn 2021 - 2025';

export async function loadDemoRecords(db: Db): Promise<void> {
  if (await db.maybeOne('SELECT 1 FROM activity WHERE title = $1', [LAUNCH_TITLE])) return;
  const orgs = new Map((await db.query<{ id: string; code: string }>('SELECT id, code FROM organisation WHERE code IS NOT NULL')).map((o) => [o.code, o.id]));
  const id = (code: string) => orgs.get(code) ?? null;
  const gdtc = id('vu-gdtc');
  if (!gdtc) return;
  const tasks = (await db.query<{ id: string }>(
    `SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.key = 'kh-29-bgddt-2021' AND t.number = ANY($1::text[]) ORDER BY t.position`, [['IV.3.1-a', 'IV.3.1-g']])).map((t) => t.id);
  const plan29 = readJsonData<{ rules: { selected2021: { newCode: string }[] } }>('plans', 'kh-29-bgddt-2021.json');
  const invitees = [...new Set(plan29.rules.selected2021.map((p) => id(`so-${p.newCode}`)).filter((x): x is string => !!x))];
  // each signing's agreement, written as the demo loader writes its agreements (a sample donor, the unit that signs)
  const agreementOf = new Map<number, string>();
  for (const g of SIGNINGS) {
    const donor = id(g.donor);
    const counterpart = id(g.counterpart);
    if (!donor || !counterpart) continue;
    agreementOf.set(g.item, (await db.one<{ id: string }>(
      `INSERT INTO agreement (code, title, donor_id, counterpart_id, scope, committed_value, period_from, period_to, signed_on, search)
       VALUES ($1, $2, $3, $4, $5, $6, '2021-01-22', $7, '2021-01-22', $8)
       ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
      [g.code, g.title, donor, counterpart, g.scope, g.value, g.until, fold(`${g.code} ${g.title}`)])).id);
  }
  await createActivity(db, SYSTEM, systemClock, {
    kind: 'launch', state: 'held', title: LAUNCH_TITLE,
    summary: 'Buổi gặp mặt, tri ân các tổ chức, cá nhân, doanh nghiệp đồng hành với ngành Giáo dục giai đoạn 2015 - 2020; công bố và ra mắt Ban điều phối; ký kết đồng hành; triển khai Kế hoạch số 29/KH-BGDĐT (mục IV.2).',
    startsOn: '2021-01-22', endsOn: '2021-01-22', place: 'Khách sạn Sheraton Hà Nội', organiserId: gdtc, provinceCode: '01',
    coOrganiserIds: ['vu-gdcthssv', 'van-phong-bo', 'tt-truyen-thong-gd', 'vu-tdkt', 'ban-qlcda'].map(id).filter((x): x is string => !!x),
    audience: 'Khoảng 100 đại biểu: lãnh đạo Bộ GD&ĐT, đại diện lãnh đạo một số đơn vị thuộc Bộ, một số cơ sở giáo dục đại học trực thuộc Bộ và các bộ, ngành liên quan; các tổ chức quốc tế, các nhà tài trợ (mời dự, mời ký đồng hành, nhận khen thưởng, ghi danh); đại diện lãnh đạo Ủy ban nhân dân và Sở GD&ĐT 10 tỉnh được lựa chọn hỗ trợ trong năm 2021; cơ quan truyền thông của Bộ, Đài Truyền hình Việt Nam và đại diện một số báo, đài Trung ương',
    // the seed gives the whole (about 100 delegates), not its split by group
    participants: [{ group: 'other', planned: 100 }],
    taskIds: tasks, inviteeIds: invitees,
    agenda: PROGRAMME.map(([content, responsible, code], i) => ({
      content, responsible, responsibleId: code ? id(code) : null, agreementId: agreementOf.get(i + 1) ?? null,
    })),
  });
}
