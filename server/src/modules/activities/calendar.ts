/**
 * The calendar of upcoming events as iCalendar (RFC 5545), for a phone's or an office's calendar:
 * one all-day VEVENT per event (the register keeps days, not hours), its place or link, organiser
 * and kind. Pure: the route streams the lines of each batch.
 */
import { ACTIVITY_KIND_LABELS, type Activity } from '../../../../contracts/activities.js';

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character; lines end in CRLF. */
export function icsFold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) { out.push(cur); cur = ''; bytes = 0; }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return `${out.join('\r\n ')}\r\n`;
}

const day = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const nextDay = (iso: string) => day(new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString());
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export const icsHead = (name: string) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//KetNoi//Lich hoat dong//VI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(name)}`, 'X-WR-TIMEZONE:Asia/Ho_Chi_Minh'].map(icsFold).join('');
export const icsTail = () => icsFold('END:VCALENDAR');

/** One event; the end is exclusive (the day after the last day), as all-day events are written. */
export function icsEvent(a: Activity, now: Date): string {
  const organiser = a.organiser.shortName ?? a.organiser.name;
  const where = [a.place, a.provinceName].filter(Boolean).join(', ');
  const description = [`${ACTIVITY_KIND_LABELS[a.kind]} – ${organiser}`, a.audience ? `Đối tượng: ${a.audience}` : null, a.link ? `Liên kết: ${a.link}` : null].filter(Boolean).join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${a.id}@ketnoi`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART;VALUE=DATE:${day(a.startsOn)}`,
    `DTEND;VALUE=DATE:${nextDay(a.endsOn)}`,
    `SUMMARY:${icsText(a.title)}`,
    where || a.link ? `LOCATION:${icsText(where || a.link!)}` : null,
    a.link ? `URL:${a.link.replace(/[\r\n]/g, '')}` : null,
    `DESCRIPTION:${icsText(description)}`,
    `CATEGORIES:${icsText(ACTIVITY_KIND_LABELS[a.kind])}`,
    a.state === 'cancelled' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'END:VEVENT',
  ].filter((l): l is string => l !== null).map(icsFold).join('');
}
