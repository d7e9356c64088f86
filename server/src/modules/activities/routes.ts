import { Readable } from 'node:stream';
import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import type { Column } from '../../platform/tabular.js';
import { ACTIVITY_KIND_LABELS, activitiesApi as api, type Activity } from '../../../../contracts/activities.js';
import { ACTIVITY_STATE_LABELS } from './domain.js';
import { mayOrganise } from './policy.js';
import * as service from './service.js';
import { icsEvent, icsHead, icsTail } from './calendar.js';
import { vnDate } from '../../platform/clock.js';

const dmy = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');
const COLUMNS: Column<Activity>[] = [
  { header: 'Loại', value: (a) => ACTIVITY_KIND_LABELS[a.kind], width: 20 }, { header: 'Tên hoạt động, sản phẩm', value: (a) => a.title, width: 50 },
  { header: 'Từ ngày', value: (a) => dmy(a.startsOn), width: 12 }, { header: 'Đến ngày', value: (a) => dmy(a.endsOn), width: 12 },
  { header: 'Đơn vị tổ chức', value: (a) => a.organiser.shortName ?? a.organiser.name, width: 28 }, { header: 'Tỉnh', value: (a) => a.provinceName ?? '', width: 18 },
  { header: 'Địa điểm', value: (a) => a.place ?? '', width: 24 }, { header: 'Kênh, đơn vị xuất bản', value: (a) => a.channel ?? '', width: 24 },
  { header: 'Liên kết', value: (a) => a.link ?? '', width: 30 }, { header: 'Đối tượng', value: (a) => a.audience ?? '', width: 30 },
  { header: 'Số người dự kiến', value: (a) => a.participantsPlanned ?? '', width: 12 }, { header: 'Số người tham dự', value: (a) => a.participantsActual ?? '', width: 12 },
  { header: 'Lượt tiếp cận', value: (a) => a.reach ?? '', width: 12 }, { header: 'Điểm đánh giá', value: (a) => a.evaluationScore ?? '', width: 10 },
  { header: 'Số nhiệm vụ phục vụ', value: (a) => a.taskCount, width: 10 }, { header: 'Trạng thái', value: (a) => ACTIVITY_STATE_LABELS[a.state], width: 14 },
];

export async function activityRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('activity', (db, actor, id) => service.mayReadActivityFile(db, actor, id));
  r(api.list, async (req, reply) => {
    const { format, cursor, limit, ...f } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'hoat-dong', 'Hoạt động', COLUMNS, service.allActivities(app.db, req.actor, f));
    return service.listActivities(app.db, req.actor, { ...f, cursor, limit });
  });
  // upcoming events as iCalendar, streamed batch by batch; the scope is checked before the first byte
  r(api.calendar, async (req, reply) => {
    const now = app.clock.now();
    const from = req.query.from ?? vnDate(now);
    const batches = service.allActivities(app.db, req.actor, { ...req.query, category: 'event', from });
    const first = await batches.next();
    reply.header('Content-Disposition', `attachment; filename="lich-hoat-dong-${from}.ics"`);
    reply.type('text/calendar; charset=utf-8');
    return reply.send(Readable.from((async function* () {
      yield icsHead('Lịch hoạt động – KếtNối');
      if (!first.done) {
        for (const a of first.value) yield icsEvent(a, now);
        for await (const rows of batches) for (const a of rows) yield icsEvent(a, now);
      }
      yield icsTail();
    })()));
  });
  r(api.get, async (req) => service.getActivity(app.db, req.actor, req.params.id));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createActivity(app.db, req.actor, app.clock, req.body)));
  r(api.update, async (req) => service.editActivity(app.db, req.actor, app.clock, req.params.id, req.body));
  r(api.feedback, async (req, reply) => reply.status(201).send(await service.giveFeedback(app.db, req.actor, req.params.id, req.body)));
  r(api.attach, async (req, reply) => reply.status(201).send(await service.attachFiles(app.db, req.actor, req.params.id, req.body.kind, req.uploads)), { allow: mayOrganise, files: 10 });
}
