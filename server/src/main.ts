import { loadConfig } from './platform/config.js';
import { openDb } from './platform/db.js';
import { migrate } from './platform/migrate.js';
import { buildApp } from './app.js';
import { loadReferenceData } from './seed/reference.js';
import { loadDemoData } from './seed/demo.js';

const config = loadConfig();
const db = await openDb(config.databaseUrl, config.dataDir);
const applied = await migrate(db);
if (applied.length) console.log(`Đã áp dụng ${applied.length} migration: ${applied.join(', ')}`);
await loadReferenceData(db);
if (config.demoData) {
  const r = await loadDemoData(db);
  if (r.loaded) console.log(`Đã nạp dữ liệu mẫu: ${r.schools} trường, ${r.accounts} tài khoản`);
}
const app = await buildApp({ db, config, logger: true });
const shutdown = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
await app.listen({ port: config.port, host: config.host });
console.log(`KếtNối đang chạy tại http://localhost:${(app.server.address() as { port: number }).port} (cơ sở dữ liệu: ${db.engine === 'pglite' ? 'PGlite tại ' + config.dataDir : 'PostgreSQL'})`);
