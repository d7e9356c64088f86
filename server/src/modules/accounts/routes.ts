import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { clearSessionCookie, deleteSession, sessionToken, setSessionCookie, actorFromToken } from '../../platform/auth.js';
import { requestLang } from '../../platform/i18n.js';
import { mailSender } from '../../platform/mail.js';
import { downloadName } from '../../platform/http.js';
import { theUpload } from '../../platform/route.js';
import { IMPORT_FILE_SIZE, readTable, xlsxBuffer } from '../../platform/tabular.js';
import type { FastifyRequest } from 'fastify';
import { accountsApi as api } from '../../../../contracts/accounts.js';
import { capabilitiesOf } from './capabilities.js';
import { accountCapabilities } from './policy.js';
import * as service from './service.js';

export async function accountRoutes(app: App): Promise<void> {
  const r = router(app);
  const secure = (app.config.publicUrl ?? '').startsWith('https://');
  const hashing = { scryptN: app.config.scryptN };
  const send = mailSender(app.mailer, app.log);
  const outbox = (req: FastifyRequest): service.Outbox => ({ send, emailEnabled: app.mailer.enabled, publicUrl: app.config.publicUrl, lang: requestLang(req), now: () => app.clock.now() });

  r(api.signIn, async (req, reply) => {
    const s = await service.signIn(app.db, req.body.email, req.body.password, req.ip, req.headers['user-agent'], hashing);
    setSessionCookie(reply, s.token, s.expiresAt, secure);
    return { user: { ...s.user, can: capabilitiesOf(await actorFromToken(app.db, s.token, app.config.sessionIdleHours)) } };
  });

  r(api.signOut, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await deleteSession(app.db, token);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  r(api.me, async (req) => {
    if (!req.actor.userId) return { user: null };
    const me = await service.me(app.db, req.actor.userId);
    return { user: me ? { ...me, can: capabilitiesOf(req.actor) } : null };
  });

  r(api.changePassword, async (req, reply) => {
    await service.changePassword(app.db, req.actor, sessionToken(req), req.body.currentPassword, req.body.newPassword, req.ip, hashing);
    return reply.status(204).send();
  });

  r(api.requestReset, async (req, reply) => {
    await service.requestReset(app.db, req.body.email, requestLang(req), app.config.publicUrl, send, app.clock.now());
    return reply.status(202).send({ status: 'check_email' as const });
  });

  r(api.confirmReset, async (req, reply) => {
    await service.confirmReset(app.db, req.body.token, req.body.password, hashing, app.clock.now());
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  r(api.list, async (req) => service.listAccounts(app.db, req.actor, req.query));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createAccount(app.db, req.actor, req.body, hashing, outbox(req))));
  r(api.update, async (req) => service.updateAccount(app.db, req.actor, req.params.id, req.body));
  r(api.deactivate, async (req) => service.deactivate(app.db, req.actor, req.params.id));
  r(api.reactivate, async (req) => service.reactivate(app.db, req.actor, req.params.id));
  r(api.resetPassword, async (req) => service.resetPasswordFor(app.db, req.actor, req.params.id, outbox(req)));
  r(api.signIns, async (req) => service.signIns(app.db, req.actor, req.params.id, req.query));

  r(api.importTemplate, async (_req, reply) => {
    const buf = await xlsxBuffer(
      'Tài khoản',
      service.IMPORT_COLUMNS.map((c) => ({ header: `${c.header} *`, width: c.width })),
      [['79000001', 'hieutruong.vidu@truong.edu.vn', 'Hiệu trưởng Trường Tiểu học Ví Dụ']],
      [
        ['Cột có dấu *', 'bắt buộc'],
        ['Dòng ví dụ', 'Hãy xoá dòng ví dụ trước khi nhập.'],
        ['Quy tắc', 'Tệp chỉ được ghi khi mọi dòng đều hợp lệ; mọi dòng lỗi được liệt kê kèm lý do. Mỗi tài khoản nhận thư mời chọn mật khẩu.'],
      ],
    );
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${downloadName('mau-nhap-tai-khoan', 'xlsx')}"`)
      .send(buf);
  });

  r(api.import, async (req) => {
    const f = theUpload(req);
    return service.importAccounts(app.db, req.actor, await readTable(f.filename, f.data, service.IMPORT_MAX_ROWS + 10), outbox(req));
  }, { allow: (a) => accountCapabilities(a).import, files: 1, fileSize: IMPORT_FILE_SIZE });
}
