/**
 * Paging of a keyset list (Page: items, nextCursor, total): the page keeps a stack of the
 * cursors that opened each page, so "previous" needs no server support, and the stack starts
 * over whenever the filters (`resetKey`) change.
 */
import { Button, Group, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';

export interface CursorPages {
  /** The cursor of the current page (undefined on the first). */
  cursor: string | undefined;
  /** 0-based page number. */
  page: number;
  next: (cursor: string) => void;
  prev: () => void;
}

export function useCursorPages(resetKey: string): CursorPages {
  const [stack, setStack] = useState<{ key: string; cursors: string[] }>({ key: resetKey, cursors: [] });
  const cursors = stack.key === resetKey ? stack.cursors : [];
  const next = useCallback((c: string) => setStack((s) => ({ key: resetKey, cursors: [...(s.key === resetKey ? s.cursors : []), c] })), [resetKey]);
  const prev = useCallback(() => setStack((s) => ({ key: resetKey, cursors: (s.key === resetKey ? s.cursors : []).slice(0, -1) })), [resetKey]);
  return { cursor: cursors[cursors.length - 1], page: cursors.length, next, prev };
}

/** "← Previous · Page n · Next →" under a paged list; hidden when everything fits on one page. */
export function CursorPager({ pages, nextCursor, busy = false, scrollTop = true }: { pages: CursorPages; nextCursor: string | null; busy?: boolean; scrollTop?: boolean }) {
  const { t } = useI18n();
  if (pages.page === 0 && !nextCursor) return null;
  return (
    <Group justify="space-between" component="nav" aria-label={t('schools.page', { page: formatNumber(pages.page + 1) })}>
      <Button variant="default" disabled={pages.page === 0 || busy} onClick={pages.prev} data-testid="page-prev">
        ← {t('schools.prev')}
      </Button>
      <Text size="sm" c="dimmed" data-testid="page-number">
        {t('schools.page', { page: formatNumber(pages.page + 1) })}
      </Text>
      <Button
        variant="default"
        disabled={!nextCursor || busy}
        onClick={() => {
          if (!nextCursor) return;
          pages.next(nextCursor);
          if (scrollTop && typeof window.scrollTo === 'function') window.scrollTo({ top: 0 });
        }}
        data-testid="page-next"
      >
        {t('schools.next')} →
      </Button>
    </Group>
  );
}
