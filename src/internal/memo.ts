/**
 * A function that makes each value once per key and forgets everything once it holds `limit`
 * values. Keys come from attributes, locales and clocks: a page that keeps changing them must not
 * grow a cache forever, and starting over costs only the next few makes.
 */
export function memo<V>(limit: number): (key: string, make: () => V) => V {
  const made = new Map<string, V>();
  return (key, make) => {
    let value = made.get(key);
    if (value === undefined) {
      if (made.size >= limit) made.clear();
      made.set(key, (value = make()));
    }
    return value;
  };
}
