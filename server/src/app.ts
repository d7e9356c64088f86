import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './platform/data-files.js';
import Fastify, { type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { createPageRenderer, SERVER_PAGES } from './platform/pages.js';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from './platform/db.js';
import type { Config } from './platform/config.js';
import { BROTLI_OPTIONS, type App } from './platform/http.js';
import './platform/i18n.js';
import { checkHostile } from './platform/hostile.js';
import { registerErrorHandler, forbidden, frameworkError, validatorCompiler, TooManyRequests } from './platform/errors.js';
import { actorFromToken, sessionToken } from './platform/auth.js';
import type { PUBLIC } from './platform/actor.js';
import { systemClock, type Clock } from './platform/clock.js';
import { fileRoutes } from './platform/files-routes.js';
import { areaRoutes } from './modules/areas/routes.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { organisationRoutes } from './modules/organisations/routes.js';
import { schoolRoutes } from './modules/schools/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { planRoutes } from './modules/plans/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { needRoutes } from './modules/needs/routes.js';
import { surveyRoutes } from './modules/surveys/routes.js';
import { ledgerRoutes } from './modules/ledger/routes.js';
import { donorRoutes } from './modules/donors/routes.js';
import { agreementRoutes } from './modules/agreements/routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import { plan29Routes } from './modules/plan29/routes.js';
import { twinningRoutes } from './modules/twinning/routes.js';
import { homeRoutes } from './modules/home/routes.js';
import { sponsorshipRoutes } from './modules/sponsorship/routes.js';
import { assessmentRoutes } from './modules/assessments/routes.js';
import { providerRoutes } from './modules/providers/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { activityRoutes } from './modules/activities/routes.js';
import { startupRoutes } from './modules/startups/routes.js';
import { recognitionRoutes } from './modules/recognition/routes.js';
import { budgetRoutes } from './modules/budgets/routes.js';
import { boardRoutes } from './modules/board/routes.js';
import { createMailer, type Mailer } from './platform/mail.js';
import { PublicCache } from './platform/public-cache.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes that change nothing a public answer shows, so they leave the shared public answers as
 * they are: signing in and out, passwords, one's own notifications and their settings. Every other
 * write empties them (a new kind of write is safe by default).
 */
const KEEPS_PUBLIC_ANSWERS = /^\/api\/v1\/(auth\/(sign-in|sign-out|password|password-reset(\/confirm)?)|notifications\/([^/]+\/read|settings))(\?|$)/;
const keepsPublicAnswers = (url: string) => KEEPS_PUBLIC_ANSWERS.test(url);

/** The routes whose requests per address are limited (sign-in, registration, passwords). */
const AUTH_ROUTES = new Set([
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  'POST /api/v1/donors/register',
]);

/** Whether an Origin header names this site: PUBLIC_URL's origin, or the host the request reached. */
function sameSite(origin: string, host: string, publicOrigin: string | null): boolean {
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    const o = new URL(origin);
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    // read the host with the origin's scheme so default ports compare equal
    return o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

const WEB_DIST = path.join(PROJECT_ROOT, 'web/dist');
const WEB_SSR = path.join(PROJECT_ROOT, 'web/dist-ssr');

export interface BuildOptions {
  db: Db;
  config: Config;
  logger?: boolean | object;
  /** Called for every route as it is registered (the policy-matrix test lists routes with it). */
  onRoute?: (route: RouteOptions) => void;
  /** The time source; tests pass a fixed clock to move "today". */
  clock?: Clock;
  mailer?: Mailer;
}

/**
 * The server's log: requests by method and path (no query string, no body, no cookie), and for an
 * unexpected error its type, code and statement name only (platform/errors.ts), so that no
 * personal data typed into a form or sent to the database reaches the log.
 */
export function loggerOptions(config: Config) {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
    },
  };
}

export async function buildApp({ db, config, logger = false, onRoute, clock = systemClock, mailer }: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger === true ? loggerOptions(config) : logger,
    // proxy headers (X-Forwarded-For, -Host, -Proto) only from the proxies TRUST_PROXY names
    trustProxy: config.trustProxy,
    // JSON bodies: 256 KB unless a route declares more (platform/route.ts); forms are bounded per route
    bodyLimit: 256 * 1024,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route as unknown as RouteOptions));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.decorate('mailer', mailer ?? createMailer(config.smtpUrl, config.mailFrom));
  app.decorate('publicCache', new PublicCache(config.publicCacheSeconds * 1000));
  app.decorateRequest('actor', null as unknown as typeof PUBLIC);
  let spaFallback = false;
  // the single-page app answers GETs of its own paths; API paths and missing assets get a real 404
  registerErrorHandler(app, (req) => spaFallback && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/'));

  await app.register(cookie);
  const https = (config.publicUrl ?? '').startsWith('https://');
  // Headers of every answer: no inline script, no framing, no sniffing, no referrer to other sites.
  // Mantine writes styles at run time (style-src 'unsafe-inline'); MapLibre draws in a worker
  // (worker-src blob:) and turns tiles into blob: and data: images; the map's shapes come from
  // this server only.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  // API answers carry personal data: never stored by a browser or proxy, unless a route says it
  // is public and cacheable (public totals, reference shapes, public files)
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    // a write answered: the public answers shared for a few seconds are computed again (not after
    // the writes that change nothing the public sees: sessions, passwords, notification settings)
    if (!SAFE_METHODS.has(req.method) && reply.statusCode < 400 && !keepsPublicAnswers(req.url)) app.publicCache.clear();
    return payload;
  });
  // requests per minute per address to the sign-in, registration and password routes (in this
  // process; the failure counts that back off guessing are in the database, shared by servers)
  await app.register(rateLimit, { global: false });
  const authLimit = app.createRateLimit({ max: config.authRatePerMinute, timeWindow: 60_000 });
  // gzip/brotli JSON and CSV for schools on weak connections (files and static assets are already compressed)
  await app.register(compress, { threshold: 2048, encodings: ['br', 'gzip'], brotliOptions: BROTLI_OPTIONS });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'KếtNối API', version: '1.0.0', description: 'API của nền tảng KếtNối: đơn vị hành chính, tổ chức, trường học, tài khoản, nhật ký. Lỗi trả về dạng application/problem+json với thông báo tiếng Việt.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kn_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : null;
  app.addHook('onRequest', async (req) => {
    // Writes must come from this site: browsers send Origin with every POST/PUT/PATCH/DELETE,
    // so a write without one, or from another site, is refused. The host compared is the one the
    // request reached (X-Forwarded-Host only from a trusted proxy) or PUBLIC_URL.
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      const origin = req.headers.origin;
      if (!origin || !sameSite(origin, req.host, publicOrigin)) throw forbidden('Yêu cầu từ trang khác bị từ chối');
    }
    if (AUTH_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) {
      const r = await authLimit(req);
      if (!r.isAllowed && r.isExceeded) throw new TooManyRequests(Math.max(1, r.ttlInSeconds), `Quá nhiều yêu cầu. Vui lòng thử lại sau ${Math.max(1, r.ttlInSeconds)} giây.`);
    }
    // Who is asking: one query per request joins session, account and organisation.
    req.actor = await actorFromToken(db, sessionToken(req), config.sessionIdleHours);
  });

  // a NUL character or absurd nesting never reaches a schema or the database (a 400, not a 500)
  app.addHook('preValidation', async (req) => {
    checkHostile(req.query);
    checkHostile(req.params);
    checkHostile(req.body);
  });

  app.get('/api/health', {
    schema: { tags: ['Hệ thống'], summary: 'Tình trạng dịch vụ và loại cơ sở dữ liệu', response: { 200: z.object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']), time: z.string() }) } },
  }, async () => {
    const r = await db.one<{ now: Date }>('SELECT now() AS now');
    return { status: 'ok' as const, engine: db.engine, time: new Date(r.now).toISOString() };
  });

  await app.register(fileRoutes);
  await app.register(areaRoutes);
  await app.register(accountRoutes);
  await app.register(organisationRoutes);
  await app.register(schoolRoutes);
  await app.register(auditRoutes);
  await app.register(planRoutes);
  await app.register(notificationRoutes);
  await app.register(homeRoutes);
  await app.register(surveyRoutes);
  await app.register(needRoutes);
  await app.register(sponsorshipRoutes);
  await app.register(assessmentRoutes);
  await app.register(providerRoutes);
  await app.register(caseRoutes);
  await app.register(activityRoutes);
  await app.register(startupRoutes);
  await app.register(recognitionRoutes);
  await app.register(budgetRoutes);
  await app.register(boardRoutes);
  await app.register(ledgerRoutes);
  await app.register(donorRoutes);
  await app.register(agreementRoutes);
  await app.register(plan29Routes);
  await app.register(portalRoutes);
  await app.register(twinningRoutes);

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      preCompressed: true,
      // hashed assets never change; the page itself is always revalidated
      setHeaders: (res, file) => {
        res.header('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    spaFallback = true;
    // the public's first visit to a public page comes drawn (platform/pages.ts)
    const pages = await createPageRenderer(app, WEB_DIST, WEB_SSR);
    if (pages) {
      for (const url of SERVER_PAGES) {
        app.get(url, { schema: { hide: true } }, async (req, reply) => {
          if (await pages.serve(req, reply)) return reply;
          return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
        });
      }
    }
  }
  return app as unknown as App;
}
