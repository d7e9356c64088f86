/**
 * The three controls that once turned the page white (reading the event inside a state
 * updater): the province and cluster selects of the pairing form and the plan's note.
 * Each is changed as a person would; the new value must show and nothing may throw.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate, type MessageKey } from '../../i18n';
import { mockFetch, renderWithProviders } from '../../test/render';
import { PairCreateForm } from './PairCreateForm';
import PairDetailPage from './PairDetailPage';
import type { PairDetail } from '../../../../contracts/twinning';

const t = (k: string) => translate('vi', k as MessageKey);
const EMPTY_PAGE = { items: [], nextCursor: null, total: 0 };
const CLUSTER = { id: '6f1c8a52-4c1e-4d0b-9a57-0a4c2b9d1e01', kind: 'cluster', code: 'cum-thpt-01', name: 'Cụm THPT số 1', shortName: null, parentId: null, provinceCode: '01', communeCode: null };

afterEach(() => vi.unstubAllGlobals());

describe('PairCreateForm', () => {
  it('the province select takes the chosen province', async () => {
    mockFetch({ 'GET /api/v1/schools': { body: EMPTY_PAGE }, 'GET /api/v1/twinning/suggestions': { body: { items: [] } } });
    const user = userEvent.setup();
    renderWithProviders(<PairCreateForm clusters={[CLUSTER] as never} provinceNames={{ '11': 'Điện Biên', '12': 'Lai Châu', '14': 'Sơn La' }} />);
    const province = screen.getByTestId('pair-create-province') as HTMLSelectElement;
    await user.selectOptions(province, '14');
    expect(province.value).toBe('14');
    expect((screen.getByRole('option', { name: 'Sơn La' }) as HTMLOptionElement).selected).toBe(true);
  });

  it('the cluster select takes the chosen cluster', async () => {
    const fetch = mockFetch({ 'GET /api/v1/schools': { body: EMPTY_PAGE }, 'GET /api/v1/twinning/suggestions': { body: { items: [] } } });
    const user = userEvent.setup();
    renderWithProviders(<PairCreateForm clusters={[CLUSTER] as never} provinceNames={{}} />);
    await user.click(screen.getByText(t('tw.create.sideCluster')));
    const cluster = (await screen.findByTestId('pair-create-cluster')) as HTMLSelectElement;
    await user.selectOptions(cluster, CLUSTER.id);
    expect(cluster.value).toBe(CLUSTER.id);
    expect((screen.getByRole('option', { name: CLUSTER.name }) as HTMLOptionElement).selected).toBe(true);
    // the cluster's schools are looked up to compare levels: this one has none yet
    expect(await screen.findByText(t('tw.create.clusterEmpty'))).toBeTruthy();
    expect(fetch.mock.calls.some(([u]) => String(u).includes(`clusterId=${CLUSTER.id}`))).toBe(true);
  });
});

const PAIR_ID = '0b8f2a4e-5d6c-4e7f-8a9b-1c2d3e4f5a6b';
const year = new Date().getFullYear();
const PAIR: PairDetail = {
  id: PAIR_ID,
  hanoiSchoolId: '1a1a1a1a-1111-4111-8111-111111111111',
  hanoiSchoolName: 'Trường THPT Chu Văn An',
  hanoiClusterId: null,
  hanoiClusterName: null,
  hanoiSide: 'Trường THPT Chu Văn An',
  hanoiProvinceCode: '01',
  onBehalfOfCluster: false,
  borderSchoolId: '2b2b2b2b-2222-4222-8222-222222222222',
  borderSchoolName: 'Trường PTDTBT THCS Mường Nhé',
  borderProvinceCode: '11',
  borderProvinceName: 'Điện Biên',
  borderCommuneName: 'Xã Mường Nhé',
  startYear: year,
  status: 'active',
  note: null,
  activitiesThisYear: 0,
  line: null,
  year,
  history: [{ status: 'active', reason: null, at: `${year}-01-15T08:00:00.000Z` }],
  plans: [],
  activities: [],
  can: { changeStatus: false, editPlan: true, logActivity: false, logSupport: false },
};

describe('PairDetailPage', () => {
  it("the plan's note takes what is typed", async () => {
    mockFetch({ 'GET /api/v1/auth/me': { body: { user: null } }, [`GET /api/v1/twinning/pairs/${PAIR_ID}`]: { body: PAIR } });
    const user = userEvent.setup();
    renderWithProviders(<PairDetailPage params={{ id: PAIR_ID }} />, { auth: true });
    await user.click(await screen.findByTestId('plan-edit'));
    const note = screen.getByLabelText(t('tw.plan.note')) as HTMLTextAreaElement;
    await user.type(note, 'Gặp mặt đầu năm học');
    expect(note.value).toBe('Gặp mặt đầu năm học');
    await waitFor(() => expect(screen.getByDisplayValue('Gặp mặt đầu năm học')).toBeTruthy());
  });
});
