/**
 * Packages a server at rest does not need, loaded on first use: each costs 15–30 MB of memory once
 * loaded (measured: sharp 28 MB, exceljs 28, heic-decode 22, pg-boss 17, nodemailer 14), and most
 * requests never touch them (photos, spreadsheets read or built in memory, jobs, e-mail).
 */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => {
    p ??= load().catch((e) => {
      p = undefined;
      throw e;
    });
    return p;
  };
};

export const loadExcelJS = once(async () => (await import('exceljs')).default);

/** The image library, which keeps no cache of decoded images between uploads and works one thread at a time. */
export const loadSharp = once(async () => {
  const sharp = (await import('sharp')).default;
  sharp.cache(false);
  sharp.concurrency(1);
  return sharp;
});

export const loadHeicDecode = once(async () => (await import('heic-decode')).default);
