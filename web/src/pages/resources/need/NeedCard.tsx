import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import type { Need } from '../../../api/resources';
import { FlagBadges } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { formatVnd, NeedProgress, NeedStatusBadge, PhotoImage } from '../shared';

/** A need in a grid: photo, category and status, school, progress and what remains. */
export function NeedCard({ need }: { need: Need }) {
  const { t } = useI18n();
  const photo = need.photos[0];
  return (
    <Card withBorder padding="sm" radius="md" data-testid="need-card" data-need-id={need.id} component="article">
      {photo && (
        <Card.Section>
          <PhotoImage id={photo.id} alt={photo.name} h={140} fit="cover" testId="need-card-photo" />
        </Card.Section>
      )}
      <Stack gap={6} mt={photo ? 'sm' : 0}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed">
            {t(`need.category.${need.category}`)}
          </Text>
          <NeedStatusBadge status={need.status} size="sm" />
        </Group>
        <Anchor component={Link} href={`/nhu-cau/${need.id}`} fw={700} size="md" lh={1.3} data-testid="need-title">
          {need.title}
        </Anchor>
        <Text size="sm">{need.schoolName}</Text>
        <Text size="xs" c="dimmed">
          {need.communeName}, {need.provinceName}
        </Text>
        <FlagBadges flags={need.communeFlags.filter((f) => f !== 'industrial_zone')} />
        {need.priority === 'urgent' && (
          <Text size="xs" c="red" fw={600}>
            {t('need.priority.urgent')}
          </Text>
        )}
        <NeedProgress need={need} compact />
        <Text size="sm" data-testid="need-remaining" data-quantity={need.remainingQuantity} data-value={need.remainingValue}>
          {t('need.remaining', { quantity: formatNumber(need.remainingQuantity), unit: need.unit, value: formatVnd(need.remainingValue) })}
        </Text>
      </Stack>
    </Card>
  );
}
