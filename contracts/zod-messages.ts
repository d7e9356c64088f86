/**
 * How zod words a failed check, in Vietnamese and in English: plain sentences for the common
 * cases (a missing field, a number out of range …), zod's own locale for the rest. Used by the
 * server (answers) and the web app (forms), so a message reads the same in both. A schema's own
 * message (e.g. 'Mã xã gồm 5 chữ số') always wins over these.
 */
import { z } from 'zod';

export type MessageLang = 'vi' | 'en';
type Issue = z.core.$ZodRawIssue;
type Render = (issue: Issue) => string;

const locale: Record<MessageLang, Render> = {
  vi: (i) => text(z.locales.vi().localeError(i)),
  en: (i) => text(z.locales.en().localeError(i)),
};

function text(r: unknown): string {
  if (typeof r === 'string') return r;
  if (r && typeof r === 'object' && 'message' in r) return String((r as { message: unknown }).message);
  return '';
}

const WORDS = {
  vi: {
    required: 'Trường này là bắt buộc',
    number: 'Phải là một số',
    integer: 'Phải là số nguyên',
    string: 'Phải là chuỗi ký tự',
    boolean: 'Phải là đúng hoặc sai',
    option: 'Giá trị không nằm trong danh sách cho phép',
    uuid: 'Mã định danh không hợp lệ',
    email: 'E-mail không hợp lệ',
    minNumber: (n: string) => `Giá trị phải ≥ ${n}`,
    maxNumber: (n: string) => `Giá trị phải ≤ ${n}`,
    minString: (n: string) => `Cần ít nhất ${n} ký tự`,
    maxString: (n: string) => `Tối đa ${n} ký tự`,
    minArray: (n: string) => `Cần ít nhất ${n} mục`,
    maxArray: (n: string) => `Tối đa ${n} mục`,
    unknownKeys: (k: string) => `Trường không được hỗ trợ: ${k}`,
  },
  en: {
    required: 'This field is required',
    number: 'Must be a number',
    integer: 'Must be a whole number',
    string: 'Must be text',
    boolean: 'Must be true or false',
    option: 'Not one of the allowed values',
    uuid: 'Invalid identifier',
    email: 'Invalid e-mail address',
    minNumber: (n: string) => `Must be at least ${n}`,
    maxNumber: (n: string) => `Must be at most ${n}`,
    minString: (n: string) => `At least ${n} characters`,
    maxString: (n: string) => `At most ${n} characters`,
    minArray: (n: string) => `At least ${n} items`,
    maxArray: (n: string) => `At most ${n} items`,
    unknownKeys: (k: string) => `Unsupported field: ${k}`,
  },
} as const;

/** The default message of an issue in a language. */
export function zodMessage(lang: MessageLang): Render {
  const w = WORDS[lang];
  return (i) => {
    const iss = i as Issue & { expected?: string; minimum?: unknown; maximum?: unknown; origin?: string; format?: string; keys?: string[] };
    switch (iss.code) {
      case 'invalid_type':
        if (iss.input === undefined || iss.input === null) return w.required;
        if (iss.expected === 'number' || iss.expected === 'int' || iss.expected === 'bigint') return iss.expected === 'int' ? w.integer : w.number;
        if (iss.expected === 'string') return w.string;
        if (iss.expected === 'boolean') return w.boolean;
        break;
      case 'invalid_value':
        return w.option;
      case 'invalid_format':
        if (iss.format === 'uuid' || iss.format === 'guid') return w.uuid;
        if (iss.format === 'email') return w.email;
        break;
      case 'too_small': {
        const n = String(iss.minimum);
        if (iss.origin === 'string') return w.minString(n);
        if (iss.origin === 'array' || iss.origin === 'set') return w.minArray(n);
        if (iss.origin === 'number' || iss.origin === 'bigint') return w.minNumber(n);
        break;
      }
      case 'too_big': {
        const n = String(iss.maximum);
        if (iss.origin === 'string') return w.maxString(n);
        if (iss.origin === 'array' || iss.origin === 'set') return w.maxArray(n);
        if (iss.origin === 'number' || iss.origin === 'bigint') return w.maxNumber(n);
        break;
      }
      case 'unrecognized_keys':
        return w.unknownKeys((iss.keys ?? []).join(', '));
    }
    return locale[lang](i);
  };
}

/** Make zod word every default message in this language (call once at start, and when the UI language changes). */
export function setZodLanguage(lang: MessageLang): void {
  z.config({ customError: zodMessage(lang) });
}
