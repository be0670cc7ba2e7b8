package dev.funnelsql.functions.grouping;

import java.util.Arrays;

/**
 * Dense {@code int} ids for 64-bit keys (user ids), given in first-seen order, with no boxing and no object per key.
 * Keys that lie close together, as numbered user ids do whatever they start at, index an array of ids by their
 * distance from the lowest ({@code base}): 4 bytes per possible key, and one look at an array a quarter the size of a
 * hash table's, which on a million users decides how often a lookup misses the processor's cache. The array widens
 * while the keys fill at least a quarter of it, or up to a million entries whatever their spread. Every other key
 * goes to open addressing over one array of (key, id) pairs, so that a lookup touches one cache line, about 35 bytes
 * per key. The key seen last is answered without a lookup, as consecutive rows often belong to one user.
 */
public final class LongKeyIds {
  private static final int MAX_CAPACITY = 1 << 29;
  /** The direct array may always have this many entries (4 MB). */
  private static final int DIRECT_FREE = 1 << 20;
  private static final int DIRECT_MAX = 1 << 28;
  /** The direct array widens to a length only while it would hold at least one key in this many entries. */
  private static final int DIRECT_SPREAD = 4;
  /**
   * Keys of this magnitude or more are always hashed, so that the distance between two keys in the direct array never
   * overflows (a key's distance from the base, even overflowing, then lands in the array only for a key that is).
   */
  private static final long DIRECT_KEYS = 1L << 61;

  /** The id + 1 of each key {@code base <= k < base + direct.length} (0 = unseen); such keys are never hashed. */
  private int[] direct;
  private long base;
  /** The keys in the direct array, and the lowest and highest of them. */
  private int directKeys;
  private long minKey;
  private long maxKey;

  /** Slot {@code s}: the key at {@code 2s}, its id + 1 at {@code 2s + 1} (0 = empty). */
  private long[] table;
  private int mask;
  private long[] keys;
  private int size;
  /** The keys in the table. */
  private int hashed;
  private int nullId = -1;
  private long lastKey;
  private int lastId = -1;

  /** Creates an empty index. */
  public LongKeyIds() {
    table = new long[2 << 10];
    mask = (1 << 10) - 1;
    keys = new long[1 << 9];
    direct = new int[1 << 10];
  }

  /** Returns the id of {@code key}, giving it the next id if it is new. */
  public int idOf(long key) {
    if (key == lastKey && lastId >= 0) {
      return lastId;
    }
    final long offset = key - base;
    if (offset >= 0 && offset < direct.length || widenDirect(key)) {
      final int at = (int) (key - base);
      final int entry = direct[at];
      if (entry != 0) {
        return remember(key, entry - 1);
      }
      final int id = append(key);
      direct[at] = id + 1;
      addedDirect(key);
      return remember(key, id);
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
    final long offset = key - base;
    if (offset >= 0 && offset < direct.length) {
      return direct[(int) offset] - 1;
    }
    return (int) table[2 * slotOf(key) + 1] - 1;
  }

  /**
   * Widens (or moves) the direct array to hold {@code key}, if the keys would fill enough of it, and moves the table's
   * keys that then fall in it; returns whether it did. The keys are placed in the middle of the array, so that keys
   * arriving beyond either end move it a logarithmic number of times before it doubles.
   */
  private boolean widenDirect(long key) {
    if (key >= DIRECT_KEYS || key <= -DIRECT_KEYS) {
      return false;
    }
    if (directKeys == 0) {
      base = key;
      minKey = key;
      maxKey = key;
      return true;
    }
    final long low = Math.min(minKey, key);
    final long high = Math.max(maxKey, key) + 1;
    if (high - low > DIRECT_MAX) {
      return false;
    }
    final long length = Math.max(Long.highestOneBit(high - low - 1) << 1, direct.length);
    if (length > DIRECT_MAX || length > DIRECT_FREE && length > (long) DIRECT_SPREAD * (size + 1)) {
      return false;
    }
    final long newBase = low - (length - (high - low)) / 2;
    final int[] wider = new int[(int) length];
    System.arraycopy(direct, (int) (minKey - base), wider, (int) (minKey - newBase), (int) (maxKey - minKey + 1));
    direct = wider;
    base = newBase;
    if (hashed > 0) {
      moveHashedKeys();
    }
    return true;
  }

  private void addedDirect(long key) {
    directKeys++;
    minKey = Math.min(minKey, key);
    maxKey = Math.max(maxKey, key);
  }

  /** Moves the table's keys that the direct array now covers into it. */
  private void moveHashedKeys() {
    final long[] old = table;
    table = new long[old.length];
    hashed = 0;
    for (int i = 1; i < old.length; i += 2) {
      if (old[i] != 0) {
        final long moved = old[i - 1];
        final long offset = moved - base;
        if (offset >= 0 && offset < direct.length) {
          direct[(int) offset] = (int) old[i];
          addedDirect(moved);
        } else {
          final int slot = slotOf(moved);
          table[2 * slot] = moved;
          table[2 * slot + 1] = old[i];
          hashed++;
        }
      }
    }
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
    hashed++;
    if (hashed * 5L > (mask + 1L) * 3 && mask + 1 < MAX_CAPACITY) {
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
    return 8L * table.length + 8L * keys.length + 4L * direct.length;
  }
}
