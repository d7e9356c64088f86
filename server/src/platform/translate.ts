import { EN_MESSAGES } from './messages.en.js';

/**
 * A Vietnamese message in English through the catalogue (messages.en.ts): its exact text, or a
 * templated one whose `{…}` values are carried over in order. No side effects, so that the web
 * translates the shared checks' messages (contracts) exactly as the server answers them.
 */
export function translateToEnglish(message: string): string {
  const exact = EN_MESSAGES[message];
  if (exact) return exact;
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
