import { openPglite, openPostgres } from './src/platform/db.js';
import { migrate } from './src/platform/migrate.js';
import { loadAreas } from './src/modules/areas/load.js';
for (const db of [await openPglite(undefined), await openPostgres('postgres://postgres@127.0.0.1:5432/test')]) {
  if (db.engine==='postgres') await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(db);
  let t=Date.now(); await loadAreas(db); console.log(db.engine, 'load ms', Date.now()-t);
  console.log(await db.query("select era, level, count(*) n from area group by 1,2 order by 1,2"));
  console.log(await db.query("select old_level, count(*) n from area_succession group by 1"));
  await db.close();
}
