/** Plan 29 §III.1: per province 20 schools, 10 preschools, 5 primary, 5 lower secondary; per school 1 teacher, 1 manager, 10 pupils. */
import { Badge, Text } from '@mantine/core';
import type { SchoolLevel } from '../../../api';

export const YEARS = ['2021', '2022', '2023', '2024', '2025'];
export const QUOTA_LEVELS = [
  { level: 'mam_non', want: 10 },
  { level: 'tieu_hoc', want: 5 },
  { level: 'thcs', want: 5 },
] as const satisfies readonly { level: SchoolLevel; want: number }[];
export const GIFT_QUOTA = [
  { kind: 'teacher', want: 1 },
  { kind: 'manager', want: 1 },
  { kind: 'pupil', want: 10 },
] as const;

export const countLevel = (schools: { levels: string[] }[], level: string) => schools.filter((s) => s.levels.includes(level)).length;

/** Preschools first, then primary, then lower secondary. */
export function rank(levels: string[]): number {
  const i = QUOTA_LEVELS.findIndex((q) => levels.includes(q.level));
  return i === -1 ? 9 : i;
}
export const byLevelThenName = (a: { levels: string[]; name: string }, b: { levels: string[]; name: string }) => rank(a.levels) - rank(b.levels) || a.name.localeCompare(b.name, 'vi');

/** "3/10 Mầm non" with a colour: green when met, orange when short, red when over. */
export function LevelCounter({ label, have, want, testId }: { label: string; have: number; want: number; testId?: string }) {
  const color = have === want ? 'green' : have < want ? 'orange' : 'red';
  return (
    <Badge color={color} variant="light" size="lg" radius="sm" style={{ textTransform: 'none' }} data-testid={testId} data-have={have} data-want={want}>
      {label}: {have}/{want}
    </Badge>
  );
}

export function GiftCount({ have, want }: { have: number; want: number }) {
  return (
    <Text size="sm" c={have >= want ? 'green.8' : 'red.7'} fw={500} style={{ whiteSpace: 'nowrap' }}>
      {have}/{want}
    </Text>
  );
}
