import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { readAhead } from '../../platform/paging.js';
import { SharedJson, sendSharedJson } from '../../platform/public-cache.js';
import type { Column } from '../../platform/tabular.js';
import { portalApi as api, type PublicContribution } from '../../../../contracts/portal.js';
import { NEED_CATEGORY_LABELS, NEED_STATUS_LABELS } from '../needs/domain.js';
import { FORM_LABELS } from '../ledger/domain.js';
import { CONTRIBUTION_SCHEMA } from './domain.js';
import * as service from './service.js';

const COLUMNS: Column<PublicContribution>[] = [
  { header: 'id', value: (c) => c.id }, { header: 'pledgedOn', value: (c) => c.pledgedOn }, { header: 'year', value: (c) => c.year },
  { header: 'contributor', value: (c) => c.contributor }, { header: 'contributorType', value: (c) => c.contributorType }, { header: 'schoolCode', value: (c) => c.schoolCode },
  { header: 'schoolName', value: (c) => c.schoolName }, { header: 'provinceCode', value: (c) => c.provinceCode }, { header: 'provinceName', value: (c) => c.provinceName },
  { header: 'recipient', value: (c) => c.recipient }, { header: 'category', value: (c) => c.category }, { header: 'form', value: (c) => c.form },
  { header: 'description', value: (c) => c.description }, { header: 'valueVnd', value: (c) => c.valueVnd }, { header: 'quantity', value: (c) => c.quantity },
  { header: 'unit', value: (c) => c.unit }, { header: 'status', value: (c) => c.status }, { header: 'needId', value: (c) => c.needId }, { header: 'evidence', value: (c) => c.evidence.join(' ') },
];

/** The open data as one JSON document written batch by batch: the rows, then their count and total. */
async function* jsonDocument(rows: AsyncIterable<PublicContribution[]>): AsyncGenerator<string> {
  yield '{"items":[';
  let count = 0;
  let total = 0n; // exact past 2^53
  for await (const batch of readAhead(rows)) {
    let chunk = '';
    for (const c of batch) {
      chunk += (count ? ',' : '') + JSON.stringify(c);
      count++;
      total += BigInt(c.valueVnd);
    }
    yield chunk;
  }
  yield `],"count":${count},"totalVnd":"${total}"}`;
}

export async function portalRoutes(app: App): Promise<void> {
  const r = router(app);

  // public aggregates: a short max-age, then revalidated by their ETag (a 304 carries no body)
  // (each computed once for all who ask within a few seconds, platform/public-cache.ts, and kept as
  // the JSON text the contract lets out and its compressed forms, so a crowd costs neither the sums,
  // nor their serialisation, nor their compression)
  r(api.stats, async (req, reply) => {
    const { answer, etag } = await app.publicCache.get(`stats ${JSON.stringify(req.query)}`, async () => {
      const json = JSON.stringify(api.stats.responses[200].parse(await service.stats(app.db, req.query)));
      return { answer: new SharedJson(json), etag: `"${crypto.createHash('sha1').update(json).digest('base64url').slice(0, 22)}"` };
    });
    reply.header('Cache-Control', 'public, max-age=30').header('ETag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return sendSharedJson(req, reply, answer);
  });
  r(api.contributions, async (req, reply) => {
    const { format, limit, ...f } = req.query;
    const rows = service.publicContributions(app.db, f, limit ?? Infinity);
    if (format !== 'json') return sendTable(reply, format, 'dong-gop', 'Đóng góp', COLUMNS, rows);
    reply.header('Cache-Control', 'public, max-age=60').type('application/json; charset=utf-8');
    return reply.send(Readable.from(jsonDocument(rows)));
  });
  r(api.schema, async () => CONTRIBUTION_SCHEMA);
  // a school's and a donor's public page: the same for every visitor who is not signed in (a signed-in
  // account may see more of its own)
  r(api.school, async (req, reply) => {
    if (req.actor.userId !== null) return service.publicSchool(app.db, req.actor, req.params.id);
    const answer = await app.publicCache.get(`school ${req.params.id}`, async () =>
      new SharedJson(JSON.stringify(api.school.responses[200].parse(await service.publicSchool(app.db, req.actor, req.params.id)))));
    return sendSharedJson(req, reply, answer);
  });
  r(api.donor, async (req, reply) => {
    const answer = await app.publicCache.get(`donor ${req.params.id}`, async () =>
      new SharedJson(JSON.stringify(api.donor.responses[200].parse(await service.publicDonor(app.db, req.params.id)))));
    return sendSharedJson(req, reply, answer);
  });
  r(api.vocabulary, async () => ({ categories: NEED_CATEGORY_LABELS, forms: FORM_LABELS, needStatuses: NEED_STATUS_LABELS }));
  r(api.dashboard, async (req) => service.dashboard(app.db, req.actor, app.clock, req.query.provinceCode));
}
