/** References typed one per line: trimmed, without empty lines. */
export const referenceLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
