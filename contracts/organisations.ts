import { z } from 'zod';
import { ORGANISATION_KINDS } from './common.js';

export const Organisation = z.object({
  id: z.string().uuid(),
  kind: z.enum(ORGANISATION_KINDS),
  code: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  parentId: z.string().uuid().nullable(),
  provinceCode: z.string().nullable(),
  communeCode: z.string().nullable(),
});
export type Organisation = z.infer<typeof Organisation>;
