/** A small least-recently-used cache on a Map (insertion order is recency order). */
export class Lru<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly max: number, private readonly onEvict: (v: V) => void = () => {}) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      const [oldKey, oldValue] = this.map.entries().next().value as [K, V];
      this.map.delete(oldKey);
      this.onEvict(oldValue);
    }
  }

  get size(): number { return this.map.size; }
}
