import { Accordion, Badge, Button, Card, Group, List, Table, Text } from '@mantine/core';
import type { SchoolLevel } from '../../../api';
import type { QuotaRow } from '../../../api/resources';
import { LevelBadges } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { byLevelThenName, countLevel, GIFT_QUOTA, GiftCount, LevelCounter, QUOTA_LEVELS } from './quota';

/** A target province's quota check for a year: district, schools per level, gifts per school, what is missing. */
export function QuotaCard({ q, year, canEdit, onEdit }: { q: QuotaRow; year: string; canEdit: boolean; onEdit: () => void }) {
  const { t } = useI18n();
  const levelCounts = QUOTA_LEVELS.map((l) => ({ ...l, have: countLevel(q.schools, l.level) }));
  const schoolsMet = q.districts.length === 1 && levelCounts.every((c) => c.have === c.want);
  const giftsMissing = q.schools.filter((s) => GIFT_QUOTA.some((g) => (s.gifts[g.kind] ?? 0) < g.want)).length;
  return (
    <Card withBorder padding="sm" data-testid="p29-quota-row" data-old-code={q.oldCode} data-complies={q.complies ? 'true' : 'false'} data-schools-met={schoolsMet ? 'true' : 'false'} data-gifts-missing={giftsMissing}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{q.asWritten}</Text>
        <Group gap="xs" wrap="wrap">
          <Badge color={q.complies ? 'green' : 'red'} variant="light" style={{ textTransform: 'none' }} data-testid="p29-quota-status">
            {q.complies ? t('p29.complies') : t('p29.missingCount', { n: q.missing.length })}
          </Badge>
          {canEdit && (
            <Button size="compact-sm" variant="light" onClick={onEdit} data-testid="p29-quota-edit">
              {t('p29.sel.edit')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {q.districts.length ? q.districts.map((d) => d.name).join(', ') : t('p29.noDistrict')} · {t('p29.schools', { n: formatNumber(q.schools.length) })}
      </Text>
      {q.schools.length > 0 && (
        <Group gap={6} mt={6} wrap="wrap" data-testid="p29-quota-levels">
          {levelCounts.map((c) => (
            <LevelCounter key={c.level} label={t(`level.${c.level}`)} have={c.have} want={c.want} />
          ))}
          <Badge color={giftsMissing ? 'orange' : 'green'} variant="outline" size="lg" radius="sm" style={{ textTransform: 'none' }} data-testid="p29-quota-gifts">
            {giftsMissing ? t('p29.q.giftsMissing', { n: giftsMissing }) : t('p29.q.giftsMet')}
          </Badge>
        </Group>
      )}
      {(!q.complies || q.schools.length > 0) && (
        <Accordion variant="default" chevronPosition="left" mt={4}>
          {!q.complies && (
            <Accordion.Item value="missing">
              <Accordion.Control>
                <Text size="sm">{t('p29.q.missingList', { n: q.missing.length })}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                <List size="sm" spacing={2} data-testid="p29-quota-missing">
                  {q.missing.slice(0, 40).map((m) => (
                    <List.Item key={m}>{m}</List.Item>
                  ))}
                  {q.missing.length > 40 && <List.Item>{t('p29.more', { n: q.missing.length - 40 })}</List.Item>}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          )}
          {q.schools.length > 0 && (
            <Accordion.Item value="schools">
              <Accordion.Control>
                <Text size="sm">{t('p29.q.perSchool')}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('p29.q.giftsYear', { year })}
                </Text>
                <Table.ScrollContainer minWidth={520} type="native">
                  <Table striped data-testid="p29-quota-schools">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('school.name')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('p29.q.teacher')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('p29.q.manager')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('p29.q.pupils')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[...q.schools].sort(byLevelThenName).map((s) => (
                          <Table.Tr key={s.id} data-testid="p29-quota-school" data-school-id={s.id} data-pupils={s.gifts.pupil ?? 0}>
                            <Table.Td>
                              <Text size="sm">{s.name}</Text>
                              <LevelBadges levels={s.levels as SchoolLevel[]} />
                            </Table.Td>
                            {GIFT_QUOTA.map((g) => (
                              <Table.Td key={g.kind} style={{ textAlign: 'right' }}>
                                <GiftCount have={s.gifts[g.kind] ?? 0} want={g.want} />
                              </Table.Td>
                            ))}
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Accordion.Panel>
            </Accordion.Item>
          )}
        </Accordion>
      )}
    </Card>
  );
}
