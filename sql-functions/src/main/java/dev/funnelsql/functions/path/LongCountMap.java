package dev.funnelsql.functions.path;

import java.util.Arrays;

/**
 * A hash map from non-negative {@code long} keys to {@code long} counts with open addressing (linear probing) in
 * primitive arrays, so that counting does not box.
 */
final class LongCountMap {

  /** Marks a free slot; keys are never negative. */
  static final long EMPTY = -1L;

  private static final int INITIAL_BITS = 4;
  private static final int MAX_BITS = 30;

  private long[] keys;
  private long[] values;
  private int bits;
  private int size;

  LongCountMap() {
    allocate(INITIAL_BITS);
  }

  /** Adds {@code delta} to the count of {@code key} (a missing key counts 0). */
  void add(long key, long delta) {
    if (key < 0) {
      throw new IllegalArgumentException("negative key " + key);
    }
    int slot = find(key);
    if (keys[slot] == key) {
      values[slot] += delta;
      return;
    }
    keys[slot] = key;
    values[slot] = delta;
    size++;
    if (size * 2 > keys.length) {
      rehash();
    }
  }

  /** Returns the count of {@code key}, 0 if it is missing. */
  long get(long key) {
    int slot = find(key);
    return keys[slot] == key ? values[slot] : 0;
  }

  /** Returns whether {@code key} has been added. */
  boolean contains(long key) {
    return keys[find(key)] == key;
  }

  /** Returns the number of keys. */
  int size() {
    return size;
  }

  /** Returns the number of slots, for iterating with {@link #keyAt} and {@link #valueAt}. */
  int slots() {
    return keys.length;
  }

  /** Returns the key in a slot, {@link #EMPTY} for a free slot. */
  long keyAt(int slot) {
    return keys[slot];
  }

  /** Returns the count in a slot that holds a key. */
  long valueAt(int slot) {
    return values[slot];
  }

  /** Removes every key and returns to the initial capacity. */
  void clear() {
    if (bits == INITIAL_BITS) {
      Arrays.fill(keys, EMPTY);
      size = 0;
    } else {
      allocate(INITIAL_BITS);
    }
  }

  /** Returns the slot holding {@code key} or the free slot where it would go. */
  private int find(long key) {
    int mask = keys.length - 1;
    int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - bits));
    while (keys[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void allocate(int newBits) {
    bits = newBits;
    keys = new long[1 << newBits];
    values = new long[1 << newBits];
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  private void rehash() {
    if (bits >= MAX_BITS) {
      throw new IllegalStateException("paths: more than " + (1 << (MAX_BITS - 1)) + " distinct counts");
    }
    long[] oldKeys = keys;
    long[] oldValues = values;
    allocate(bits + 1);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = find(oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
        size++;
      }
    }
  }
}
