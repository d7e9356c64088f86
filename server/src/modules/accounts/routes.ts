import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { clearSessionCookie, deleteSession, sessionToken, setSessionCookie, actorFromToken } from '../../platform/auth.js';
import { accountsApi as api } from '../../../../contracts/accounts.js';
import { capabilitiesOf } from './capabilities.js';
import * as service from './service.js';

export async function accountRoutes(app: App): Promise<void> {
  const r = router(app);
  const secure = (app.config.publicUrl ?? '').startsWith('https://');

  r(api.signIn, async (req, reply) => {
    const s = await service.signIn(app.db, req.body.email, req.body.password, req.ip, req.headers['user-agent']);
    setSessionCookie(reply, s.token, s.expiresAt, secure);
    return { user: { ...s.user, can: capabilitiesOf(await actorFromToken(app.db, s.token)) } };
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

  r(api.list, async (req) => service.listAccounts(app.db, req.actor, req.query));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createAccount(app.db, req.actor, req.body)));
}
