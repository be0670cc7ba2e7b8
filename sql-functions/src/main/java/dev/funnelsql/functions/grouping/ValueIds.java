package dev.funnelsql.functions.grouping;

import java.util.Arrays;
import java.util.Objects;

/**
 * Dense {@code int} ids for the string values of one query's rows (SEQUENCE_NEXT_NODE's event column), given in
 * first-seen order, so that a row keeps four bytes instead of a reference to its own copy of a string the store's
 * driver made: an event column has few distinct values, each kept once, and a row's string is garbage as soon as it
 * is encoded. Open addressing over arrays of slots (value, its hash, its id), no boxing.
 */
public final class ValueIds {
  private static final int MAX_CAPACITY = 1 << 30;

  private String[] slots;
  private int[] hashes;
  /** Slot {@code s}: the id + 1 of the value there (0 = empty). */
  private int[] ids;
  private int mask;
  private String[] values;
  private int size;
  private long chars;

  /** Creates an empty dictionary. */
  public ValueIds() {
    slots = new String[1 << 8];
    hashes = new int[1 << 8];
    ids = new int[1 << 8];
    mask = (1 << 8) - 1;
    values = new String[1 << 6];
  }

  /** Returns the id of {@code value}, giving it the next id if it is new. */
  public int idOf(String value) {
    final int hash = value.hashCode();
    int slot = spread(hash) & mask;
    for (int id = ids[slot]; id != 0; id = ids[slot]) {
      if (hashes[slot] == hash && value.equals(slots[slot])) {
        return id - 1;
      }
      slot = (slot + 1) & mask;
    }
    return insert(slot, hash, value);
  }

  private int insert(int slot, int hash, String value) {
    final int id = size;
    if (id == values.length) {
      values = Arrays.copyOf(values, id * 2);
    }
    values[id] = value;
    size++;
    chars += value.length();
    slots[slot] = value;
    hashes[slot] = hash;
    ids[slot] = id + 1;
    if (size * 2L > mask + 1L && mask + 1 < MAX_CAPACITY) {
      rehash((mask + 1) * 2);
    }
    return id;
  }

  private void rehash(int capacity) {
    final String[] oldSlots = slots;
    final int[] oldHashes = hashes;
    final int[] oldIds = ids;
    slots = new String[capacity];
    hashes = new int[capacity];
    ids = new int[capacity];
    mask = capacity - 1;
    for (int i = 0; i < oldIds.length; i++) {
      if (oldIds[i] != 0) {
        int slot = spread(oldHashes[i]) & mask;
        while (ids[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = oldSlots[i];
        hashes[slot] = oldHashes[i];
        ids[slot] = oldIds[i];
      }
    }
  }

  /** Mixes the string's hash so that values differing only in their last characters spread over the table. */
  private static int spread(int hash) {
    final int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** Returns the value that has id {@code id}. */
  public String value(int id) {
    Objects.checkIndex(id, size);
    return values[id];
  }

  /** Returns the number of distinct values seen. */
  public int size() {
    return size;
  }

  /** Returns about how many bytes the dictionary holds, its strings included. */
  public long bytes() {
    return 12L * slots.length + 4L * values.length + 48L * size + 2L * chars;
  }
}
