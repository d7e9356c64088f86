import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { EN_MESSAGES } from './messages.en.js';
import { setZodLanguage, zodMessage } from '../../../contracts/zod-messages.js';

/**
 * The platform speaks Vietnamese first and English when the asker says so (`Accept-Language: en…`
 * or `?lang=en`). Zod's own messages come from its `vi` locale; the messages written in the
 * contracts and services are Vietnamese, translated through the English catalogue
 * (messages.en.ts, keyed by the Vietnamese text).
 */
setZodLanguage('vi');

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export function requestLang(req: Pick<FastifyRequest, 'headers' | 'query'>): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'vi') return q;
  const h = req.headers['accept-language'];
  const first = (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/** A Vietnamese message in the asker's language: the catalogue's text, or the message itself. */
export function translate(message: string, lang: Lang): string {
  if (lang === 'vi') return message;
  const exact = EN_MESSAGES[message];
  if (exact) return exact;
  // templated messages: the catalogue keys them with {…} placeholders
  for (const [vi, en] of TEMPLATES) {
    const m = vi.exec(message);
    if (m) return en.replace(/\{(\d+)\}/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return message;
}

const TEMPLATES: [RegExp, string][] = Object.entries(EN_MESSAGES)
  .filter(([vi]) => vi.includes('{'))
  .map(([vi, en]) => {
    // the literal parts of the Vietnamese text, each value in between captured in order
    const literal = vi.split(/\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const re = new RegExp(`^${literal.join('(.+?)')}$`);
    let i = 0;
    const enNumbered = en.replace(/\{[^}]*\}/g, () => `{${++i}}`);
    return [re, enNumbered];
  });

const viDefault = zodMessage('vi');
const enDefault = zodMessage('en');

/** The message of a zod issue in the asker's language (zod's default texts and the catalogue's). */
export function issueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  if (lang === 'vi') return issue.message;
  const raw = issue as unknown as z.core.$ZodRawIssue;
  if (issue.message === viDefault(raw)) return enDefault(raw) || issue.message;
  return translate(issue.message, lang);
}
