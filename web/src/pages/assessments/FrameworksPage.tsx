import { Alert, Anchor, Badge, Button, Card, Group, List, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import type { FrameworkDefinition, FrameworkVersionDetail, GroupDef } from '../../../../contracts/assessments';
import { frameworkFieldProblems } from '../../../../contracts/assessment-scoring';
import type { ApiError } from '../../api/client';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formMessage } from '../../lib/form';
import { QueryView } from '../../lib/query';
import { Link, useRouter } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { useVersions } from './api';
import { useCopyVersion, useSaveAndPublish, useSaveDraft, useVersion } from './editingApi';
import { GroupEditor, keep, keyOf, move, newIndicator } from './FrameworkGroupEditor';
import { ResultEditor, type ErrorAt } from './FrameworkResultEditor';

/** A top group's code not used yet (N1, N2 …). */
const freeGroupCode = (d: FrameworkDefinition) => {
  const used = new Set(d.groups.map((g) => g.code));
  for (let n = d.groups.length + 1; ; n++) if (!used.has(`N${n}`)) return `N${n}`;
};

/** `/danh-gia/bo-chi-so`: every version of every framework (drafts for the administrator), each opened in the editor. */
export default function FrameworksPage() {
  return <SignedIn>{() => <Versions />}</SignedIn>;
}

function Versions() {
  const { t } = useI18n();
  const versions = useVersions();
  return (
    <Stack gap="md">
      <PageHeader title={t('asf.title')} help={t('asf.intro')} actions={<Anchor component={Link} href="/danh-gia" size="sm">{t('as.title')}</Anchor>} />
      <QueryView query={versions}>
        {(data) => (
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="asf-versions">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('asf.name')}</Table.Th><Table.Th>{t('asf.year')}</Table.Th><Table.Th>{t('asf.version')}</Table.Th><Table.Th>{t('asf.state')}</Table.Th><Table.Th>{t('asf.indicators')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((v) => (
                  <Table.Tr key={v.id} data-testid="asf-version-row">
                    <Table.Td><Anchor component={Link} href={`/danh-gia/bo-chi-so/${v.id}`}>{v.name}</Anchor></Table.Td>
                    <Table.Td>{v.year}</Table.Td>
                    <Table.Td>v{v.version}</Table.Td>
                    <Table.Td><Badge color={v.state === 'draft' ? 'yellow' : 'green'}>{t(`asf.state.${v.state}`)}</Badge></Table.Td>
                    <Table.Td>{v.indicatorCount}{v.provisionalCount ? ` (${t('asf.provisionalCount', { n: v.provisionalCount })})` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Stack>
  );
}

/** `/danh-gia/bo-chi-so/:id`: a version; a draft is edited by the administrator, a published one is read-only and copied into a new draft. */
export function FrameworkEditorPage({ params }: { params: Record<string, string> }) {
  return <SignedIn>{() => <Editor id={params.id ?? ''} />}</SignedIn>;
}

function Editor({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const version = useVersion(id);
  return (
    <Stack gap="md">
      <PageHeader title={t('asf.editTitle')} actions={<Anchor component={Link} href="/danh-gia/bo-chi-so" size="sm">{t('asf.title')}</Anchor>} />
      <QueryView query={version}>{(v) => <VersionForm key={`${v.id}:${v.state}`} v={v} admin={can('assessments.frameworks')} />}</QueryView>
    </Stack>
  );
}

function VersionForm({ v, admin }: { v: FrameworkVersionDetail; admin: boolean }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const [def, setDef] = useState<FrameworkDefinition>(v.definition);
  const [dirty, setDirty] = useState(false);
  useEffect(() => { setDef(v.definition); setDirty(false); }, [v.definition]);
  const editable = admin && v.state === 'draft';
  const save = useSaveDraft(v.id);
  const publish = useSaveAndPublish(v.id, () => notifications.show({ color: 'green', message: t('asf.published') }));
  const copy = useCopyVersion(v.id, (n) => { notifications.show({ color: 'green', message: t('asf.copied', { version: n.version }) }); navigate(`/danh-gia/bo-chi-so/${n.id}`); });
  const change = (f: (d: FrameworkDefinition) => FrameworkDefinition) => { setDef(f); setDirty(true); };
  const setGroup = (gi: number, f: (g: GroupDef) => GroupDef) => change((d) => ({ ...d, groups: d.groups.map((g, i) => (i === gi ? keep(g, f(g)) : g)) }));
  // what the server would refuse, shown as it is typed (the same checks: contracts/assessment-scoring)
  const fieldProblems = useMemo(() => frameworkFieldProblems(def), [def]);
  const problems = useMemo(() => [...new Set(fieldProblems.map((p) => p.message))], [fieldProblems]);
  const error = (save.error ?? publish.error ?? copy.error) as ApiError | null;
  // a problem on its field: the live check's, or the server's answer to what is on the screen (`definition.…` paths)
  const errorAt = useMemo<ErrorAt>(() => {
    const at = new Map<string, string>();
    const sent = save.error ? save.variables : publish.error ? publish.variables : undefined;
    if (error && sent === def) for (const e of error.fieldErrors ?? []) if (e.path.startsWith('definition.') && !at.has(e.path.slice(11))) at.set(e.path.slice(11), e.message);
    for (const p of fieldProblems) if (p.path && !at.has(p.path)) at.set(p.path, formMessage(p.message, lang));
    return (path) => at.get(path);
  }, [fieldProblems, error, save.error, save.variables, publish.error, publish.variables, def, lang]);
  return (
    <Stack gap="md" data-testid="asf-editor">
      <Card withBorder>
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={2} size="h4">{v.name}</Title>
            <Text size="sm" c="dimmed">{v.basis} · v{v.version}</Text>
          </div>
          <Badge color={v.state === 'draft' ? 'yellow' : 'green'} data-testid="asf-state">{t(`asf.state.${v.state}`)}</Badge>
        </Group>
        {v.state !== 'draft' && (
          <Alert color="blue" mt="sm" data-testid="asf-frozen" title={t('asf.frozenTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('asf.frozen')}</Text>
              {admin && <div><Button size="xs" onClick={() => copy.mutate(undefined)} loading={copy.isPending} data-testid="asf-copy">{t('asf.copy')}</Button></div>}
            </Stack>
          </Alert>
        )}
        {!v.complete && <Text size="xs" c="orange" mt="xs">{t('as.provisional')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
          <NumberInput label={t('asf.year')} value={def.year} min={2000} max={2100} disabled={!editable} onChange={(y) => change((d) => ({ ...d, year: Number(y) || d.year }))} data-testid="asf-year" />
          <TextInput label={t('asf.name')} value={def.name} disabled={!editable} onChange={(e) => { const name = e.currentTarget.value; change((d) => ({ ...d, name })); }} data-testid="asf-name" />
          <TextInput label={t('asf.basis')} value={def.basis} disabled={!editable} onChange={(e) => { const basis = e.currentTarget.value; change((d) => ({ ...d, basis })); }} data-testid="asf-basis" />
        </SimpleGrid>
      </Card>

      {error && (
        <Stack gap={4} data-testid="asf-error">
          <ErrorAlert error={error} />
          {error.fieldErrors?.length > 0 && <List size="sm" c="red">{error.fieldErrors.map((e) => <List.Item key={`${e.path}:${e.message}`}>{e.message}</List.Item>)}</List>}
        </Stack>
      )}

      {def.groups.map((g, gi) => (
        <GroupEditor
          key={keyOf(g)}
          g={g}
          def={def}
          editable={editable}
          depth={0}
          first={gi === 0}
          last={gi === def.groups.length - 1}
          path={`groups.${gi}`}
          errorAt={errorAt}
          onChange={(f) => setGroup(gi, f)}
          onMove={(by) => change((d) => ({ ...d, groups: move(d.groups, gi, by) }))}
          onRemove={def.groups.length > 1 ? () => change((d) => ({ ...d, groups: d.groups.filter((_, i) => i !== gi) })) : null}
        />
      ))}

      <ResultEditor rule={def.result} editable={editable} errorAt={errorAt} onChange={(result) => change((d) => ({ ...d, result }))} />

      {editable && problems.length > 0 && (
        <Alert color="orange" title={t('asf.problems')} data-testid="asf-problems">
          <List size="sm">{problems.map((p) => <List.Item key={p}>{formMessage(p, lang)}</List.Item>)}</List>
        </Alert>
      )}

      {editable && (
        <Group gap="sm" wrap="wrap">
          <Button variant="light" data-testid="asf-add-group"
            onClick={() => change((d) => { const code = freeGroupCode(d); return { ...d, groups: [...d.groups, { code, name: t('asf.newGroupName'), indicators: [newIndicator(`${code}.1`, t)] }] }; })}>
            {t('asf.addGroup')}
          </Button>
          <Button onClick={() => save.mutate(def, { onSuccess: () => { setDirty(false); notifications.show({ color: 'green', message: t('asf.saved') }); } })} loading={save.isPending} data-testid="asf-save">{t('asf.save')}</Button>
          <Button color="green" onClick={() => publish.mutate(def)} loading={publish.isPending} data-testid="asf-publish">{t('asf.publish')}</Button>
          {dirty && <Text size="sm" c="orange" data-testid="asf-dirty">{t('asf.unsaved')}</Text>}
        </Group>
      )}
    </Stack>
  );
}
