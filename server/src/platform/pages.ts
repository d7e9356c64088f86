/**
 * Public pages drawn on the server for a first visit on a weak line. The web app's server build
 * (web/dist-ssr/ssr.js, from web/src/ssr.tsx) renders the page with the answers of the API calls it
 * makes, asked here through the app itself as the public; the browser shows it as soon as the HTML
 * arrives and takes it over once its scripts are in (main.tsx hydrates).
 *
 * Only for the public, only for the public pages listed, and only for a navigation: a request with
 * a session cookie, a page of an account, or the service worker's fetch of the app shell gets the
 * plain shell as before. Styles are written into the page and its scripts moved to the end, so the
 * text shows before a byte of script has arrived; if rendering fails or takes too long, the plain
 * shell is answered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionToken } from './auth.js';

type RenderPage = (url: string, get: (url: string) => Promise<Response>) => Promise<{ html: string; state: unknown }>;

/** The public pages drawn on the server (patterns of web/src/App.tsx). */
export const SERVER_PAGES = ['/', '/cong-khai', '/cong-khai/truong/:id', '/cong-khai/nha-tai-tro/:id', '/nhu-cau', '/nhu-cau/:id'];

const RENDER_BUDGET_MS = 1500;

/** JSON inside <script type="application/json">: nothing in it can close the element or start markup. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The shell made ready for a rendered page: the stylesheet written inline, the scripts (and their
 * preloads) after the content, no "needs JavaScript" notice. `{{root}}` and `{{state}}` mark where
 * a page goes.
 */
export function pageTemplate(shell: string, readAsset: (href: string) => string | null): string {
  let html = shell;
  html = html.replace(/<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g, (tag, href: string) => {
    const css = readAsset(href);
    return css === null ? tag : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
  });
  const late: string[] = [];
  // the plain scripts after the page (early-data.js then sees the page's answers and asks nothing)
  html = html.replace(/\s*<script src="\/(zod-config|early-data)\.js"><\/script>/g, (tag) => {
    late.push(tag.trim());
    return '';
  });
  html = html.replace(/\s*<(script type="module"[^>]*><\/script|link rel="modulepreload"[^>]*)>/g, (tag) => {
    late.push(tag.trim());
    return '';
  });
  html = html.replace(/\s*<noscript>[\s\S]*?<\/noscript>/, '');
  return html.replace(
    '<div id="root"></div>',
    `<div id="root">{{root}}</div>\n    <script type="application/json" id="kn-ssr">{{state}}</script>\n    ${late.join('\n    ')}`,
  );
}

function splitTemplate(t: string): [string, string, string] {
  const [head, rest] = t.split('{{root}}');
  const [middle, tail] = (rest ?? '').split('{{state}}');
  if (rest === undefined || tail === undefined) throw new Error('the shell has no root element');
  return [head, middle, tail];
}

export interface PageRenderer {
  /** Answers the page drawn on the server, or returns false (the caller sends the plain shell). */
  serve(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
}

function wantsServerPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' || sessionToken(req)) return false;
  // the service worker's fetch of the shell (and any script's) is not a navigation
  const mode = req.headers['sec-fetch-mode'];
  return mode === undefined || mode === 'navigate';
}

export async function createPageRenderer(app: FastifyInstance, webDist: string, ssrDir: string): Promise<PageRenderer | null> {
  const entry = path.join(ssrDir, 'ssr.js');
  if (!fs.existsSync(entry) || !fs.existsSync(path.join(webDist, 'index.html'))) return null;
  const mod = (await import(pathToFileURL(entry).href)) as { renderPage: RenderPage };
  const [head, middle, tail] = splitTemplate(pageTemplate(fs.readFileSync(path.join(webDist, 'index.html'), 'utf8'), (href) => {
    const file = path.join(webDist, href.replace(/^\/+/, ''));
    return file.startsWith(webDist) && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  }));
  // the page's calls, answered by this server as the public (no cookie) in Vietnamese
  const get = async (url: string) => {
    if (!url.startsWith('/api/')) throw new Error('only the API');
    const res = await app.inject({ method: 'GET', url, headers: { accept: 'application/json', 'accept-language': 'vi' } });
    return new Response(res.statusCode === 204 ? null : res.payload, {
      status: res.statusCode,
      headers: { 'content-type': String(res.headers['content-type'] ?? 'application/octet-stream') },
    });
  };
  // one page at a time: the render is CPU work on this thread, and the web code's module state
  // (the page's address, the language) belongs to the page being drawn
  let queue: Promise<unknown> = Promise.resolve();
  const render = (url: string) => {
    const run = queue.then(() => mod.renderPage(url, get));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    async serve(req, reply) {
      if (!wantsServerPage(req)) return false;
      let timer: NodeJS.Timeout | undefined;
      try {
        const page = await Promise.race([
          render(req.url),
          new Promise<null>((resolve) => {
            timer = setTimeout(() => resolve(null), RENDER_BUDGET_MS);
          }),
        ]);
        if (!page) return false;
        // joined, not replaced: a page's text may contain anything, markers included
        const html = head + page.html + middle + scriptJson(page.state) + tail;
        await reply.header('Cache-Control', 'no-cache').header('Vary', 'Cookie').type('text/html; charset=utf-8').send(html);
        return true;
      } catch (err) {
        req.log.warn({ failure: err instanceof Error ? err.message.slice(0, 200) : 'render' }, 'server page not drawn');
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Draws the main public pages once, so their code is loaded and their queries warm before the
 * first visitor (whose page would otherwise miss the budget and come as the plain shell).
 */
export async function warmServerPages(app: FastifyInstance): Promise<void> {
  for (const url of ['/', '/cong-khai', '/nhu-cau']) {
    await app.inject({ method: 'GET', url, headers: { 'sec-fetch-mode': 'navigate' } }).catch(() => undefined);
  }
}
