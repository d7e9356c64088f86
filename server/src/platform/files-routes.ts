import crypto from 'node:crypto';
import { filesApi as api } from '../../../contracts/files.js';
import { forbidden, notFound, unauthorized } from './errors.js';
import { fileData, fileInfo, fileVariant, mayReadFile, variantsSettled } from './files.js';
import type { App } from './http.js';
import { router } from './route.js';

/**
 * Downloads of stored files, whichever module stored them: the module that owns the file's
 * record answers whether the asker may read that record, on every download, of the original and
 * of its smaller copies alike.
 */
export async function fileRoutes(app: App): Promise<void> {
  const r = router(app);
  // the copies being made are written before the database closes
  app.addHook('onClose', async () => variantsSettled());
  r(api.download, async (req, reply) => {
    const f = await fileInfo(app.db, req.params.id);
    if (!f) throw notFound('Không tìm thấy tệp');
    if (!(await mayReadFile(app.db, req.actor, f))) throw req.actor.userId ? forbidden() : unauthorized();
    // only what the public may read is cached by shared caches, and briefly: a record can stop being public
    const cache = req.actor.userId ? 'private, no-store' : 'public, max-age=600';
    if (req.query.variant) {
      const format = /image\/webp/.test(req.headers.accept ?? '') ? 'webp' : 'jpeg';
      const v = await fileVariant(app.db, f, req.query.variant, format);
      if (!v) throw notFound('Tệp này không có bản thu nhỏ');
      // its copies are being made: the original stands in, and is not kept, so the copy is asked for again
      if (v === 'pending') {
        return reply
          .type(f.mime)
          .header('Content-Disposition', 'inline')
          .header('Cache-Control', 'no-store')
          .header('X-Variant', 'pending')
          .header('X-Content-Type-Options', 'nosniff')
          .send(await fileData(app.db, f.id));
      }
      // a copy never changes once made: asked again, it is answered "not modified" after the same check
      const etag = `"${f.id.slice(0, 8)}-${req.query.variant}-${format}-${crypto.createHash('sha1').update(v.data).digest('hex').slice(0, 16)}"`;
      reply
        .header('Vary', 'Accept')
        .header('ETag', etag)
        .header('Cache-Control', req.actor.userId ? 'private, no-cache' : cache)
        .header('X-Content-Type-Options', 'nosniff');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(v.mime).header('Content-Disposition', 'inline').send(v.data);
    }
    return reply
      .type(f.mime)
      .header('Content-Disposition', `${f.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .header('Cache-Control', cache)
      .header('X-Content-Type-Options', 'nosniff')
      .send(await fileData(app.db, f.id));
  });
}
