import { Anchor, Card, Text, Title } from '@mantine/core';
import type { Need } from '../../../api/resources';
import { useI18n } from '../../../i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { QueryView } from '../../../lib/query';
import { ListTable } from '../ListTable';
import { resourceQueries, useResource } from '../queries';
import { ContributionStatusBadge, formatVnd } from '../shared';

/** The pledges made for a need (shown to signed-in accounts whose scope includes them). */
export function Pledges({ need }: { need: Pick<Need, 'id' | 'pledgeCount' | 'pledgedValue'> }) {
  const needId = need.id;
  const { t } = useI18n();
  const list = useResource(resourceQueries.contributions({ needId }));
  // outside the account's scope the ledger answers 403: the section is left out
  if (list.error?.status === 403) return null;
  // the ledger lists only the rows this account may read; the need's own figures count them all
  const hidden = (n: number) =>
    need.pledgeCount > n && (
      <Text c="dimmed" size="sm" mt={n ? 'sm' : 0} data-testid="need-pledges-hidden">
        {t('need.pledgesHidden', { n: formatNumber(need.pledgeCount), value: formatVnd(need.pledgedValue) })}
      </Text>
    );
  return (
    <Card withBorder component="section" aria-labelledby="pledges-title">
      <Title order={2} size="h4" id="pledges-title" mb="sm">
        {t('need.pledges')}
      </Title>
      <QueryView query={list}>
          {(data) =>
            data.items.length === 0 ? (
              (hidden(0) || <Text c="dimmed">{t('need.pledgesEmpty')}</Text>)
            ) : (
              <>
              <ListTable
                rows={data.items}
                rowKey={(c) => c.id}
                rowProps={() => ({ 'data-testid': 'need-pledge-row' })}
                minWidth={560}
                testId="need-pledges"
                empty={t('need.pledgesEmpty')}
                columns={[
                  {
                    key: 'who',
                    header: t('pledge.contributor'),
                    cell: (c) => (
                      <Anchor component={Link} href={`/dong-gop/${c.id}`} size="sm">
                        {c.contributorName}
                        {c.anonymous ? ` (${t('pledge.anonymousShort')})` : ''}
                      </Anchor>
                    ),
                  },
                  { key: 'qty', header: t('pledge.quantityShort'), numeric: true, cell: (c) => (c.quantity != null ? `${formatNumber(c.quantity)} ${c.unit ?? ''}` : '—') },
                  { key: 'value', header: t('pledge.value'), numeric: true, cell: (c) => formatVnd(c.valueVnd) },
                  { key: 'status', header: t('pledge.statusCol'), cell: (c) => <ContributionStatusBadge status={c.status} /> },
                  { key: 'date', header: t('pledge.date'), cell: (c) => formatDate(c.pledgedOn) },
                ]}
              />
              {hidden(data.total - data.items.filter((c) => c.status === 'cancelled').length)}
              </>
            )
          }
      </QueryView>
    </Card>
  );
}
