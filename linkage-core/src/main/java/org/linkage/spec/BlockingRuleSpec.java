package org.linkage.spec;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.linkage.spec.ColumnType;

/**
 * A blocking rule. A spec lists several rules; a pair is a candidate if any rule generates it, and
 * it belongs to the first rule that does. Immutable and thread-safe. Two kinds:
 *
 * <ul>
 *   <li><b>key rule</b> ({@code window == 0}): records are compared only when every key part agrees;
 *   <li><b>sorted neighbourhood</b> ({@code window >= 1}): the distinct values of the key (its parts
 *       in order, compared value by value) are sorted over both sides, and a pair is generated when
 *       its two keys are fewer than {@code window} places apart in that sorted list. Window 1 is the
 *       key rule on the same parts; window 3 also pairs each key with its neighbour on each side.
 * </ul>
 *
 * <p>A key rule may name <b>refinement parts</b> ({@link #refinedBy}): a block with more right-side
 * records than the cap is split by the key plus the first refinement part, a sub-block still over
 * the cap by the next one too, and so on; only what is still over the cap after the last part is
 * skipped. Blocks within the cap are never refined. See {@code org.linkage.internal.block.Blocker} for the exact pairs.
 *
 * @param name name used in reports, e.g. {@code dob_forename_initial}
 * @param parts the key parts (all must agree for a key rule; the sort key for sorted neighbourhood)
 * @param window 0 for a key rule, else the sorted-neighbourhood window in distinct key values
 * @param refineBy parts added one at a time to the key of a block over the cap, in order; empty for
 *     none; key rules only
 */
public record BlockingRuleSpec(String name, List<KeyPart> parts, int window, List<KeyPart> refineBy)
    implements java.io.Serializable {
  /** Checks the name is set, there is at least one key part, the window is valid and only key rules refine. */
  public BlockingRuleSpec {
    requireNonNull(name, "name");
    checkArgument(!parts.isEmpty(), "blocking rule %s has no key parts", name);
    checkArgument(window >= 0, "blocking rule %s: window must be at least 1 (0 for a key rule): %s", name, window);
    parts = ImmutableList.copyOf(parts);
    refineBy = ImmutableList.copyOf(requireNonNull(refineBy, "refineBy"));
    checkArgument(window == 0 || refineBy.isEmpty(),
        "blocking rule %s: refineBy applies to key rules only, not to a sorted-neighbourhood window", name);
    for (KeyPart p : refineBy) {
      checkArgument(!parts.contains(p), "blocking rule %s: refineBy part %s is already a key part", name, p);
    }
    checkArgument(refineBy.stream().distinct().count() == refineBy.size(),
        "blocking rule %s: a refineBy part is named twice", name);
  }

  /** A rule without refinement parts. */
  public BlockingRuleSpec(String name, List<KeyPart> parts, int window) {
    this(name, parts, window, List.of());
  }

  /** A key rule without refinement parts: records are compared only when every key part agrees. */
  public BlockingRuleSpec(String name, List<KeyPart> parts) {
    this(name, parts, 0);
  }

  /** A key rule from key-part texts such as {@code "surname:phonetic", "dob:year"}. */
  public static BlockingRuleSpec of(String name, String... parts) {
    return new BlockingRuleSpec(name, Arrays.stream(parts).map(KeyPart::parse).toList());
  }

  /**
   * A sorted-neighbourhood rule: sort key from key-part texts (e.g. {@code "surname", "forename"}),
   * pairs whose keys are fewer than {@code window} distinct values apart.
   */
  public static BlockingRuleSpec sortedNeighbourhood(String name, int window, String... parts) {
    checkArgument(window >= 1, "sorted-neighbourhood rule %s: window must be at least 1: %s", name, window);
    return new BlockingRuleSpec(name, Arrays.stream(parts).map(KeyPart::parse).toList(), window);
  }

  /**
   * This rule with refinement parts from key-part texts (e.g. {@code "dob:year", "postcode:area"}),
   * replacing any it had; no texts for none. Parsed and checked like key parts.
   *
   * @throws IllegalArgumentException for a sorted-neighbourhood rule, a part that is unreadable, a
   *     key part already, or named twice
   */
  public BlockingRuleSpec refinedBy(String... refineBy) {
    return new BlockingRuleSpec(name, parts, window, Arrays.stream(refineBy).map(KeyPart::parse).toList());
  }

  /** True for a sorted-neighbourhood rule. */
  public boolean isSortedNeighbourhood() {
    return window > 0;
  }

  /** True when the rule has refinement parts. */
  public boolean isRefined() {
    return !refineBy.isEmpty();
  }

  /** The key parts followed by the refinement parts. */
  public List<KeyPart> allParts() {
    return ImmutableList.<KeyPart>builder().addAll(parts).addAll(refineBy).build();
  }

  /**
   * Columns the rule's key reads, not its refinement parts: pairs that share the key (see {@code
   * Blocker.sharesKey}) agree on these columns, not necessarily on the refinement columns.
   */
  public List<String> columns() {
    return parts.stream().flatMap(p -> p.columns().stream()).distinct().collect(ImmutableList.toImmutableList());
  }

  /**
   * The rule's problems against the columns it reads: unknown columns, and key or refinement parts
   * on a column they cannot read (see {@link KeyPart.Transform#appliesTo}).
   *
   * @param typeOf the type of a column by name, {@code null} when there is no such column
   */
  public List<String> problems(Function<String, ColumnType> typeOf) {
    List<String> problems = new ArrayList<>();
    for (KeyPart p : allParts()) {
      for (String col : p.columns()) {
        ColumnType type = typeOf.apply(col);
        if (type == null) {
          problems.add("blocking rule " + name + ": unknown column " + col);
        } else if (!p.transform().appliesTo(type)) {
          problems.add("blocking rule " + name + ": key part " + p + " does not apply to column " + col
              + " of type " + type);
        }
      }
    }
    return problems;
  }

  @Override
  public String toString() {
    return name + parts + (window > 0 ? " window " + window : "") + (refineBy.isEmpty() ? "" : " refined by " + refineBy);
  }
}
