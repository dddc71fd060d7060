package org.linkage.internal.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.LinkageSpec;

/**
 * The Java heap a {@code link} run needs, estimated before it from the record counts and the
 * spec: what is held per record (ids, codes, dictionary entries), per record and blocking rule
 * (the index), and per left record for the pairs kept and the training summary. The constants are
 * the sizes of the structures that hold them, with the shares that depend on the data (distinct
 * values, pairs kept per record) set from the generator's population at 1M learners; the
 * measurements behind them are in {@code docs/scaling.md}. Names, not values: immutable.
 *
 * @param parts bytes by component, in the order they are listed
 * @param peakBytes the larger of the reading peak (raw strings and their encoding together) and the
 *     linking peak (encoding, index and pairs)
 */
public record MemoryEstimate(Map<String, Long> parts, long peakBytes) {
  /** Per record: id (about 12 bytes of UTF-8 and its end), source line. */
  static final long RECORD_BYTES = 12 + 4 + 8;
  /**
   * Per record and column: the raw value while reading, its slot and its string; the reader shares
   * repeated values, so this is about a fifth of a string per cell (3.3M strings for 18M cells at 1M).
   */
  static final long RAW_VALUE_BYTES = 16;
  /** Per record and column: its code. */
  static final long CODE_BYTES = 4;
  /** Per record: dictionary entries (about 1.2 distinct values per record at 1M, 60 bytes each). */
  static final long DICTIONARY_BYTES = 72;
  /**
   * Per rule: a left record's block number and the span of index rows it probes; a right record's
   * block number, index slot and block start.
   */
  static final long INDEX_LEFT_BYTES = 8;
  static final long INDEX_RIGHT_BYTES = 12;
  /** Per rule with refinement parts: a left record's refined block, probe block and level; a right record's refined block and slot. */
  static final long REFINED_LEFT_BYTES = 9;
  static final long REFINED_RIGHT_BYTES = 8;
  /** Per left record: pairs kept for the decisions (3 a record, 17 bytes held and 8 + 16 deciding). */
  static final long KEPT_BYTES = 3 * (17 + 8 + 16);
  /**
   * Per left record: the training summary, mostly the pairs that may be seed links (about 16 MB at
   * 1M). The λ fit reads the pairs back from the spill file; a run without one (on an engine such as
   * Spark) also groups them by weight in the summary, about 70 MB more at 1M.
   */
  static final long SUMMARY_BYTES = 16;
  /** The JVM's own classes and buffers, and the chunks in flight. */
  static final long FIXED_BYTES = 96L << 20;
  /**
   * Per right record and comparison: its share of the comparisons' row (a code, and packed or
   * derived values beside it: 19 ints for the person profile's seven comparisons).
   */
  static final long ROW_BYTES = 12;

  /** The estimate for a run of {@code spec} on {@code left} and {@code right} records. */
  public static MemoryEstimate of(LinkageSpec spec, long left, long right) {
    long records = left + right;
    int columns = spec.columns().size();
    long indexBytes = 0;
    for (BlockingRuleSpec rule : spec.blockingRules()) {
      indexBytes += INDEX_LEFT_BYTES * left + INDEX_RIGHT_BYTES * right;
      if (!rule.refineBy().isEmpty()) {
        indexBytes += REFINED_LEFT_BYTES * left + REFINED_RIGHT_BYTES * right;
      }
    }
    Map<String, Long> parts = new LinkedHashMap<>();
    parts.put("records (ids)", RECORD_BYTES * records);
    parts.put("codes", CODE_BYTES * columns * records);
    parts.put("dictionaries", DICTIONARY_BYTES * records);
    parts.put("comparison rows", ROW_BYTES * spec.comparisons().size() * right);
    parts.put("blocking index", indexBytes);
    parts.put("training summary", SUMMARY_BYTES * left);
    parts.put("kept pairs", KEPT_BYTES * Math.min(left, right));
    parts.put("fixed", FIXED_BYTES);
    long encoded = parts.get("records (ids)") + parts.get("codes") + parts.get("dictionaries") + FIXED_BYTES;
    long reading = encoded + RAW_VALUE_BYTES * columns * records;
    long linking = parts.values().stream().mapToLong(Long::longValue).sum();
    return new MemoryEstimate(parts, Math.max(reading, linking));
  }

  /** A heap size to give the run: the peak with room for the collector (1.5 times), in whole megabytes. */
  public long recommendedHeapMegabytes() {
    return (peakBytes * 3 / 2 + (1 << 20) - 1) >> 20;
  }

  /** One line per component and a last line with the peak and the heap to give, for stderr. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    parts.forEach((name, bytes) -> sb.append(String.format(Locale.ROOT, "  %-18s %,8d MB%n", name, bytes >> 20)));
    sb.append(String.format(Locale.ROOT, "estimated peak heap %,d MB: give the run about -Xmx%dm "
        + "(LINKAGE_JAVA_OPTS)%n", peakBytes >> 20, recommendedHeapMegabytes()));
    return sb.toString();
  }
}
