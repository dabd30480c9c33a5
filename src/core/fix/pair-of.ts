import { isScalar } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';

/** The pair of `map` whose key is `key` (workflows never use aliases as keys). */
export function pairOf(map: YAMLMap, key: string): Pair | null {
  for (const item of map.items) {
    if (isScalar(item.key) && item.key.value === key) return item as Pair;
  }
  return null;
}
