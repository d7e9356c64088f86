import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The project's data/ folder (reference data shipped with the app). */
export const DATA_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');

export function dataPath(...parts: string[]): string {
  return path.join(DATA_ROOT, ...parts);
}

/** Read a JSON data file, gunzipping it when its name ends in .gz. */
export function readJsonData<T>(...parts: string[]): T {
  const file = dataPath(...parts);
  const buf = fs.readFileSync(file);
  const text = file.endsWith('.gz') ? zlib.gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return JSON.parse(text) as T;
}
