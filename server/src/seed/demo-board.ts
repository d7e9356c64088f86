import type { Db } from '../platform/db.js';

/**
 * The coordination board as seed 000 §IV.1 sets it up: roles and the unit each represents (titles
 * as the seed writes them, never a person's name).
 */
const MEMBERS: [string, string, string][] = [
  ['head', 'bgddt', 'Lãnh đạo Bộ GD&ĐT'],
  ['standing_deputy', 'vu-gdtc', 'Vụ trưởng Vụ Giáo dục thể chất'],
  ['deputy_content', 'vu-gdcthssv', 'Vụ trưởng Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên'],
  ['deputy_resources', 'ban-qlcda', 'Trưởng Ban Quản lý các dự án'],
  ...['cuc-csvc', 'cuc-cntt', 'cuc-htqt', 'ban-qlcda', 'vu-gddt', 'vu-gdmn', 'vu-gdth', 'vu-gdtc', 'vu-tdkt', 'vu-gdtrh', 'van-phong-bo', 'tt-truyen-thong-gd']
    .map((code): [string, string, string] => ['member', code, 'Đại diện lãnh đạo đơn vị']),
  ['secretariat', 'to-thu-ky-kh29', 'Chuyên viên của các đơn vị có thành viên tham gia Ban điều phối'],
];

export async function loadBoardDemo(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO board_member (role, organisation_id, title, since)
     SELECT m.role, o.id, m.title, DATE '2021-01-22' FROM jsonb_to_recordset($1::jsonb) AS m(role text, code text, title text) JOIN organisation o ON o.code = m.code
     ON CONFLICT (role, organisation_id) DO NOTHING`,
    [JSON.stringify(MEMBERS.map(([role, code, title]) => ({ role, code, title })))]);
}
