import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Campaign } from '../../../../contracts/assessments';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { useCampaigns } from './api';
import { OpenCampaignForm } from './OpenCampaignForm';

/** `/danh-gia`: the campaigns in the account's scope, its own assessment in each; a Department or the Ministry opens one. */
export default function AssessmentCampaignsPage() {
  return <SignedIn>{() => <Campaigns />}</SignedIn>;
}

function Campaigns() {
  const { t } = useI18n();
  const { can } = useAuth();
  const pages = useCursorPages('');
  const list = useCampaigns(pages.cursor);
  return (
    <Stack gap="md">
      <PageHeader title={t('as.title')} help={t('as.intro')} actions={<Group gap="md"><Anchor component={Link} href="/cong-khai/danh-gia" size="sm">{t('as.pub.title')}</Anchor>{can('assessments.frameworks') && <Anchor component={Link} href="/danh-gia/bo-chi-so" size="sm" data-testid="asf-link">{t('asf.title')}</Anchor>}</Group>} />
      {can('assessments.open') && <OpenCampaignForm />}
      <QueryView query={list}>
        {(data) => (
          <>
            {data.items.length === 0 && <Text c="dimmed">{t('as.empty')}</Text>}
            {data.items.map((c) => <CampaignCard key={c.id} c={c} />)}
            <CursorPager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

function CampaignCard({ c }: { c: Campaign }) {
  const { t } = useI18n();
  const { can, user } = useAuth();
  const communeReviews = c.reviewerLevel === 'commune' && user?.role === 'commune';
  return (
    <Card withBorder data-testid="as-campaign">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2} size="h4">{c.title}</Title>
          <Text size="sm" c="dimmed">{c.frameworkName}{c.provinceName ? ` · ${c.provinceName}` : ''}</Text>
        </div>
        <Badge color={c.published ? 'green' : 'gray'}>{c.published ? t('as.published') : t('as.notPublished')}</Badge>
      </Group>
      <Text size="sm" mt="xs">
        {t('as.window', { opens: formatDate(c.opensOn), self: formatDate(c.selfDueOn), review: formatDate(c.reviewDueOn), publish: formatDate(c.publishOn) })}
      </Text>
      <Text size="sm" data-testid="as-counts">{t('as.counts', c.counts)}</Text>
      {!c.complete && <Text size="xs" c="orange">{t('as.provisional')}</Text>}
      {c.reviewerLevel === 'commune' && <Text size="xs" c="dimmed" data-testid="as-reviewer-commune">{t('asc.byCommune')}</Text>}
      <Group gap="md" mt="xs">
        {c.ownAssessmentId && <Anchor component={Link} href={`/danh-gia/${c.ownAssessmentId}`} data-testid="as-own">{t('as.own')}</Anchor>}
        {can('assessments.open') && <Anchor component={Link} href={`/danh-gia/dot/${c.id}`} data-testid="as-follow">{t('as.follow')}</Anchor>}
        {communeReviews && <Anchor component={Link} href={`/danh-gia/dot/${c.id}`} data-testid="as-commune-review">{t('asc.review')}</Anchor>}
        {c.published && <Anchor component={Link} href={`/cong-khai/danh-gia/${c.id}`}>{t('as.public')}</Anchor>}
      </Group>
    </Card>
  );
}
