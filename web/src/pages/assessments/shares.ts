/** The figures behind the public results map (kept apart from the map so the page does not load MapLibre eagerly). */
import type { PublicCampaign } from '../../../../contracts/assessments';

/** Five classes of the share at the top level (0–20 %, …, 80–100 %), light to dark. */
export const SHARE_COLOURS = ['#c7e9c0', '#a1d99b', '#74c476', '#31a354', '#006d2c'] as const;

/** The class (0–4) of a share between 0 and 1; 100 % falls in the top class. */
export const shareClass = (share: number) => Math.max(0, Math.min(SHARE_COLOURS.length - 1, Math.floor(share * SHARE_COLOURS.length)));

/** A whole percentage (0 when there is nothing to divide). */
export const percent = (n: number, total: number) => (total ? Math.round((n * 100) / total) : 0);

/** Each province with results and its share at the campaign's top level (the last of its results). */
export function provinceShares(c: Pick<PublicCampaign, 'results' | 'byProvince'>) {
  const top = c.results[c.results.length - 1]?.code ?? '';
  return c.byProvince.map((p) => ({ ...p, top: p.total ? (p.counts[top] ?? 0) / p.total : 0 }));
}
