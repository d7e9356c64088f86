import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { vi, type MessageKey, type Messages } from './vi';
import { setZodLanguage } from '../../../contracts/zod-messages';
import { setApiLanguage } from '../api/client';
import { setFormatLanguage } from '../lib/format';

export type Lang = 'vi' | 'en';
export type { MessageKey };
export type TParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: TParams) => string;

// Vietnamese is in the first download; English arrives on demand (a phone on a weak line does not
// fetch a catalogue it does not read).
const catalogues: Partial<Record<Lang, Messages>> = { vi };
const STORAGE_KEY = 'kn.lang';

/** Fetch a language's catalogue if it is not here yet (resolves at once for Vietnamese). */
export function loadCatalogue(lang: Lang): Promise<void> {
  if (catalogues[lang]) return Promise.resolve();
  return import('./en').then((m) => {
    catalogues.en = m.en;
  });
}

/** The catalogue of the language the reader chose last time, loaded before the first render. */
export function loadInitialCatalogue(): Promise<void> {
  return loadCatalogue(initialLang());
}

export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    /* storage blocked: fall back to Vietnamese */
  }
  return 'vi';
}

export function translate(lang: Lang, key: MessageKey, params?: TParams): string {
  const text = catalogues[lang]?.[key] ?? vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [loaded, setLoaded] = useState(0);

  // the server answers errors, and zod words form messages, in the same language as the page
  setApiLanguage(lang);
  setZodLanguage(lang);
  setFormatLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    // normally loaded before the first render (main.tsx); otherwise render again once it is here
    if (!catalogues[lang]) void loadCatalogue(lang).then(() => setLoaded((n) => n + 1));
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    void loadCatalogue(next).then(() => setLangState(next));
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
  }, []);

  // `loaded` changes when a catalogue arrives after the first render, so readers of `t` render again
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded is the signal, not an input
  const t = useCallback<TFunction>((key, params) => translate(lang, key, params), [lang, loaded]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): TFunction {
  return useI18n().t;
}
