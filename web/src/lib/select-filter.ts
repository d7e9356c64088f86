import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { fold } from './format';

/**
 * Option filtering for every Select and Autocomplete: diacritics and case ignored, as the
 * server's search does ("dien bien" finds "Điện Biên", "dak lak" finds "Đắk Lắk").
 */
export const foldFilter: OptionsFilter = ({ options, search, limit }) => {
  const q = fold(search);
  const out: ComboboxParsedItem[] = [];
  for (const item of options) {
    if (out.length >= limit) break;
    if ('group' in item) {
      const items = item.items.filter((i: ComboboxItem) => fold(i.label).includes(q));
      if (items.length) out.push({ group: item.group, items });
    } else if (fold(item.label).includes(q)) out.push(item);
  }
  return out;
};
