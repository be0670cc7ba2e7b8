package dev.funnelsql.functions.grouping;

import java.util.Arrays;

/**
 * Dense {@code int} ids for 64-bit keys (user ids), given in first-seen order, by open addressing over one array
 * of (key, id) pairs, so that a lookup touches one cache line: no boxing and no object per key, about 35 bytes per
 * key. The key seen last is answered without a lookup, as consecutive rows often belong to one user.
 */
public final class LongKeyIds {
  private static final int MAX_CAPACITY = 1 << 29;

  /** Slot {@code s}: the key at {@code 2s}, its id + 1 at {@code 2s + 1} (0 = empty). */
  private long[] table;
  private int mask;
  private long[] keys;
  private int size;
  private int nullId = -1;
  private long lastKey;
  private int lastId = -1;

  /** Creates an empty index. */
  public LongKeyIds() {
    table = new long[2 << 10];
    mask = (1 << 10) - 1;
    keys = new long[1 << 9];
  }

  /** Returns the id of {@code key}, giving it the next id if it is new. */
  public int idOf(long key) {
    if (key == lastKey && lastId >= 0) {
      return lastId;
    }
    final int slot = slotOf(key);
    final long entry = table[2 * slot + 1];
    return remember(key, entry == 0 ? insert(slot, key) : (int) entry - 1);
  }

  /** Returns the id of {@code key}, or -1 if it has none (the index does not change). */
  public int find(long key) {
    if (key == lastKey && lastId >= 0) {
      return lastId;
    }
    return (int) table[2 * slotOf(key) + 1] - 1;
  }

  /** The slot that holds {@code key}, or the empty slot where it would go. */
  private int slotOf(long key) {
    int slot = hash(key) & mask;
    while (table[2 * slot + 1] != 0 && table[2 * slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private int remember(long key, int id) {
    lastKey = key;
    lastId = id;
    return id;
  }

  /** Returns the id of the NULL key, giving it the next id on first use; {@link #key} of it is 0. */
  public int idOfNull() {
    if (nullId < 0) {
      nullId = append(0L);
    }
    return nullId;
  }

  /** Returns whether {@code id} is the NULL key's. */
  public boolean isNull(int id) {
    return id == nullId;
  }

  private int append(long key) {
    final int id = size;
    if (id == keys.length) {
      keys = Arrays.copyOf(keys, Math.max(16, id + (id >> 1)));
    }
    keys[id] = key;
    size++;
    return id;
  }

  private int insert(int slot, long key) {
    final int id = append(key);
    table[2 * slot] = key;
    table[2 * slot + 1] = id + 1;
    if ((size - (nullId >= 0 ? 1 : 0)) * 5L > (mask + 1L) * 3 && mask + 1 < MAX_CAPACITY) {
      rehash((mask + 1) * 2);
    }
    return id;
  }

  private void rehash(int capacity) {
    final long[] old = table;
    table = new long[2 * capacity];
    mask = capacity - 1;
    for (int i = 1; i < old.length; i += 2) {
      if (old[i] != 0) {
        int slot = hash(old[i - 1]) & mask;
        while (table[2 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        table[2 * slot] = old[i - 1];
        table[2 * slot + 1] = old[i];
      }
    }
  }

  private static int hash(long key) {
    // The finaliser of MurmurHash3: consecutive user ids spread over the whole table.
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /** Returns the key that has id {@code id}. */
  public long key(int id) {
    if (id < 0 || id >= size) {
      throw new IndexOutOfBoundsException("no key has id " + id);
    }
    return keys[id];
  }

  /** Returns the number of distinct keys seen. */
  public int size() {
    return size;
  }

  /** Returns about how many bytes the index holds. */
  public long bytes() {
    return 8L * table.length + 8L * keys.length;
  }
}
