import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { CursorPager, useCursorPages } from './CursorPager';

/** A list of 5 pages whose cursor is the next page's number; `filter` starts it over. */
function PagedList() {
  const [filter, setFilter] = useState('a');
  const pages = useCursorPages(filter);
  const current = Number(pages.cursor ?? 1);
  return (
    <div>
      <p data-testid="showing">
        {filter}: {current}
      </p>
      <button type="button" onClick={() => setFilter('b')}>
        filter
      </button>
      <CursorPager pages={pages} nextCursor={current < 5 ? String(current + 1) : null} />
    </div>
  );
}

function OnePage() {
  const pages = useCursorPages('x');
  return <CursorPager pages={pages} nextCursor={null} />;
}

describe('CursorPager', () => {
  it('walks forward with the server cursor and back through the pages seen', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PagedList />);
    expect(screen.getByTestId('page-number').textContent).toBe('Trang 1');
    expect(screen.getByTestId('page-prev')).toHaveProperty('disabled', true);
    await user.click(screen.getByTestId('page-next'));
    await user.click(screen.getByTestId('page-next'));
    expect(screen.getByTestId('showing').textContent).toBe('a: 3');
    expect(screen.getByTestId('page-number').textContent).toBe('Trang 3');
    await user.click(screen.getByTestId('page-prev'));
    expect(screen.getByTestId('showing').textContent).toBe('a: 2');
  });

  it('stops at the last page', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PagedList />);
    for (let i = 0; i < 4; i++) await user.click(screen.getByTestId('page-next'));
    expect(screen.getByTestId('showing').textContent).toBe('a: 5');
    expect(screen.getByTestId('page-next')).toHaveProperty('disabled', true);
  });

  it('starts over on page 1 when the filters change', async () => {
    const user = userEvent.setup();
    renderWithProviders(<PagedList />);
    await user.click(screen.getByTestId('page-next'));
    await user.click(screen.getByRole('button', { name: 'filter' }));
    expect(screen.getByTestId('showing').textContent).toBe('b: 1');
    expect(screen.getByTestId('page-number').textContent).toBe('Trang 1');
  });

  it('is not shown when the whole list fits on one page', () => {
    renderWithProviders(<OnePage />);
    expect(screen.queryByTestId('page-next')).toBeNull();
  });
});
