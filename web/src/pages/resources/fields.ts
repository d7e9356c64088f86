/**
 * Form fields typed as text and read as numbers or dates ("150.000.000", "2,5", "31/12/2024"):
 * zod checks for the resource forms, each with its message in the UI language.
 */
import { z } from 'zod';
import { parseVnDate } from '../../lib/format';
import { parseMoney, parseQuantity } from './shared';

const isAmount = (s: string) => {
  const v = parseMoney(s);
  return v !== undefined && !Number.isNaN(v) && v >= 0;
};
const isQuantity = (s: string) => {
  const q = parseQuantity(s);
  return q !== undefined && !Number.isNaN(q) && q > 0;
};

/** A sum in đồng, required. */
export const amountText = (message: string) => z.string().refine(isAmount, { message });
/** A positive quantity, required. */
export const quantityText = (message: string) => z.string().refine(isQuantity, { message });
/** A positive quantity, or empty. */
export const optionalQuantityText = (message: string) => z.string().refine((s) => !s.trim() || isQuantity(s), { message });
/** A date as dd/mm/yyyy, required. */
export const dateText = (message: string) => z.string().refine((s) => !!parseVnDate(s), { message });
/** A date as dd/mm/yyyy, or empty. */
export const optionalDateText = (message: string) => z.string().refine((s) => !s.trim() || !!parseVnDate(s), { message });
/** Text with at least `min` characters once trimmed. */
export const trimmedText = (min: number, message: string) => z.string().refine((s) => s.trim().length >= min, { message });
