import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder: the nearest one above this module that holds package.json. The same from
 * the TypeScript sources (server/src/platform) and from the compiled server (.build/server.mjs).
 */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

/** The project's data/ folder (reference data shipped with the app). */
export const DATA_ROOT = path.join(PROJECT_ROOT, 'data');

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
