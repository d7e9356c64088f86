import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { areasApi } from '../../../contracts/areas';
import { ErrorAlert } from '../components/common';
import { ApiError } from '../api/client';
import { mockFetch, renderWithProviders } from '../test/render';
import { QueryView, useApi } from './query';

function Provinces() {
  const q = useApi(areasApi.provinces, {});
  return <QueryView query={q}>{(data) => <p data-testid="count">{data.items.length} tỉnh</p>}</QueryView>;
}

const problem = (status: number, title: string, detail: string) => ({ status, body: { type: 'about:blank', title, status, detail } });
const PROVINCE = { code: '11', level: 'province', era: 'current', name: 'Điện Biên', fullName: 'Tỉnh Điện Biên', nameEn: null, unitType: 'Tỉnh', provinceCode: '11', districtCode: null, parentCode: null, flags: ['border'], validFrom: null, validTo: null, communeCount: 45 };

afterEach(() => vi.unstubAllGlobals());

describe('QueryView', () => {
  it('shows a loader while the answer is on its way, then the content', async () => {
    let answer: (r: Response) => void = () => undefined;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))));
    renderWithProviders(<Provinces />);
    expect(screen.getByRole('status').textContent).toContain('Đang tải');
    answer(new Response(JSON.stringify({ items: [PROVINCE] }), { headers: { 'Content-Type': 'application/json' } }));
    expect((await screen.findByTestId('count')).textContent).toBe('1 tỉnh');
  });

  it('shows the problem of a failed read with its detail, and Retry asks again', async () => {
    let fail = true;
    const fetch = mockFetch({
      'GET /api/v1/areas/provinces': () => (fail ? problem(503, 'Máy chủ đang bận', 'Vui lòng thử lại sau ít phút') : { body: { items: [PROVINCE] } }),
    });
    const user = userEvent.setup();
    renderWithProviders(<Provinces />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Máy chủ đang bận');
    expect(alert.textContent).toContain('Vui lòng thử lại sau ít phút');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect((await screen.findByTestId('count')).textContent).toBe('1 tỉnh');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('asks to sign in on a 401, without a retry', async () => {
    mockFetch({ 'GET /api/v1/areas/provinces': problem(401, 'Chưa đăng nhập', 'Bạn cần đăng nhập để thực hiện thao tác này') });
    renderWithProviders(<Provinces />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Bạn cần đăng nhập để thực hiện thao tác này');
    const signIn = screen.getByRole('link', { name: 'Đăng nhập' });
    expect(signIn.getAttribute('href')).toMatch(/^\/dang-nhap/);
    expect(screen.queryByRole('button', { name: 'Thử lại' })).toBeNull();
  });
});

describe('ErrorAlert', () => {
  it('says the line dropped for a network failure and offers a retry', async () => {
    const retry = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ErrorAlert error={new ApiError({ status: 0, title: 'network' })} onRetry={retry} />);
    expect(screen.getByRole('alert').textContent).not.toContain('network');
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('speaks English when the page does', async () => {
    localStorage.setItem('kn.lang', 'en');
    renderWithProviders(<ErrorAlert error={new ApiError({ status: 403, title: 'Forbidden' })} onRetry={() => undefined} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/allowed|permission/i));
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});
