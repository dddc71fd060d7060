package org.linkage.internal.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Given-name alias groups (William, Bill, Will, Billy, Liam; Margaret, Maggie, Peggy; ...) for the
 * "nickname" level of a name comparison.
 *
 * <p>A table is a list of groups; each group is numbered by its position in the table. A name may
 * belong to several groups ("al" belongs to albert, alan, alfred and alexander), so
 * {@link #groupsOf(String)} returns a sorted array of group numbers. Two names are
 * {@link #equivalent(String, String) equivalent} when they are equal or share a group. This is not
 * transitive: albert ~ al ~ alfred, but albert and alfred are not equivalent.
 *
 * <p>Intended use: compute {@code groupsOf} once per distinct normalised name when the records are
 * loaded, then compare the precomputed arrays per candidate pair with
 * {@link #shareGroup(int[], int[])}, which is allocation-free. Lookups lower-case (root locale) and
 * trim their argument; the engine is expected to pass normalised names already.
 *
 * <p>The {@link #standard()} table is the resource {@code org/linkage/internal/compare/nicknames.csv},
 * compiled by the project from common English usage (no personal data): one group per line, names
 * separated by commas, lines starting with {@code #} are comments.
 *
 * <p>Instances are immutable and thread-safe. {@code groupsOf} and {@code equivalent} cost one hash
 * lookup per name; {@code shareGroup} is a merge of two short sorted arrays.
 */
public final class NameAliases {

  private static final String STANDARD_RESOURCE = "nicknames.csv";
  private static final int[] NO_GROUPS = new int[0];

  private final Map<String, int[]> groupsByName;
  private final int groupCount;

  private NameAliases(Map<String, int[]> groupsByName, int groupCount) {
    this.groupsByName = groupsByName;
    this.groupCount = groupCount;
  }

  /** The table shipped with linkage, loaded once on first use. */
  public static NameAliases standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    static final NameAliases INSTANCE = loadStandard();

    private static NameAliases loadStandard() {
      try (InputStream in = NameAliases.class.getResourceAsStream(STANDARD_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource org/linkage/internal/compare/" + STANDARD_RESOURCE);
        }
        return fromCsv(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read org/linkage/internal/compare/" + STANDARD_RESOURCE, e);
      }
    }
  }

  /**
   * Reads a table in the format of the standard one: one group per line, comma-separated names,
   * {@code #} comment lines and blank lines ignored. The reader is not closed.
   *
   * @throws IllegalArgumentException naming the line, if a group has fewer than two distinct names
   */
  public static NameAliases fromCsv(Reader reader) throws IOException {
    BufferedReader lines = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
    Map<String, Set<Integer>> groups = new HashMap<>();
    int group = 0;
    int lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Set<String> names = new LinkedHashSet<>();
      for (String name : trimmed.split(",")) {
        String normalised = normalise(name);
        if (!normalised.isEmpty()) {
          names.add(normalised);
        }
      }
      if (names.size() < 2) {
        throw new IllegalArgumentException("alias table line " + lineNumber
            + ": a group needs at least two distinct names, found " + names.size());
      }
      for (String name : names) {
        groups.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(group);
      }
      group++;
    }
    Map<String, int[]> groupsByName = new HashMap<>(groups.size() * 2);
    for (Map.Entry<String, Set<Integer>> entry : groups.entrySet()) {
      int[] ids = entry.getValue().stream().mapToInt(Integer::intValue).sorted().toArray();
      groupsByName.put(entry.getKey(), ids);
    }
    return new NameAliases(Map.copyOf(groupsByName), group);
  }

  /**
   * The sorted numbers of the groups {@code name} belongs to; empty if it is in none. The caller
   * owns the returned array.
   */
  public int[] groupsOf(String name) {
    int[] groups = groupsByName.get(normalise(name));
    return groups == null ? NO_GROUPS : groups.clone();
  }

  /**
   * Whether the two names are equal (after lower-casing and trimming) or share a group. Blank
   * names are never equivalent to anything, not even to each other.
   *
   * @throws NullPointerException if either argument is null
   */
  public boolean equivalent(String a, String b) {
    String left = normalise(a);
    String right = normalise(b);
    if (left.equals(right)) {
      return !left.isEmpty();
    }
    int[] leftGroups = groupsByName.get(left);
    int[] rightGroups = groupsByName.get(right);
    return leftGroups != null && rightGroups != null && shareGroup(leftGroups, rightGroups);
  }

  /**
   * Whether two sorted group arrays (from {@link #groupsOf(String)}) have a group in common.
   * Allocation-free, O(|left| + |right|); meant for the pair loop.
   */
  public static boolean shareGroup(int[] left, int[] right) {
    int i = 0;
    int j = 0;
    while (i < left.length && j < right.length) {
      if (left[i] == right[j]) {
        return true;
      }
      if (left[i] < right[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  /** The number of groups in the table. */
  public int groupCount() {
    return groupCount;
  }

  /** The number of distinct names in the table. */
  public int nameCount() {
    return groupsByName.size();
  }

  private static String normalise(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "NameAliases{groups=" + groupCount + ", names=" + groupsByName.size() + "}";
  }
}
