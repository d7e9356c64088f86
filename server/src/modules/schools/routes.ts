import type { App } from '../../platform/http.js';
import { downloadName, sendTable } from '../../platform/http.js';
import { router, theUpload } from '../../platform/route.js';
import { IMPORT_FILE_SIZE, readTable, xlsxBuffer } from '../../platform/tabular.js';
import { OWNERSHIP_LABELS, SCHOOL_LEVEL_LABELS } from '../../../../contracts/common.js';
import { schoolsApi as api, type School } from '../../../../contracts/schools.js';
import type { Column } from '../../platform/tabular.js';
import * as service from './service.js';
import { schoolCapabilities } from './policy.js';

const COLUMNS: Column<School>[] = [
  { header: 'Mã trường', value: (s) => s.code, width: 14 },
  { header: 'Tên trường', value: (s) => s.name, width: 40 },
  { header: 'Cấp học', value: (s) => s.levels.map((l) => SCHOOL_LEVEL_LABELS[l]).join(', '), width: 20 },
  { header: 'Loại hình', value: (s) => OWNERSHIP_LABELS[s.ownership], width: 16 },
  { header: 'Địa chỉ', value: (s) => s.address, width: 40 },
  { header: 'Mã xã', value: (s) => s.communeCode, width: 10 },
  { header: 'Xã/phường/đặc khu', value: (s) => s.communeName, width: 26 },
  { header: 'Mã tỉnh', value: (s) => s.provinceCode, width: 10 },
  { header: 'Tỉnh/thành phố', value: (s) => s.provinceName, width: 20 },
  { header: 'Vĩ độ', value: (s) => s.lat, width: 12 },
  { header: 'Kinh độ', value: (s) => s.lng, width: 12 },
  { header: 'Số học sinh', value: (s) => s.pupils, width: 12 },
  { header: 'Số cán bộ, giáo viên, nhân viên', value: (s) => s.staff, width: 14 },
  { header: 'Cụm trường', value: (s) => s.clusterName, width: 22 },
];

export async function schoolRoutes(app: App): Promise<void> {
  const r = router(app);

  r(api.list, async (req, reply) => {
    const { format, cursor, limit, ...filter } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'truong-hoc', 'Trường học', COLUMNS, service.listAll(app.db, filter));
    return service.list(app.db, { ...filter, cursor, limit });
  });

  r(api.points, async (req) => service.points(app.db, req.query));

  r(api.importTemplate, async (_req, reply) => {
    const buf = await xlsxBuffer(
      'Trường học',
      service.IMPORT_COLUMNS.map((c) => ({ header: c.required ? c.header + ' *' : c.header, width: c.width, note: 'note' in c ? c.note : undefined })),
      [['79000001', 'Trường Tiểu học Ví Dụ', 'Tiểu học', 'Công lập', 'Bản Ví Dụ, xã Mường Nhé', '03158', '22,1852', '102,4598', '1.200', '45', '']],
      [
        ['Cột có dấu *', 'bắt buộc'],
        ['Dòng ví dụ', 'Hãy xoá dòng ví dụ trước khi nhập.'],
        ...service.IMPORT_COLUMNS.filter((c) => 'note' in c).map((c) => [c.header, (c as { note: string }).note]),
        ['Quy tắc', 'Tệp chỉ được ghi khi mọi dòng đều hợp lệ; mọi dòng lỗi được liệt kê kèm lý do. Mã trường đã có sẽ được cập nhật.'],
      ],
    );
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${downloadName('mau-nhap-truong-hoc', 'xlsx')}"`)
      .send(buf);
  });

  r(api.import, async (req) => {
    const f = theUpload(req);
    return service.importSchools(app.db, req.actor, await readTable(f.filename, f.data, 60_000));
  }, { allow: (a) => schoolCapabilities(a).import, files: 1, fileSize: IMPORT_FILE_SIZE });

  r(api.get, async (req) => service.detail(app.db, req.actor, req.params.id));
  r(api.history, async (req) => ({ items: await service.history(app.db, req.actor, req.params.id) }));
  r(api.create, async (req, reply) => reply.status(201).send(await service.create(app.db, req.actor, req.body)));
  r(api.update, async (req) => service.update(app.db, req.actor, req.params.id, req.body));
  r(api.remove, async (req, reply) => {
    await service.remove(app.db, req.actor, req.params.id);
    return reply.status(204).send();
  });
}
