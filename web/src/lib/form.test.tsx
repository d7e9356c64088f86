import { Button, TextInput } from '@mantine/core';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SchoolInput } from '../../../contracts/schools';
import { renderWithProviders } from '../test/render';
import { DraftRestored, useDraftForm } from './form';

const KEY = 'kn.draft.test';
// two of the contract's own fields (Vietnamese messages of the schema) and a default zod check
const Schema = z.object({ code: SchoolInput.shape.code, name: SchoolInput.shape.name, note: z.string().max(5) });

function TestForm({ onValid = () => undefined }: { onValid?: (v: unknown) => void }) {
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: KEY, initialValues: { code: '', name: '', note: '' }, schema: Schema });
  return (
    <form onSubmit={form.onSubmit(onValid)} noValidate>
      {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft({ code: '', name: '', note: '' })} />}
      <TextInput label="Mã" {...form.getInputProps('code')} />
      <TextInput label="Tên" {...form.getInputProps('name')} />
      <TextInput label="Ghi chú" {...form.getInputProps('note')} />
      <Button type="submit">Gửi</Button>
    </form>
  );
}

describe('useDraftForm', () => {
  it('keeps the values on the device while typing and restores them on the next visit', async () => {
    const user = userEvent.setup();
    const first = renderWithProviders(<TestForm />);
    await user.type(screen.getByLabelText('Tên'), 'Trường Tiểu học Mường Nhé');
    await waitFor(() => expect(localStorage.getItem(KEY)).toContain('Trường Tiểu học Mường Nhé'));
    first.unmount();

    renderWithProviders(<TestForm />);
    expect(screen.getByLabelText('Tên')).toHaveProperty('value', 'Trường Tiểu học Mường Nhé');
    expect(screen.getByTestId('draft-restored')).toBeTruthy();

    // discarding the draft empties the form and the stored copy
    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    expect(screen.getByLabelText('Tên')).toHaveProperty('value', '');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('also keeps the values when the page is hidden before the pause', async () => {
    renderWithProviders(<TestForm />);
    fireEvent.change(screen.getByLabelText('Mã'), { target: { value: '11000001' } });
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(localStorage.getItem(KEY)).toContain('11000001');
  });

  it('shows the schema messages in Vietnamese', async () => {
    const user = userEvent.setup();
    renderWithProviders(<TestForm />);
    await user.type(screen.getByLabelText('Ghi chú'), 'quá dài');
    await user.click(screen.getByRole('button', { name: 'Gửi' }));
    expect(await screen.findByText('Mã trường là bắt buộc')).toBeTruthy();
    expect(screen.getByText('Tên trường là bắt buộc')).toBeTruthy();
    expect(screen.getByText('Tối đa 5 ký tự')).toBeTruthy();
  });

  it('shows the same messages in English when the page is in English', async () => {
    localStorage.setItem('kn.lang', 'en');
    const user = userEvent.setup();
    renderWithProviders(<TestForm />);
    await user.type(screen.getByLabelText('Ghi chú'), 'too long');
    await user.click(screen.getByRole('button', { name: 'Gửi' }));
    expect(await screen.findByText('The school code is required')).toBeTruthy();
    expect(screen.getByText('The school name is required')).toBeTruthy();
    expect(screen.getByText('At most 5 characters')).toBeTruthy();
  });

  it('hands valid values to the submit handler', async () => {
    const user = userEvent.setup();
    let sent: unknown = null;
    renderWithProviders(<TestForm onValid={(v) => (sent = v)} />);
    await user.type(screen.getByLabelText('Mã'), '11000001');
    await user.type(screen.getByLabelText('Tên'), 'Trường Tiểu học Ví Dụ');
    await user.click(screen.getByRole('button', { name: 'Gửi' }));
    await waitFor(() => expect(sent).toEqual({ code: '11000001', name: 'Trường Tiểu học Ví Dụ', note: '' }));
  });
});

describe('useDraftForm after a discard', () => {
  it('does not store the emptied form as a new draft', async () => {
    localStorage.setItem(KEY, JSON.stringify({ savedAt: new Date().toISOString(), values: { code: 'X1', name: 'Nháp cũ', note: '' } }));
    const user = userEvent.setup();
    renderWithProviders(<TestForm />);
    expect(screen.getByLabelText('Tên')).toHaveProperty('value', 'Nháp cũ');
    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    await new Promise((r) => setTimeout(r, 400));
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
