import { sendTable, type App } from '../../platform/http.js';
import type { Column } from '../../platform/tabular.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import { boardApi as api, type BoardDocument, type BoardDocumentKind } from '../../../../contracts/board.js';
import * as service from './service.js';

const KIND_LABELS: Record<BoardDocumentKind, string> = { regulation: 'Quy chế', decision: 'Quyết định', report: 'Báo cáo', other: 'Văn bản khác' };
const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const DOCUMENT_COLUMNS: Column<BoardDocument>[] = [
  { header: 'Loại văn bản', value: (d) => KIND_LABELS[d.kind], width: 16 }, { header: 'Số, ký hiệu', value: (d) => d.number ?? '', width: 20 },
  { header: 'Trích yếu', value: (d) => d.title, width: 60 }, { header: 'Ngày ban hành', value: (d) => dmy(d.issuedOn), width: 14 },
  { header: 'Tệp đính kèm', value: (d) => d.file?.name ?? '', width: 30 },
];

export async function boardRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('board_document', (db, actor, id) => service.mayReadDocumentFile(db, actor, id));
  r(api.members, async (req) => service.members(app.db, req.actor));
  r(api.addMember, async (req, reply) => reply.status(201).send(await service.addMember(app.db, req.actor, req.body)));
  r(api.documents, async (req, reply) => {
    const { format, cursor, limit, ...f } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'van-ban-ban-dieu-phoi', 'Văn bản', DOCUMENT_COLUMNS, await service.allDocuments(app.db, req.actor, f));
    return service.documents(app.db, req.actor, { ...f, cursor, limit });
  });
  r(api.addDocument, async (req, reply) => reply.status(201).send(await service.addDocument(app.db, req.actor, req.body, req.uploads)), { files: 1 });
  r(api.report, async (req, reply) => {
    const d = await service.yearlyReport(app.db, req.actor, app.clock, req.query.year);
    reply.header('Content-Disposition', `attachment; filename="${d.filename}"`);
    reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return reply.send(d.buffer);
  });
}
