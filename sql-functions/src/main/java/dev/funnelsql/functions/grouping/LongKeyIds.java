package dev.funnelsql.functions.grouping;

import java.util.Arrays;

/**
 * Dense {@code int} ids for 64-bit keys (user ids), given in first-seen order, by open addressing over an array of
 * ids: about 12 bytes per key at the usual load, no boxing, and no object per key.
 */
public final class LongKeyIds {
  private static final int MAX_CAPACITY = 1 << 30;

  /** Slot → id + 1 (0 = empty). */
  private int[] slots;
  private int mask;
  private long[] keys;
  private int size;
  private int nullId = -1;

  /** Creates an empty index. */
  public LongKeyIds() {
    slots = new int[1 << 10];
    mask = slots.length - 1;
    keys = new long[1 << 9];
  }

  /** Returns the id of {@code key}, giving it the next id if it is new. */
  public int idOf(long key) {
    int slot = hash(key) & mask;
    while (true) {
      final int entry = slots[slot];
      if (entry == 0) {
        return insert(slot, key);
      }
      if (keys[entry - 1] == key) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
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
    slots[slot] = id + 1;
    if (size * 2L > slots.length && slots.length < MAX_CAPACITY) {
      rehash(slots.length * 2);
    }
    return id;
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    mask = capacity - 1;
    for (int id = 0; id < size; id++) {
      if (id == nullId) {
        continue;
      }
      int slot = hash(keys[id]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = id + 1;
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
    return 4L * slots.length + 8L * keys.length;
  }
}
