/** The need form's values (text as typed), their checks and the request they make. */
import { z } from 'zod';
import type { NeedCategory, NeedDetail, NeedInput, Priority } from '../../../api/resources';
import type { TFunction } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { amountText, quantityText, trimmedText } from '../fields';
import { parseMoney, parseQuantity } from '../shared';

export interface NeedValues extends Record<string, unknown> {
  schoolId: string;
  schoolName: string;
  category: NeedCategory | '';
  title: string;
  description: string;
  quantity: string;
  unit: string;
  estimatedCost: string;
  priority: Priority;
}

export const EMPTY_NEED: NeedValues = { schoolId: '', schoolName: '', category: '', title: '', description: '', quantity: '', unit: '', estimatedCost: '', priority: 'normal' };

export function fromNeed(n: NeedDetail): NeedValues {
  return {
    schoolId: n.schoolId,
    schoolName: n.schoolName,
    category: n.category,
    title: n.title,
    description: n.description ?? '',
    quantity: formatNumber(n.quantity),
    unit: n.unit,
    estimatedCost: formatNumber(n.estimatedCost),
    priority: n.priority,
  };
}

export const needSchema = (t: TFunction) =>
  z.object({
    schoolId: z.string().min(1, t('form.required')),
    category: z.string().min(1, t('form.required')),
    title: trimmedText(3, t('need.form.titleShort')),
    quantity: quantityText(t('need.form.quantityInvalid')),
    unit: trimmedText(1, t('form.required')),
    estimatedCost: amountText(t('need.form.costInvalid')),
  });

/** The request body of checked values. */
export function needBody(v: NeedValues): NeedInput {
  return {
    schoolId: v.schoolId,
    category: v.category as NeedCategory,
    title: v.title.trim(),
    description: v.description.trim() || null,
    quantity: parseQuantity(v.quantity)!,
    unit: v.unit.trim(),
    estimatedCost: parseMoney(v.estimatedCost)!,
    priority: v.priority,
  };
}
