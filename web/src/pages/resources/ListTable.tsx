/**
 * The list pieces the resource pages share: a table of rows with its columns and an empty line,
 * cursor paging (previous / next) over a `Page` answer, and the "sign in first" gate.
 */
import { Alert, Button, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { Link } from '../../lib/router';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** numbers and amounts: right-aligned, on one line */
  numeric?: boolean;
  nowrap?: boolean;
  minWidth?: number;
}

export function ListTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  empty,
  minWidth,
  testId,
  hover = false,
}: {
  rows: readonly T[];
  columns: readonly (Column<T> | false | null | undefined)[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Record<string, string | number | undefined>;
  empty: ReactNode;
  minWidth: number;
  testId?: string;
  hover?: boolean;
}) {
  const cols = columns.filter((c): c is Column<T> => !!c);
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table striped highlightOnHover={hover} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {cols.map((c) => (
              <Table.Th key={c.key} style={c.numeric ? { textAlign: 'right' } : undefined}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={cols.length}>
                <Text c="dimmed">{empty}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} {...rowProps?.(row)}>
              {cols.map((c) => (
                <Table.Td
                  key={c.key}
                  miw={c.minWidth}
                  style={c.numeric ? { textAlign: 'right', whiteSpace: 'nowrap' } : c.nowrap ? { whiteSpace: 'nowrap' } : undefined}
                >
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The page for a signed-in account: a loader while the session is checked, "sign in" when there is none. */
export function SignedIn({ children, title, extra }: { children: (user: NonNullable<ReturnType<typeof useAuth>['user']>) => ReactNode; title?: string; extra?: ReactNode }) {
  const { t } = useI18n();
  const { user } = useAuth();
  if (user === undefined) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={title ?? t('common.signInRequired')}>
        <Group gap="xs" mt="xs">
          <Button component={Link} href={signInHref()} size="xs">
            {t('nav.signIn')}
          </Button>
          {extra}
        </Group>
      </Alert>
    );
  }
  return <>{children(user)}</>;
}
