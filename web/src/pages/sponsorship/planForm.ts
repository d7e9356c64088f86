/** The plan form's values (text as typed), their checks and the request they make. */
import { z } from 'zod';
import { SPONSORSHIP_FORMS, type SponsorshipForm, type SponsorshipPlanDetail, type SponsorshipPlanInput } from '../../../../contracts/sponsorship';
import { formatNumber } from '../../lib/format';
import { parseMoney } from '../resources/shared';

export interface ItemValues extends Record<string, unknown> { key: string; description: string; form: SponsorshipForm; value: string }

/** A key for a line of the form (React keeps each line's inputs with it when one above is removed). */
export const lineKey = () => Math.random().toString(36).slice(2);
export interface PlanValues extends Record<string, unknown> {
  schoolId: string;
  title: string;
  purpose: string;
  beneficiaries: string;
  period: string;
  items: ItemValues[];
  needIds: string[];
}

export const newItem = (): ItemValues => ({ key: lineKey(), description: '', form: 'money', value: '' });
export const emptyPlan = (schoolId: string): PlanValues => ({ schoolId, title: '', purpose: '', beneficiaries: '', period: '', items: [newItem()], needIds: [] });

export function fromPlan(p: SponsorshipPlanDetail): PlanValues {
  return {
    schoolId: p.schoolId, title: p.title, purpose: p.purpose, beneficiaries: p.beneficiaries ?? '', period: p.period,
    items: p.items.map((i) => ({ key: lineKey(), description: i.description, form: i.form, value: formatNumber(i.estimatedValue) })), needIds: p.needs.map((n) => n.id),
  };
}

const money = (s: string) => { const n = parseMoney(s); return n !== undefined && !Number.isNaN(n) && n >= 0 && n <= 1e15; };

/** The form's checks, with the contract's messages (the server checks the same and more). */
export const planSchema = (valueMessage: string) =>
  z.object({
    title: z.string().trim().min(3, 'Tên kế hoạch quá ngắn').max(300),
    purpose: z.string().trim().min(3, 'Cần nêu mục đích').max(3000),
    period: z.string().trim().min(4, 'Cần nêu năm học hoặc thời gian').max(60),
    items: z.array(z.object({
      key: z.string(),
      description: z.string().trim().min(3, 'Nội dung quá ngắn').max(300),
      form: z.enum(SPONSORSHIP_FORMS),
      value: z.string().refine(money, valueMessage),
    })).min(1, 'Cần ít nhất một nội dung vận động'),
  });

export const planBody = (v: PlanValues): SponsorshipPlanInput => ({
  schoolId: v.schoolId, title: v.title.trim(), purpose: v.purpose.trim(), beneficiaries: v.beneficiaries.trim() || null, period: v.period.trim(),
  items: v.items.map((i) => ({ description: i.description.trim(), form: i.form, estimatedValue: parseMoney(i.value) ?? 0 })), needIds: v.needIds,
});

/** The items' total while typing, exact (BigInt). */
export const itemsTotal = (items: ItemValues[]) => items.reduce((s, i) => { const n = parseMoney(i.value); return n !== undefined && !Number.isNaN(n) ? s + BigInt(n) : s; }, 0n);
