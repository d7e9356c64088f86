/**
 * The school form's values and schema. The form holds numbers as typed (Vietnamese style:
 * "1.200", "22,0345"); its schema checks that text and then hands the parsed values to the
 * contract's SchoolInput, so every rule and message is the server's own.
 */
import { z } from 'zod';
import type { Ownership, SchoolLevel } from '../../../../contracts/common';
import { SchoolInput, type School } from '../../../../contracts/schools';
import { formatNumber, parseViDecimal, parseViInteger } from '../../lib/format';

export interface SchoolFormValues extends Record<string, unknown> {
  code: string;
  name: string;
  levels: SchoolLevel[];
  ownership: Ownership;
  address: string;
  provinceCode: string;
  communeCode: string;
  lat: string;
  lng: string;
  pupils: string;
  staff: string;
  clusterId: string;
}

export const EMPTY_SCHOOL: SchoolFormValues = {
  code: '',
  name: '',
  levels: [],
  ownership: 'public',
  address: '',
  provinceCode: '',
  communeCode: '',
  lat: '',
  lng: '',
  pupils: '',
  staff: '',
  clusterId: '',
};

export function fromSchool(s: School): SchoolFormValues {
  const num = (n: number | null) => (n == null ? '' : Number.isInteger(n) ? formatNumber(n) : String(n));
  return {
    code: s.code,
    name: s.name,
    levels: [...s.levels],
    ownership: s.ownership,
    address: s.address ?? '',
    provinceCode: s.provinceCode,
    communeCode: s.communeCode,
    lat: s.lat == null ? '' : String(s.lat),
    lng: s.lng == null ? '' : String(s.lng),
    pupils: num(s.pupils),
    staff: num(s.staff),
    clusterId: s.clusterId ?? '',
  };
}

const decimalText = z.string().refine((v) => !Number.isNaN(parseViDecimal(v)), 'Phải là một số, ví dụ 22,0345');
const integerText = z.string().refine((v) => !Number.isNaN(parseViInteger(v)), 'Phải là số nguyên, ví dụ 1.200');

/** What the contract receives from the form's values. */
export function toSchoolInput(v: SchoolFormValues): z.input<typeof SchoolInput> {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    levels: v.levels,
    ownership: v.ownership,
    address: v.address.trim() || null,
    communeCode: v.communeCode,
    lat: parseViDecimal(v.lat) ?? null,
    lng: parseViDecimal(v.lng) ?? null,
    pupils: parseViInteger(v.pupils) ?? null,
    staff: parseViInteger(v.staff) ?? null,
    clusterId: v.clusterId || null,
  };
}

export const SchoolFormSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    levels: z.array(z.string()),
    ownership: z.string(),
    address: z.string(),
    provinceCode: z.string(),
    communeCode: z.string(),
    lat: decimalText,
    lng: decimalText,
    pupils: integerText,
    staff: integerText,
    clusterId: z.string(),
  })
  .transform((v) => toSchoolInput(v as SchoolFormValues))
  .pipe(SchoolInput);
