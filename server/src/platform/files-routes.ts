import { filesApi as api } from '../../../contracts/files.js';
import { notFound } from './errors.js';
import { filePolicy, readFile } from './files.js';
import type { App } from './http.js';
import { authorize } from './policy.js';
import { router } from './route.js';

/** Downloads of stored files, whichever module stored them. */
export async function fileRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.download, async (req, reply) => {
    const f = await readFile(app.db, req.params.id);
    if (!f) throw notFound('Không tìm thấy tệp');
    authorize(filePolicy, 'download', req.actor, f);
    return reply
      .type(f.mime)
      .header('Content-Disposition', `${f.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .header('Cache-Control', f.public ? 'public, max-age=86400' : 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(f.data);
  });
}
