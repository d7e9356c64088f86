/** What the public pages share: the totals cards and the table of public contributions. */
import { Anchor, Button, Card, Group, Image, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { resourcesApi, type PublicContribution } from '../../api/resources';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { ContributionStatusBadge, formatVnd } from '../resources/shared';

/** The totals of the public data; sums of đồng arrive as decimal strings (exact past 2^53) and are shown as they are. */
export function Totals({ totals, testPrefix = 'portal' }: { totals: { count: number; valueVnd: string; receivedVnd: string; acceptedVnd: string }; testPrefix?: string }) {
  const { t } = useI18n();
  const card = (label: string, value: ReactNode, testId: string, raw: number | string) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId} data-value={raw}>
        {value}
      </Text>
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      {card(t('portal.total'), formatVnd(totals.valueVnd), `${testPrefix}-total`, totals.valueVnd)}
      {card(t('portal.received'), formatVnd(totals.receivedVnd), `${testPrefix}-received`, totals.receivedVnd)}
      {card(t('portal.accepted'), formatVnd(totals.acceptedVnd), `${testPrefix}-accepted`, totals.acceptedVnd)}
      {card(t('portal.count'), formatNumber(totals.count), `${testPrefix}-count`, totals.count)}
    </SimpleGrid>
  );
}

export function PublicContributionTable({ items, showSchool = true, showContributor = true }: { items: PublicContribution[]; showSchool?: boolean; showContributor?: boolean }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped data-testid="portal-table" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('pledge.date')}</Table.Th>
            {showContributor && <Table.Th>{t('pledge.contributor')}</Table.Th>}
            {showSchool && <Table.Th>{t('need.school')}</Table.Th>}
            <Table.Th>{t('portal.recipient')}</Table.Th>
            <Table.Th>{t('pledge.description')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('pledge.value')}</Table.Th>
            <Table.Th>{t('pledge.statusCol')}</Table.Th>
            <Table.Th>{t('pledge.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text c="dimmed">{t('portal.empty')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((c) => (
            <Table.Tr key={c.id} data-testid="portal-row" data-contribution-id={c.id} data-status={c.status}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.pledgedOn)}</Table.Td>
              {showContributor && (
                <Table.Td>
                  {c.contributorId ? (
                    <Anchor component={Link} href={`/cong-khai/nha-tai-tro/${c.contributorId}`} size="sm">
                      {c.contributor}
                    </Anchor>
                  ) : (
                    <Text size="sm" fs="italic">
                      {c.contributor === 'Ẩn danh' ? t('portal.anonymous') : c.contributor}
                    </Text>
                  )}
                </Table.Td>
              )}
              {showSchool && (
                <Table.Td>
                  <Anchor component={Link} href={`/cong-khai/truong/${c.schoolId}`} size="sm">
                    {c.schoolName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {c.provinceName}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>{c.recipient}</Table.Td>
              <Table.Td>
                <Text size="sm">{c.description}</Text>
                <Text size="xs" c="dimmed">
                  {t(`pledge.formValue.${c.form}`)} · {t(`need.category.${c.category}`)}
                  {c.quantity != null ? ` · ${formatNumber(c.quantity)} ${c.unit ?? ''}` : ''}
                </Text>
                {c.needId && (
                  <Anchor component={Link} href={`/nhu-cau/${c.needId}`} size="xs">
                    {t('portal.openNeed')}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(c.valueVnd)}</Table.Td>
              <Table.Td>
                <ContributionStatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {c.evidence.slice(0, 3).map((href, i) => (
                    <a key={href} href={`${href}?variant=page`} target="_blank" rel="noreferrer" aria-label={t('portal.evidenceN', { n: i + 1 })}>
                      <Image src={`${href}?variant=thumb`} alt={t('portal.evidenceN', { n: i + 1 })} w={40} h={40} radius="sm" fit="cover" loading="lazy" data-testid="portal-evidence" />
                    </a>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The open data of a filter: its CSV downloaded, its JSON opened. */
export function OpenDataLinks({ filter, testPrefix }: { filter: Parameters<typeof resourcesApi.portal.dataUrl>[0]; testPrefix: string }) {
  return (
    <>
      <Button component="a" href={resourcesApi.portal.dataUrl(filter, 'csv')} download size="xs" variant="light" data-testid={`${testPrefix}-csv`}>
        CSV
      </Button>
      <Button component="a" href={resourcesApi.portal.dataUrl(filter, 'json')} target="_blank" size="xs" variant="light" data-testid={`${testPrefix}-json`}>
        JSON
      </Button>
    </>
  );
}

/**
 * A school's or a donor's contributions on its public page: the newest rows (a page stays light on a
 * weak connection), and when there are more, how many are shown and all of them as open data.
 */
export function ProfileContributions({ items, total, of, showSchool, showContributor }: { items: PublicContribution[]; total: number; of: { schoolId: string } | { contributorId: string }; showSchool?: boolean; showContributor?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <PublicContributionTable items={items} showSchool={showSchool} showContributor={showContributor} />
      {total > items.length && (
        <Group gap="xs" wrap="wrap" data-testid="profile-more">
          <Text size="sm" c="dimmed">
            {t('portal.shown', { count: formatNumber(items.length), total: formatNumber(total) })}. {t('portal.allAsData')}:
          </Text>
          <OpenDataLinks filter={of} testPrefix="profile" />
        </Group>
      )}
    </>
  );
}

/** The top of a public school/donor page: back link to the portal, the name as the page title, then details. */
export function PortalProfileHeader({ name, testId, children }: { name: string; testId: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Anchor component={Link} href="/cong-khai" size="sm">
        ← {t('portal.back')}
      </Anchor>
      <div>
        <Title order={1} data-testid={testId}>
          {name}
        </Title>
        {children}
      </div>
    </>
  );
}

/** A titled section of a public page. */
export function PortalSection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
