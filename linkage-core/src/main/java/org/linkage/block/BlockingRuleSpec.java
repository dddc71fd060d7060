package org.linkage.block;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;

/**
 * A blocking rule: records are compared only when every key part agrees. A spec lists several
 * rules; a pair is a candidate if any rule puts it in one block, and it belongs to the first rule
 * that does. Immutable and thread-safe.
 *
 * @param name name used in reports, e.g. {@code dob_forename_initial}
 * @param parts the key parts, all of which must agree
 */
public record BlockingRuleSpec(String name, List<KeyPart> parts) {
  public BlockingRuleSpec {
    requireNonNull(name, "name");
    checkArgument(!parts.isEmpty(), "blocking rule %s has no key parts", name);
    parts = ImmutableList.copyOf(parts);
  }

  /** A rule from key-part texts such as {@code "surname:phonetic", "dob:year"}. */
  public static BlockingRuleSpec of(String name, String... parts) {
    return new BlockingRuleSpec(name, Arrays.stream(parts).map(KeyPart::parse).toList());
  }

  /** Columns the rule's key reads. */
  public ImmutableList<String> columns() {
    return parts.stream().flatMap(p -> p.columns().stream()).distinct().collect(ImmutableList.toImmutableList());
  }

  @Override
  public String toString() {
    return name + parts;
  }
}
