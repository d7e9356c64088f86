import { Button, Card, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PROVIDER_KINDS, PROVIDER_SERVICES, REFERRAL_CHANNELS, providersApi, type ProviderKind, type ProviderService, type ReferralChannel } from '../../../../contracts/providers';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useApiMutation } from '../../lib/query';
import { PROVIDERS } from '../cases/api';

/** A Department adds a provider of its province to the network (the server checks the province). */
export function ProviderForm({ provinceCode }: { provinceCode: string }) {
  const { t } = useI18n();
  const empty = { kind: 'social_work_centre' as ProviderKind, name: '', services: [] as ProviderService[], channels: ['phone'] as ReferralChannel[], phone: '', hours: '', focalRole: '' };
  const [v, setV] = useState(empty);
  const save = useApiMutation(
    () => call(providersApi.create, { body: { kind: v.kind, name: v.name, provinceCode, services: v.services, channels: v.channels, phone: v.phone || null, hours: v.hours || null, focalRole: v.focalRole || null } }),
    { domains: [PROVIDERS], onSuccess: () => setV(empty) },
  );
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('prov.add')}</Text>
        {save.error && <ErrorAlert error={save.error} />}
        <Group grow align="flex-end">
          <Select label={t('prov.col.kind')} data={PROVIDER_KINDS.filter((k) => k !== 'hotline').map((k) => ({ value: k, label: t(`prov.kind.${k}`) }))} value={v.kind} onChange={(x) => x && setV({ ...v, kind: x as ProviderKind })} allowDeselect={false} data-testid="prov-form-kind" />
          <TextInput label={t('prov.col.name')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} data-testid="prov-form-name" />
        </Group>
        <MultiSelect label={t('prov.col.services')} data={PROVIDER_SERVICES.map((s) => ({ value: s, label: t(`prov.svc.${s}`) }))} value={v.services} onChange={(x) => setV({ ...v, services: x as ProviderService[] })} data-testid="prov-form-services" />
        <MultiSelect label={t('prov.col.how')} data={REFERRAL_CHANNELS.filter((c) => c !== 'online').map((c) => ({ value: c, label: t(`prov.channel.${c}`) }))} value={v.channels} onChange={(x) => setV({ ...v, channels: x as ReferralChannel[] })} data-testid="prov-form-channels" />
        <Group grow>
          <TextInput label={t('prov.phone')} value={v.phone} onChange={(e) => setV({ ...v, phone: e.currentTarget.value })} data-testid="prov-form-phone" />
          <TextInput label={t('prov.hours')} value={v.hours} onChange={(e) => setV({ ...v, hours: e.currentTarget.value })} />
          <TextInput label={t('prov.focalRole')} value={v.focalRole} onChange={(e) => setV({ ...v, focalRole: e.currentTarget.value })} />
        </Group>
        <Group><Button loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid="prov-form-save">{t('prov.save')}</Button></Group>
      </Stack>
    </Card>
  );
}
