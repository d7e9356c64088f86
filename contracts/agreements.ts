/** Agreements signed with vetted donors, followed up against the ledger. */
import { z } from 'zod';
import { endpoint, ExportFormat, Id, IsoDate, Page, pageQuery, uuid, VndSum } from './http.js';

export const Agreement = z.object({
  id: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  donorId: z.string(),
  donorName: z.string(),
  counterpartId: z.string(),
  counterpartName: z.string(),
  scope: z.string().nullable(),
  committedValue: z.number(),
  periodFrom: z.string(),
  periodTo: z.string(),
  signedOn: z.string(),
  documentFileId: z.string().nullable(),
  cancelled: z.boolean(),
  /** sums of the ledger's rows against the agreement (decimal strings, exact past 2^53) */
  pledgedValue: VndSum,
  deliveredValue: VndSum,
  acceptedValue: VndSum,
  behindSchedule: z.boolean(),
});
export type Agreement = z.infer<typeof Agreement>;

export const AgreementDetail = Agreement.extend({ can: z.object({ edit: z.boolean() }) });
export type AgreementDetail = z.infer<typeof AgreementDetail>;

/** The fields of the agreement form (multipart with the scanned document in "document", or JSON). */
export const AgreementInput = z.object({
  code: z.string().max(60).nullable().optional(),
  title: z.string().trim().min(3).max(300),
  donorId: uuid(),
  counterpartId: uuid(),
  scope: z.string().max(3000).nullable().optional(),
  committedValue: z.coerce.number().int('Số tiền là số nguyên (đồng)').min(0, 'Số tiền không âm').max(1e15),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  signedOn: IsoDate,
});
export type AgreementInput = z.infer<typeof AgreementInput>;

export const AgreementListQuery = z.object({
  donorId: uuid().optional(),
  behind: z.enum(['true', 'false']).optional(),
  format: ExportFormat,
  ...pageQuery(50, 200),
});

const tags = ['Kết nối nguồn lực'] as const;

export const agreementsApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/agreements', tags,
    summary: 'Văn bản ký kết và theo dõi thực hiện: cam kết, đã bàn giao, đã nghiệm thu, chậm tiến độ; xuất CSV/XLSX',
    query: AgreementListQuery, responses: { 200: Page(Agreement) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/agreements/:id', tags,
    summary: 'Một văn bản ký kết', params: Id, responses: { 200: AgreementDetail },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/agreements', tags,
    summary: 'Ghi văn bản ký kết với nhà tài trợ đã thẩm định (kèm bản quét, multipart trường "document")',
    form: AgreementInput, responses: { 201: Agreement },
  }),
};
