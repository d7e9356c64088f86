import { Button, Card, Group, MultiSelect, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { PROVIDER_KINDS, PROVIDER_SERVICES, REFERRAL_CHANNELS, providersApi, type Provider, type ProviderKind, type ProviderService, type ReferralChannel } from '../../../../contracts/providers';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useDraft } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { useCommunes } from '../../lib/reference';
import { PROVIDERS } from '../cases/api';

interface Values {
  kind: ProviderKind;
  name: string;
  services: ProviderService[];
  channels: ReferralChannel[];
  communeCodes: string[];
  phone: string;
  email: string;
  hours: string;
  address: string;
  website: string;
  focalRole: string;
  lat: number | '';
  lng: number | '';
  active: boolean;
}

const fromProvider = (p: Provider): Values => ({
  kind: p.kind, name: p.name, services: p.services, channels: p.channels, communeCodes: p.communeCodes, phone: p.phone ?? '', email: p.email ?? '', hours: p.hours ?? '',
  address: p.address ?? '', website: p.website ?? '', focalRole: p.focalRole ?? '', lat: p.lat ?? '', lng: p.lng ?? '', active: p.active,
});
const EMPTY: Values = {
  kind: 'social_work_centre', name: '', services: [], channels: ['phone'], communeCodes: [], phone: '', email: '', hours: '', address: '', website: '', focalRole: '', lat: '', lng: '', active: true,
};
const orNull = (s: string) => s.trim() || null;
const num = (v: number | '') => (v === '' ? null : v);

/**
 * A Department adds a provider of its province to the network, or keeps one up to date: the
 * services (Decree 110/2024's list), the communes it covers (none: the whole province), hours, how
 * to refer, the contact role and its place on the map. What is typed is kept on this device until
 * it is saved. The server checks the province, the communes and the receiving organisation.
 */
export function ProviderForm({ provinceCode, provider, onDone }: { provinceCode: string; provider?: Provider; onDone?: () => void }) {
  const { t } = useI18n();
  const draftKey = `kn.draft.provider.${provider?.id ?? `new.${provinceCode}`}`;
  const draft = useDraft<Values>(draftKey, provider ? fromProvider(provider) : EMPTY);
  const v = draft.values;
  const set = (patch: Partial<Values>) => draft.setValues((cur) => ({ ...cur, ...patch }));
  const communes = useCommunes(provinceCode);
  const common = () => ({
    kind: v.kind, name: v.name, services: v.services, channels: v.channels, communeCodes: v.communeCodes, phone: orNull(v.phone), email: orNull(v.email), hours: orNull(v.hours),
    address: orNull(v.address), website: orNull(v.website), focalRole: orNull(v.focalRole), lat: num(v.lat), lng: num(v.lng),
  });
  const save = useApiMutation(
    () => (provider
      ? call(providersApi.update, { params: { id: provider.id }, body: { ...common(), active: v.active } })
      : call(providersApi.create, { body: { ...common(), provinceCode } })),
    { domains: [PROVIDERS], onSuccess: () => { draft.clear(provider ? undefined : EMPTY); onDone?.(); } },
  );
  const tid = (s: string) => `prov-form-${s}`;
  // an online channel belongs to providers whose staff have accounts: kept when already there, not offered otherwise
  const channels = REFERRAL_CHANNELS.filter((c) => c !== 'online' || v.channels.includes('online'));
  return (
    <Card withBorder data-testid={provider ? 'prov-edit' : 'prov-add'}>
      <Stack gap="xs">
        <Text fw={600}>{provider ? t('prov.editTitle', { name: provider.name }) : t('prov.add')}</Text>
        {save.error && <ErrorAlert error={save.error} />}
        <Group grow align="flex-end" wrap="wrap">
          <Select label={t('prov.col.kind')} data={PROVIDER_KINDS.filter((k) => k !== 'hotline' || v.kind === 'hotline').map((k) => ({ value: k, label: t(`prov.kind.${k}`) }))} value={v.kind} onChange={(x) => x && set({ kind: x as ProviderKind })} allowDeselect={false} data-testid={tid('kind')} miw={220} />
          <TextInput label={t('prov.col.name')} value={v.name} onChange={(e) => set({ name: e.currentTarget.value })} data-testid={tid('name')} miw={220} />
        </Group>
        <MultiSelect label={t('prov.col.services')} data={PROVIDER_SERVICES.map((s) => ({ value: s, label: t(`prov.svc.${s}`) }))} value={v.services} onChange={(x) => set({ services: x as ProviderService[] })} data-testid={tid('services')} />
        <MultiSelect
          label={t('prov.communes')}
          description={t('prov.communesHelp')}
          data={(communes.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          value={v.communeCodes}
          onChange={(x) => set({ communeCodes: x })}
          searchable
          clearable
          data-testid={tid('communes')}
        />
        <MultiSelect label={t('prov.col.how')} data={channels.map((c) => ({ value: c, label: t(`prov.channel.${c}`) }))} value={v.channels} onChange={(x) => set({ channels: x as ReferralChannel[] })} data-testid={tid('channels')} />
        <Group grow wrap="wrap">
          <TextInput label={t('prov.phone')} value={v.phone} onChange={(e) => set({ phone: e.currentTarget.value })} data-testid={tid('phone')} miw={180} />
          <TextInput label={t('prov.email')} value={v.email} onChange={(e) => set({ email: e.currentTarget.value })} data-testid={tid('email')} miw={180} />
          <TextInput label={t('prov.hours')} value={v.hours} onChange={(e) => set({ hours: e.currentTarget.value })} data-testid={tid('hours')} miw={180} />
        </Group>
        <Group grow wrap="wrap">
          <TextInput label={t('prov.focalRole')} value={v.focalRole} onChange={(e) => set({ focalRole: e.currentTarget.value })} data-testid={tid('focal')} miw={180} />
          <TextInput label={t('prov.address')} value={v.address} onChange={(e) => set({ address: e.currentTarget.value })} data-testid={tid('address')} miw={180} />
          <TextInput label={t('prov.website')} value={v.website} onChange={(e) => set({ website: e.currentTarget.value })} data-testid={tid('website')} miw={180} />
        </Group>
        <Group grow wrap="wrap">
          <NumberInput label={t('prov.lat')} value={v.lat} onChange={(x) => set({ lat: typeof x === 'number' ? x : '' })} decimalScale={6} min={-90} max={90} data-testid={tid('lat')} miw={140} />
          <NumberInput label={t('prov.lng')} value={v.lng} onChange={(x) => set({ lng: typeof x === 'number' ? x : '' })} decimalScale={6} min={-180} max={180} data-testid={tid('lng')} miw={140} />
        </Group>
        {provider && <Switch label={t('prov.active')} checked={v.active} onChange={(e) => set({ active: e.currentTarget.checked })} data-testid={tid('active')} />}
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid={tid('save')}>{provider ? t('prov.update') : t('prov.save')}</Button>
          {onDone && <Button variant="default" onClick={() => { draft.clear(); onDone(); }} data-testid={tid('cancel')}>{t('prov.cancel')}</Button>}
        </Group>
      </Stack>
    </Card>
  );
}
