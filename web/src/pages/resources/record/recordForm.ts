/** The values of the "record a contribution" form, their checks and the request they make. */
import type { UseFormReturnType } from '@mantine/form';
import { z } from 'zod';
import type { ContributionForm, NeedCategory, NeedDetail, PledgeInput } from '../../../api/resources';
import type { TFunction } from '../../../i18n';
import { formatNumber, parseVnDate } from '../../../lib/format';
import { amountText, optionalDateText, optionalQuantityText, trimmedText } from '../fields';
import { formatVnd, parseMoney, parseQuantity } from '../shared';

export interface RecordValues extends Record<string, unknown> {
  contributorId: string;
  agreementId: string;
  needId: string;
  schoolId: string;
  schoolName: string;
  schoolProvince: string;
  beneficiaryId: string;
  form: ContributionForm;
  category: NeedCategory | '';
  description: string;
  valueVnd: string;
  quantity: string;
  unit: string;
  /** a gift given before today (plan-29 gifts of past years): dd/mm/yyyy, the Ministry and Departments only */
  pledgedOn: string;
  anonymous: boolean;
}

export type RecordForm = UseFormReturnType<RecordValues>;

export function recordSchema(t: TFunction, need: NeedDetail | undefined) {
  return z
    .object({
      contributorId: z.string().min(1, t('record.contributorRequired')),
      description: trimmedText(3, t('pledge.descriptionRequired')),
      valueVnd: amountText(t('pledge.valueInvalid')),
      quantity: optionalQuantityText(t('pledge.quantityInvalid')),
      pledgedOn: optionalDateText(t('record.givenOnInvalid')),
      needId: z.string(),
      schoolId: z.string(),
      category: z.string(),
      unit: z.string(),
    })
    .superRefine((v, ctx) => {
      const withNeed = !!v.needId && !!need;
      if (!v.needId && !v.schoolId) ctx.addIssue({ code: 'custom', path: ['schoolId'], message: t('record.schoolRequired') });
      if (!withNeed && !v.category) ctx.addIssue({ code: 'custom', path: ['category'], message: t('form.required') });
      const q = parseQuantity(v.quantity);
      // the server's rule: without a quantity, the amount is set against the value still open
      const value = parseMoney(v.valueVnd);
      if (withNeed && q === undefined && value !== undefined && value > need.remainingValue)
        ctx.addIssue({ code: 'custom', path: ['valueVnd'], message: t('pledge.valueTooMuch', { value: formatVnd(need.remainingValue) }) });
      if (q === undefined || Number.isNaN(q)) return;
      if (withNeed && q > need.remainingQuantity)
        ctx.addIssue({ code: 'custom', path: ['quantity'], message: t('pledge.quantityTooMuch', { n: formatNumber(need.remainingQuantity), unit: need.unit }) });
      if (!withNeed && !v.unit.trim()) ctx.addIssue({ code: 'custom', path: ['unit'], message: t('record.unitRequired') });
    });
}

/** The request body of checked values. */
export function recordBody(v: RecordValues, need: NeedDetail | undefined): PledgeInput {
  const q = parseQuantity(v.quantity);
  const withNeed = !!v.needId && !!need;
  return {
    contributorId: v.contributorId,
    needId: withNeed ? need.id : null,
    schoolId: withNeed ? null : v.schoolId,
    beneficiaryId: v.beneficiaryId || null,
    agreementId: v.agreementId || null,
    form: v.form,
    category: v.category || (withNeed ? need.category : null),
    description: v.description.trim(),
    valueVnd: parseMoney(v.valueVnd)!,
    quantity: q ?? null,
    unit: q !== undefined && !withNeed ? v.unit.trim() : null,
    anonymous: v.anonymous,
    pledgedOn: v.pledgedOn.trim() ? parseVnDate(v.pledgedOn) : null,
  };
}
