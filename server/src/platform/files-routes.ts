import { filesApi as api } from '../../../contracts/files.js';
import { forbidden, notFound, unauthorized } from './errors.js';
import { fileData, fileInfo, mayReadFile } from './files.js';
import type { App } from './http.js';
import { router } from './route.js';

/**
 * Downloads of stored files, whichever module stored them: the module that owns the file's
 * record answers whether the asker may read that record, on every download.
 */
export async function fileRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.download, async (req, reply) => {
    const f = await fileInfo(app.db, req.params.id);
    if (!f) throw notFound('Không tìm thấy tệp');
    if (!(await mayReadFile(app.db, req.actor, f))) throw req.actor.userId ? forbidden() : unauthorized();
    return reply
      .type(f.mime)
      .header('Content-Disposition', `${f.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      // only what the public may read is cached by shared caches, and briefly: a record can stop being public
      .header('Cache-Control', req.actor.userId ? 'private, no-store' : 'public, max-age=600')
      .header('X-Content-Type-Options', 'nosniff')
      .send(await fileData(app.db, f.id));
  });
}
