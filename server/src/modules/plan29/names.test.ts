import { describe, expect, it } from 'vitest';
import { namesSomeone } from './service.js';

const NAMES = ['Lò Thị Ánh Tuyết', 'Giáo Viên Ma Trận', 'Vừ A Dính'];

describe('free text checked against the recipients\' names', () => {
  it('finds a full name with or without diacritics, in any case, as whole words', () => {
    expect(namesSomeone('Học bổng cho em Lò Thị Ánh Tuyết lớp 4', NAMES)).toBe(true);
    expect(namesSomeone('hoc bong cho em LO THI ANH TUYET', NAMES)).toBe(true);
    expect(namesSomeone('Quà của Vừ A Dính.', NAMES)).toBe(true);
    expect(namesSomeone('Vừ A Dínhxx', NAMES)).toBe(false);
  });

  it('finds the given names as a name is written, not the same words in running text', () => {
    expect(namesSomeone('Áo ấm cho em Ánh Tuyết', NAMES)).toBe(true);
    expect(namesSomeone('Giao lưu văn nghệ (ma trận)', NAMES)).toBe(false);
    expect(namesSomeone('ánh tuyết trên núi', NAMES)).toBe(false);
    expect(namesSomeone('Tủ sách lớp học', NAMES)).toBe(false);
    expect(namesSomeone('', NAMES)).toBe(false);
    expect(namesSomeone(null, NAMES)).toBe(false);
  });
});
