import { describe, expect, it } from 'vitest';
import { normalizeTaxCode } from './donors.js';

/**
 * Vietnamese tax codes (mã số thuế): the tenth digit checks the first nine with the weights
 * 31, 29, 23, 19, 17, 13, 7, 5, 3 (check = 10 − sum mod 11). The valid codes below are published
 * codes of well-known enterprises; each invalid one differs from a valid one in a single place.
 */
describe('tax code check digit', () => {
  it('accepts published 10-digit codes, including one whose check digit is 0', () => {
    for (const code of ['0100109106', '0300588569', '0100112437', '0100686209', '0106026495', '0101243150']) expect(normalizeTaxCode(code)).toBe(code);
  });

  it('accepts 13 digits (a dependent unit) with or without a dash, kept as 10-3', () => {
    expect(normalizeTaxCode('0100109106-001')).toBe('0100109106-001');
    expect(normalizeTaxCode('0100109106001')).toBe('0100109106-001');
    expect(normalizeTaxCode(' 0300588569 - 012 ')).toBe('0300588569-012');
  });

  it('refuses a wrong check digit, a swapped pair, wrong lengths, letters and branch 000', () => {
    for (const code of ['0100109107', '0100109105', '1000109106', '0300588596', '010010910', '01001091060', '010010910600', '01001091060012', 'A100109106', '0100109106-000', '0100109106-01', '']) {
      expect(normalizeTaxCode(code), code).toBeNull();
    }
  });

  it('refuses every code whose first nine digits would need a check of 10 (no such code is issued)', () => {
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    const sum = (p: string) => weights.reduce((a, w, i) => a + w * Number(p[i]), 0);
    let n = 100000001;
    while (sum(String(n).slice(-9).padStart(9, '0')) % 11 !== 0) n++;
    const prefix = String(n).slice(-9).padStart(9, '0');
    for (let d = 0; d <= 9; d++) expect(normalizeTaxCode(`${prefix}${d}`)).toBeNull();
  });
});
