import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { translateToEnglish } from './translate.js';
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
  return lang === 'vi' ? message : translateToEnglish(message);
}

const viDefault = zodMessage('vi');
const enDefault = zodMessage('en');

/** The message of a zod issue in the asker's language (zod's default texts and the catalogue's). */
export function issueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  if (lang === 'vi') return issue.message;
  const raw = issue as unknown as z.core.$ZodRawIssue;
  if (issue.message === viDefault(raw)) return enDefault(raw) || issue.message;
  return translate(issue.message, lang);
}
