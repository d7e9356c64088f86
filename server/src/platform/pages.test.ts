import { describe, expect, it } from 'vitest';
import { pageTemplate, scriptJson } from './pages';

const SHELL = `<!doctype html>
<html lang="vi">
  <head>
    <title>KếtNối</title>
    <script src="/zod-config.js"></script>
    <script src="/early-data.js"></script>
    <script type="module" crossorigin src="/assets/index-A.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-B.js">
    <link rel="stylesheet" crossorigin href="/assets/index-C.css">
  </head>
  <body>
    <noscript>KếtNối cần JavaScript để hoạt động.</noscript>
    <div id="root"></div>
  </body>
</html>`;

describe('the shell of a page drawn on the server', () => {
  const css = { '/assets/index-C.css': 'body{color:red}</style><script>alert(1)</script>' } as Record<string, string>;
  const t = pageTemplate(SHELL, (href) => css[href] ?? null);

  it('writes the stylesheet in, and cannot be closed by what the stylesheet holds', () => {
    expect(t).not.toContain('index-C.css');
    expect(t).toContain('<style>body{color:red}<\\/style><script>alert(1)</script></style>');
    expect(t.match(/<\/style>/g)).toHaveLength(1);
  });

  it('moves every script and preload after the content, in their order, and drops the notice', () => {
    const root = t.indexOf('<div id="root">{{root}}</div>');
    expect(root).toBeGreaterThan(t.indexOf('</head>'));
    for (const tag of ['/zod-config.js', '/early-data.js', '/assets/index-A.js', '/assets/react-B.js']) expect(t.indexOf(tag)).toBeGreaterThan(root);
    expect(t.indexOf('/zod-config.js')).toBeLessThan(t.indexOf('/early-data.js'));
    expect(t.indexOf('/early-data.js')).toBeLessThan(t.indexOf('/assets/index-A.js'));
    // after the page's answers, which tell the script the page needs nothing asked
    expect(t.indexOf('{{state}}')).toBeLessThan(t.indexOf('/zod-config.js'));
    expect(t).not.toContain('noscript');
  });

  it('keeps a stylesheet it cannot read as a link', () => {
    expect(pageTemplate(SHELL, () => null)).toContain('<link rel="stylesheet" crossorigin href="/assets/index-C.css">');
  });
});

describe('the answers carried in the page', () => {
  it('cannot close their element or start markup, and read back the same', () => {
    const value = { title: '</script><script>alert(1)</script> & <!-- \u2028\u2029', n: 1 };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
