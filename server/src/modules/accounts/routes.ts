import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { clearSessionCookie, deleteSession, sessionToken, setSessionCookie, actorFromToken } from '../../platform/auth.js';
import { requestLang } from '../../platform/i18n.js';
import { mailSender } from '../../platform/mail.js';
import { accountsApi as api } from '../../../../contracts/accounts.js';
import { capabilitiesOf } from './capabilities.js';
import * as service from './service.js';

export async function accountRoutes(app: App): Promise<void> {
  const r = router(app);
  const secure = (app.config.publicUrl ?? '').startsWith('https://');
  const hashing = { scryptN: app.config.scryptN };
  const send = mailSender(app.mailer, app.log);

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
    await service.requestReset(app.db, req.body.email, requestLang(req), app.config.publicUrl, send);
    return reply.status(202).send({ status: 'check_email' as const });
  });

  r(api.confirmReset, async (req, reply) => {
    await service.confirmReset(app.db, req.body.token, req.body.password, hashing);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  r(api.list, async (req) => service.listAccounts(app.db, req.actor, req.query));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createAccount(app.db, req.actor, req.body, hashing)));
  r(api.deactivate, async (req) => service.deactivate(app.db, req.actor, req.params.id));
}
