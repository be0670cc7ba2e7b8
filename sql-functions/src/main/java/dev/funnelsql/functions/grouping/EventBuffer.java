package dev.funnelsql.functions.grouping;

/**
 * The rows of a behavioural aggregate as they arrive from the event store, in any order: per row a dense group id
 * and the row's time and condition mask packed into one {@code long}, 12 bytes a row in fixed-size chunks (no
 * copying as it grows), and, in a buffer {@linkplain #EventBuffer(int, boolean) with values}, the id of the row's
 * value ({@link ValueIds}), 16 bytes a row. {@link #groupBy} turns it into {@link GroupedEvents}, rows bucketed by
 * group.
 *
 * <p>Packing keeps the order: {@code (time - base) << maskBits | mask}, where {@code base} is the first row's time,
 * orders rows by time and then by mask. A row whose time is too far from the first for that ({@code |time - base|
 * >= 2^(62 - maskBits)}, e.g. 146,000 years of milliseconds with 4 conditions) is refused by {@link #add}.
 */
public final class EventBuffer {
  private static final int CHUNK_BITS = 16;
  private static final int CHUNK = 1 << CHUNK_BITS;
  /** The most rows one buffer takes: the grouped rows must fit one Java array. */
  public static final long MAX_ROWS = Integer.MAX_VALUE - 16L;

  private final int maskBits;
  private final long maskMask;
  private final long limit;
  private int[][] groups = new int[16][];
  private long[][] packed = new long[16][];
  /** The rows' value ids, by chunk; null in a buffer without values. */
  private int[][] values;
  private long size;
  private boolean hasBase;
  private long base;

  /**
   * Creates an empty buffer.
   *
   * @param maskBits how many low bits of a row's mask are used, 0 to 32
   */
  public EventBuffer(int maskBits) {
    this(maskBits, false);
  }

  /**
   * Creates an empty buffer.
   *
   * @param maskBits how many low bits of a row's mask are used, 0 to 32
   * @param withValues whether each row also keeps a value id ({@link #add(int, long, int, int)})
   */
  public EventBuffer(int maskBits, boolean withValues) {
    if (maskBits < 0 || maskBits > 32) {
      throw new IllegalArgumentException("maskBits must be 0..32, got " + maskBits);
    }
    this.maskBits = maskBits;
    this.maskMask = maskBits == 0 ? 0L : -1L >>> (64 - maskBits);
    this.limit = 1L << (62 - maskBits);
    this.values = withValues ? new int[16][] : null;
  }

  /**
   * Adds a row.
   *
   * @param group the row's dense group id, {@code >= 0}
   * @param time the row's time
   * @param mask the row's condition bits; bits at or above {@code maskBits} are dropped
   * @return false, adding nothing, if the time is too far from the first row's to be packed or the buffer is full
   */
  public boolean add(int group, long time, int mask) {
    return add(group, time, mask, 0);
  }

  /**
   * Adds a row and its value id (kept only in a buffer with values).
   *
   * @param group the row's dense group id, {@code >= 0}
   * @param time the row's time
   * @param mask the row's condition bits; bits at or above {@code maskBits} are dropped
   * @param value the id of the row's value, or a negative number for none
   * @return false, adding nothing, if the time is too far from the first row's to be packed or the buffer is full
   */
  public boolean add(int group, long time, int mask, int value) {
    if (!hasBase) {
      base = time;
      hasBase = true;
    }
    final long offset = time - base;
    if (((time ^ base) & (time ^ offset)) < 0 || offset >= limit || offset <= -limit || size >= MAX_ROWS) {
      return false;
    }
    final int chunk = (int) (size >>> CHUNK_BITS);
    final int index = (int) size & (CHUNK - 1);
    if (index == 0) {
      grow(chunk);
    }
    groups[chunk][index] = group;
    packed[chunk][index] = offset << maskBits | (mask & maskMask);
    if (values != null) {
      values[chunk][index] = value;
    }
    size++;
    return true;
  }

  private void grow(int chunk) {
    if (chunk == groups.length) {
      groups = java.util.Arrays.copyOf(groups, chunk * 2);
      packed = java.util.Arrays.copyOf(packed, chunk * 2);
      if (values != null) {
        values = java.util.Arrays.copyOf(values, chunk * 2);
      }
    }
    groups[chunk] = new int[CHUNK];
    packed[chunk] = new long[CHUNK];
    if (values != null) {
      values[chunk] = new int[CHUNK];
    }
  }

  /** Returns the number of rows added. */
  public long size() {
    return size;
  }

  /** Returns about how many bytes the buffered rows hold, and the grouped copy {@link #groupBy} will make. */
  public long bytes() {
    return size * (values == null ? 20L : 28L);
  }

  /**
   * Buckets the rows by group with a counting sort, releasing this buffer's chunks as it goes; the buffer is empty
   * afterwards. Within a group rows keep their arrival order until {@link GroupedEvents#sortGroup} orders them.
   *
   * @param groupCount the number of groups: every group id added is below it
   */
  public GroupedEvents groupBy(int groupCount) {
    final int n = (int) size;
    final int[] start = new int[groupCount + 1];
    final int chunks = (int) ((size + CHUNK - 1) >>> CHUNK_BITS);
    for (int c = 0; c < chunks; c++) {
      final int[] chunk = groups[c];
      final int length = Math.min(CHUNK, n - (c << CHUNK_BITS));
      for (int i = 0; i < length; i++) {
        start[chunk[i] + 1]++;
      }
    }
    for (int g = 0; g < groupCount; g++) {
      start[g + 1] += start[g];
    }
    // start[g] is now where group g begins; it is advanced as rows are placed, so it ends where g + 1 begins.
    final long[] rows = new long[n];
    final int[] rowValues = values == null ? null : new int[n];
    for (int c = 0; c < chunks; c++) {
      final int[] chunkGroups = groups[c];
      final long[] chunkRows = packed[c];
      final int length = Math.min(CHUNK, n - (c << CHUNK_BITS));
      if (rowValues == null) {
        for (int i = 0; i < length; i++) {
          rows[start[chunkGroups[i]]++] = chunkRows[i];
        }
      } else {
        final int[] chunkValues = values[c];
        for (int i = 0; i < length; i++) {
          final int at = start[chunkGroups[i]]++;
          rows[at] = chunkRows[i];
          rowValues[at] = chunkValues[i];
        }
        values[c] = null;
      }
      groups[c] = null;
      packed[c] = null;
    }
    System.arraycopy(start, 0, start, 1, groupCount);
    start[0] = 0;
    final GroupedEvents grouped = new GroupedEvents(rows, rowValues, start, groupCount, base, maskBits);
    size = 0;
    hasBase = false;
    return grouped;
  }
}
