package org.linkage;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.linkage.record.RecordTable;
import org.linkage.internal.cluster.PersonClusterer;

/**
 * One person: the ids of their records on each side, in input order. Immutable.
 *
 * @param id stable person id: {@code P} and the person's rank, zero-padded, where persons are
 *     ranked by their first left record in input order, then (persons with no left record) by their
 *     first right record
 * @param leftIds ids of the person's left records
 * @param rightIds ids of the person's right records (empty in deduplication)
 */
public record Person(String id, List<String> leftIds, List<String> rightIds) {

  /** Copies the id lists into unmodifiable lists. */
  public Person {
    leftIds = ImmutableList.copyOf(leftIds);
    rightIds = ImmutableList.copyOf(rightIds);
  }

  /** Persons from a clustering whose nodes are {@code left}'s rows, then {@code right}'s (may be null). */
  static List<Person> of(PersonClusterer.Result result, RecordTable left, RecordTable right) {
    int n = result.persons();
    List<List<String>> lefts = new ArrayList<>(n);
    List<List<String>> rights = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lefts.add(new ArrayList<>(1));
      rights.add(new ArrayList<>(0));
    }
    int[] personOf = result.personOf();
    int nl = left.size();
    for (int v = 0; v < personOf.length; v++) {
      if (v < nl) {
        lefts.get(personOf[v]).add(left.id(v));
      } else {
        rights.get(personOf[v]).add(right.id(v - nl));
      }
    }
    int width = Math.max(7, Integer.toString(n).length());
    ImmutableList.Builder<Person> out = ImmutableList.builderWithExpectedSize(n);
    for (int i = 0; i < n; i++) {
      String number = Integer.toString(i + 1);
      String id = "P" + "0".repeat(width - number.length()) + number;
      out.add(new Person(id, ImmutableList.copyOf(lefts.get(i)), ImmutableList.copyOf(rights.get(i))));
    }
    return out.build();
  }
}
