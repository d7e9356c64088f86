import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { clearSessionCookie, deleteSession, sessionToken, setSessionCookie } from '../../platform/auth.js';
import { Me, ROLES, SignIn } from '../../../../contracts/index.js';
import * as service from './service.js';

export async function accountRoutes(app: App): Promise<void> {
  const tags = ['Tài khoản'];
  const secure = (app.config.publicUrl ?? '').startsWith('https://');

  app.post('/api/v1/auth/sign-in', {
    schema: { tags, summary: 'Đăng nhập bằng e-mail và mật khẩu; phiên lưu trong cookie HttpOnly', body: SignIn, response: { 200: z.object({ user: Me }) } },
  }, async (req, reply) => {
    const r = await service.signIn(app.db, req.body.email, req.body.password, req.ip, req.headers['user-agent']);
    setSessionCookie(reply, r.token, r.expiresAt, secure);
    return { user: r.user };
  });

  app.post('/api/v1/auth/sign-out', { schema: { tags, summary: 'Đăng xuất' } }, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await deleteSession(app.db, token);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: 'Tài khoản đang đăng nhập (user: null khi chưa đăng nhập)', response: { 200: z.object({ user: Me.nullable() }) } } }, async (req) => {
    if (!req.actor.userId) return { user: null };
    return { user: (await service.me(app.db, req.actor.userId)) ?? null };
  });

  app.get('/api/v1/accounts', { schema: { tags, summary: 'Danh sách tài khoản — quản trị', response: { 200: z.object({ items: z.array(Me) }) } } }, async (req) => ({
    items: await service.listAccounts(app.db, req.actor),
  }));

  app.post('/api/v1/accounts', {
    schema: {
      tags, summary: 'Tạo tài khoản (quản trị; Sở tạo tài khoản cho trường trong tỉnh)',
      body: z.object({ email: z.string().trim().email('E-mail không hợp lệ'), displayName: z.string().trim().min(2).max(200), password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200), role: z.enum(ROLES), organisationId: z.string().uuid() }),
      response: { 201: Me },
    },
  }, async (req, reply) => reply.status(201).send(await service.createAccount(app.db, req.actor, req.body)));
}
