import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../../contracts/activities.js';
import { icsEvent, icsFold, icsText } from './calendar.js';

const base: Activity = {
  id: '6f1c2a52-4a0e-4c55-9d7a-0c1f2b3d4e5f', kind: 'training', category: 'event', state: 'planned', title: 'Tập huấn; cán bộ quản lý, giáo viên mầm non', startsOn: '2026-12-30', endsOn: '2026-12-31',
  place: 'Điện Biên Phủ', link: null, channel: null, organiser: { id: 'o', name: 'Vụ Giáo dục thể chất', shortName: 'Vụ GDTC' }, provinceName: 'Điện Biên', audience: null,
  participantsPlanned: null, participantsActual: null, reach: null, evaluationScore: null, taskCount: 0,
} as unknown as Activity;

describe('the calendar as iCalendar', () => {
  it('writes an all-day event whose end is the day after its last day (across a year), with escaped text', () => {
    const ics = icsEvent(base, new Date('2026-12-01T02:03:04.567Z'));
    expect(ics).toContain('DTSTART;VALUE=DATE:20261230\r\n');
    expect(ics).toContain('DTEND;VALUE=DATE:20270101\r\n');
    expect(ics).toContain('DTSTAMP:20261201T020304Z\r\n');
    expect(ics).toContain('SUMMARY:Tập huấn\\; cán bộ quản lý\\, giáo viên mầm non\r\n');
    expect(ics).toContain('LOCATION:Điện Biên Phủ\\, Điện Biên\r\n');
    expect(ics).toContain(`UID:${base.id}@ketnoi\r\n`);
    expect(ics.startsWith('BEGIN:VEVENT\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\n')).toBe(true);
  });

  it('an online event gives its link as place; newlines and backslashes are escaped', () => {
    const ics = icsEvent({ ...base, kind: 'online_exchange', place: null, provinceName: null, link: 'https://meet.example.vn/abc', audience: 'Cha mẹ\nhọc sinh \\ giáo viên' }, new Date());
    expect(ics).toContain('LOCATION:https://meet.example.vn/abc\r\n');
    expect(ics).toContain('URL:https://meet.example.vn/abc\r\n');
    expect(icsText('a\\b\nc')).toBe('a\\\\b\\nc');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'Gặp mặt, tri ân các tổ chức, cá nhân đồng hành với ngành Giáo dục '.repeat(3)}`;
    const folded = icsFold(line);
    const parts = folded.replace(/\r\n$/, '').split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });
});
