/** The sections of a need's page: progress and figures, description, acceptance, photos, history. */
import { Card, Group, Text, Title } from '@mantine/core';
import type { NeedAction, NeedDetail } from '../../../api/resources';
import { useI18n } from '../../../i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { canAddNeedPhotos } from '../permissions';
import { formatVnd, HistoryTimeline, KeyValue, NeedProgress, PhotoGrid } from '../shared';
import { AddPhotos } from './AddPhotos';

export function NeedFigures({ n }: { n: NeedDetail }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="need-progress-title">
      <Title order={2} size="h4" id="need-progress-title" mb="sm">
        {t('need.progress')}
      </Title>
      <NeedProgress need={n} />
      <Group mt="md" gap="xl" wrap="wrap">
        <KeyValue label={t('need.quantity')} value={`${formatNumber(n.quantity)} ${n.unit}`} />
        <KeyValue label={t('need.pledged')} value={`${formatNumber(n.pledgedQuantity)} ${n.unit}`} testId="need-pledged" />
        <KeyValue label={t('need.received')} value={`${formatNumber(n.receivedQuantity)} ${n.unit}`} testId="need-received" />
        <KeyValue label={t('need.remainingQuantity')} value={`${formatNumber(n.remainingQuantity)} ${n.unit}`} testId="need-remaining-quantity" />
      </Group>
      <Group mt="sm" gap="xl" wrap="wrap">
        <KeyValue label={t('need.estimatedCost')} value={formatVnd(n.estimatedCost)} />
        <KeyValue label={t('need.pledgedValue')} value={formatVnd(n.pledgedValue)} />
        <KeyValue label={t('need.receivedValue')} value={formatVnd(n.receivedValue)} />
        <KeyValue label={t('need.remainingValue')} value={formatVnd(n.remainingValue)} />
      </Group>
      <Text mt="sm" size="sm" data-testid="need-remaining" data-quantity={n.remainingQuantity} data-value={n.remainingValue}>
        {t('need.remaining', { quantity: formatNumber(n.remainingQuantity), unit: n.unit, value: formatVnd(n.remainingValue) })}
      </Text>
    </Card>
  );
}

export function NeedDescription({ n }: { n: NeedDetail }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="need-desc-title">
      <Title order={2} size="h4" id="need-desc-title" mb="sm">
        {t('need.description')}
      </Title>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{n.description || t('common.none')}</Text>
      <Text size="xs" c="dimmed" mt="sm">
        {t('need.createdAt', { date: formatDate(n.createdAt) })}
        {n.publishedAt ? ` · ${t('need.publishedAt', { date: formatDate(n.publishedAt) })}` : ''}
      </Text>
    </Card>
  );
}

export function NeedAcceptance({ n }: { n: NeedDetail }) {
  const { t } = useI18n();
  if (!n.acceptanceNote && n.acceptanceEvidence.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="need-accept-title">
      <Title order={2} size="h4" id="need-accept-title" mb="sm">
        {t('need.acceptance')}
      </Title>
      {n.acceptanceNote && <Text mb="sm">{n.acceptanceNote}</Text>}
      <PhotoGrid files={n.acceptanceEvidence} />
    </Card>
  );
}

export function NeedPhotos({ n }: { n: NeedDetail }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="need-photos-title">
      <Title order={2} size="h4" id="need-photos-title" mb="sm">
        {t('need.photos')}
      </Title>
      {n.photos.length ? <PhotoGrid files={n.photos} cols={2} /> : <Text c="dimmed">{t('need.photos.none')}</Text>}
      {canAddNeedPhotos(n) && (
        <div style={{ marginTop: 12 }}>
          <AddPhotos needId={n.id} />
        </div>
      )}
    </Card>
  );
}

export function NeedHistory({ n }: { n: NeedDetail }) {
  const { t } = useI18n();
  const items = n.history.map((h, i) => ({
    key: String(i),
    title: h.action === 'create' ? t('need.history.create') : t(`need.action.${h.action as NeedAction}`),
    at: h.at,
    by: h.actor,
    note: h.reason,
  }));
  return (
    <Card withBorder component="section" aria-labelledby="need-history-title">
      <Title order={2} size="h4" id="need-history-title" mb="sm">
        {t('need.history')}
      </Title>
      <HistoryTimeline items={items} />
    </Card>
  );
}
