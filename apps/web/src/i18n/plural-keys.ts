// i18next finds a word for a count under `key_one` and `key_other`: words kept as { one, other }
// (the shared package's) become such keys.
type PluralKeys<K extends string> = Record<`${K}_one` | `${K}_other`, string>;

export function pluralKeys<K extends string>(words: Record<K, { one: string; other: string }>): PluralKeys<K> {
  const keys: Record<string, string> = {};
  for (const [key, { one, other }] of Object.entries(words) as [K, { one: string; other: string }][]) {
    keys[`${key}_one`] = one;
    keys[`${key}_other`] = other;
  }
  return keys as PluralKeys<K>;
}
