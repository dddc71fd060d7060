package org.linkage.testkit.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded name lists (resources beside this class), each in frequency-rank order; how they are
 * sampled is {@link NameDistribution}'s business. Loaded once; immutable and thread-safe.
 */
final class NameTables {
  static final NameTables INSTANCE = new NameTables();

  final String[] female;
  final String[] male;
  final String[] surnames;
  final String[] surnamePrefixes;
  final String[] surnameSuffixes;
  private final Map<String, String[]> alternatives;

  private NameTables() {
    female = names("forenames-female.txt");
    male = names("forenames-male.txt");
    surnames = names("surnames.txt");
    List<String> parts = lines("surname-parts.txt");
    surnamePrefixes = split(parts.get(0));
    surnameSuffixes = split(parts.get(1));
    Map<String, String[]> alts = new HashMap<>();
    for (String line : lines("nicknames.txt")) {
      int colon = line.indexOf(':');
      alts.put(line.substring(0, colon).trim(), split(line.substring(colon + 1)));
    }
    alternatives = Map.copyOf(alts);
  }

  /** Nicknames and alternative spellings of a forename; empty when none are known. */
  String[] alternatives(String forename) {
    String[] a = alternatives.get(forename);
    return a == null ? NONE : a;
  }

  private static final String[] NONE = new String[0];

  private static String[] names(String resource) {
    Set<String> unique = new LinkedHashSet<>();
    for (String line : lines(resource)) {
      unique.addAll(Arrays.asList(split(line)));
    }
    return unique.toArray(new String[0]);
  }

  private static String[] split(String line) {
    List<String> out = new ArrayList<>();
    for (String part : line.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out.toArray(new String[0]);
  }

  private static List<String> lines(String resource) {
    try (InputStream in = NameTables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing generator resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read generator resource " + resource, e);
    }
  }
}
