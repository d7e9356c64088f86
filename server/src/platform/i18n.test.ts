import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueMessage, requestLang, translate } from './i18n.js';

describe('errors in the asker\'s language', () => {
  it('reads the language from ?lang= first, then Accept-Language; Vietnamese by default', () => {
    expect(requestLang({ headers: {}, query: {} })).toBe('vi');
    expect(requestLang({ headers: { 'accept-language': 'en-GB,en;q=0.9' }, query: {} })).toBe('en');
    expect(requestLang({ headers: { 'accept-language': 'vi-VN' }, query: {} })).toBe('vi');
    expect(requestLang({ headers: { 'accept-language': 'en' }, query: { lang: 'vi' } })).toBe('vi');
  });

  it('translates catalogue messages, with the values of templated ones carried over', () => {
    expect(translate('Bạn không có quyền thực hiện thao tác này', 'en')).toBe('You are not allowed to do this');
    expect(translate('Tệp "bao-cao.pdf" rỗng', 'en')).toBe('The file "bao-cao.pdf" is empty');
    expect(translate('Mã "01234" lặp lại (đã có ở dòng 7)', 'en')).toBe('Code "01234" is repeated (already on row 7)');
    expect(translate('Bạn không có quyền thực hiện thao tác này', 'vi')).toBe('Bạn không có quyền thực hiện thao tác này');
    // a message not in the catalogue is answered as written rather than lost
    expect(translate('Một thông báo chưa dịch', 'en')).toBe('Một thông báo chưa dịch');
  });

  it('words zod\'s default messages in Vietnamese, and in English when asked', () => {
    const schema = z.object({ name: z.string(), pupils: z.number().int().min(0), level: z.enum(['thcs', 'thpt']), code: z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số') });
    const r = schema.safeParse({ pupils: -1, level: 'x', code: 'abc' }, { reportInput: true });
    expect(r.success).toBe(false);
    const by = (lang: 'vi' | 'en') => Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), issueMessage(i, lang)]));
    expect(by('vi')).toEqual({ name: 'Trường này là bắt buộc', pupils: 'Giá trị phải ≥ 0', level: 'Giá trị không nằm trong danh sách cho phép', code: 'Mã xã gồm 5 chữ số' });
    expect(by('en')).toEqual({ name: 'This field is required', pupils: 'Must be at least 0', level: 'Not one of the allowed values', code: 'A commune code has 5 digits' });
  });
});
