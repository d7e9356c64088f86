import { describe, expect, it } from 'vitest';
import { cleanText, fold, foldUnitName, likeEscape } from './text.js';

describe('fold', () => {
  it('drops diacritics, đ and case', () => {
    expect(fold('Điện Biên')).toBe('dien bien');
    expect(fold('ĐIỆN BIÊN')).toBe('dien bien');
    expect(fold('Trường PTDTBT Tiểu học Mường Nhé')).toBe('truong ptdtbt tieu hoc muong nhe');
  });

  it('gives the same fold for NFC and NFD input', () => {
    const nfc = 'Trường Tiểu học Nậm Kè'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(fold(nfd)).toBe(fold(nfc));
    expect(fold(nfd)).toBe('truong tieu hoc nam ke');
  });

  it('folds spellings people write differently to one key', () => {
    expect(fold('Thừa Thiên - Huế')).toBe('thua thien hue');
    expect(fold('Đắk Lắk')).toBe('dak lak');
    expect(fold('Đăk Lăk')).toBe('dak lak');
    expect(fold('Thanh Hoá')).toBe(fold('Thanh Hóa'));
    expect(fold('  Bà Rịa–Vũng Tàu ')).toBe('ba ria vung tau');
  });

  it('answers an empty string for nothing', () => {
    expect(fold(null)).toBe('');
    expect(fold(undefined)).toBe('');
    expect(fold('   ')).toBe('');
    expect(fold('---')).toBe('');
  });
});

describe('foldUnitName', () => {
  it('strips the unit type', () => {
    expect(foldUnitName('Tỉnh Điện Biên')).toBe('dien bien');
    expect(foldUnitName('TP. Hà Nội')).toBe('ha noi');
    expect(foldUnitName('Thành phố Hồ Chí Minh')).toBe('ho chi minh');
    expect(foldUnitName('Xã Mường Nhé')).toBe('muong nhe');
    expect(foldUnitName('Phường Ba Đình')).toBe('ba dinh');
    expect(foldUnitName('Đặc khu Trường Sa')).toBe('truong sa');
    expect(foldUnitName('Huyện Tuần Giáo')).toBe('tuan giao');
  });

  it('keeps names that merely start like a unit type', () => {
    expect(foldUnitName('Quảng Ninh')).toBe('quang ninh');
    expect(foldUnitName('Phú Thọ')).toBe('phu tho');
    expect(foldUnitName('Tiên Yên')).toBe('tien yen');
  });

  it('matches across NFD input and old spellings', () => {
    expect(foldUnitName('Tỉnh Thừa Thiên - Huế'.normalize('NFD'))).toBe('thua thien hue');
    expect(foldUnitName('Tỉnh Đăk Lăk')).toBe(foldUnitName('Đắk Lắk'));
  });
});

describe('cleanText and likeEscape', () => {
  it('NFC-normalises, collapses spaces, empties to null', () => {
    const nfd = '  Trường  Mầm non\tHoa Ban '.normalize('NFD');
    const out = cleanText(nfd);
    expect(out).toBe('Trường Mầm non Hoa Ban');
    expect(out).toBe(out!.normalize('NFC'));
    expect(cleanText('   ')).toBeNull();
    expect(cleanText(null)).toBeNull();
    expect(cleanText(12)).toBe('12');
  });

  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
