/**
 * Bounded cache of derived stack keys, keyed by stack id. It stores promises,
 * so concurrent requests for one stack share a single derivation. When full it
 * evicts the least recently used entry. A miss only costs one HKDF derivation,
 * so any entry can be dropped at any time without changing results.
 */
export class StackKeyCache {
  private readonly entries = new Map<string, Promise<CryptoKey>>();

  constructor(
    private readonly maxEntries: number,
    private readonly derive: (stackId: string) => Promise<CryptoKey>,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxCachedKeys must be a positive integer, got ${maxEntries}.`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Returns the cached key of the stack, deriving and caching it on a miss. */
  get(stackId: string): Promise<CryptoKey> {
    const cached = this.entries.get(stackId);
    if (cached !== undefined) {
      // Re-insert to mark the entry as most recently used (Map keeps insertion order).
      this.entries.delete(stackId);
      this.entries.set(stackId, cached);
      return cached;
    }

    const derived = this.derive(stackId);
    this.entries.set(stackId, derived);
    // A failed derivation must not stay cached, so the next call tries again.
    derived.catch(() => {
      if (this.entries.get(stackId) === derived) {
        this.entries.delete(stackId);
      }
    });

    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    return derived;
  }
}
