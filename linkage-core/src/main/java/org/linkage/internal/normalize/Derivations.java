package org.linkage.internal.normalize;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * The per-value derived codes shared by comparisons and blocking keys, so that a phonetic code in a
 * blocking rule and in a comparison level are the same thing. Each is computed once per distinct
 * value and cached on the column.
 */
public final class Derivations {
  private Derivations() {}

  /** Double Metaphone primary code (up to 6 characters) of the value with spaces removed. */
  public static Dictionary.Derived phonetic(EncodedColumn c) {
    DoubleMetaphone dm = new DoubleMetaphone();
    dm.setMaxCodeLen(6);
    return c.derived("phonetic", v -> {
      String code = dm.doubleMetaphone(v.replace(" ", ""));
      return code == null || code.isEmpty() ? null : code;
    });
  }

  /** The first {@code k} characters of the value (the whole value if shorter). */
  public static Dictionary.Derived prefix(EncodedColumn c, int k) {
    return c.derived("first" + k, v -> v.length() <= k ? v : v.substring(0, k));
  }

  /** UK postcode sector (e.g. {@code SW1A 1}) of each value; missing for other postcodes. */
  public static Dictionary.Derived postcodeSector(EncodedColumn c) {
    return c.derived("postcode_sector", PostcodeParts::sector);
  }

  /** UK postcode district (e.g. {@code SW1A}) of each value; missing for other postcodes. */
  public static Dictionary.Derived postcodeDistrict(EncodedColumn c) {
    return c.derived("postcode_district", PostcodeParts::district);
  }

  /** UK postcode area (the leading letters, e.g. {@code SW}) of each value; missing for other postcodes. */
  public static Dictionary.Derived postcodeArea(EncodedColumn c) {
    return c.derived("postcode_area", PostcodeParts::area);
  }
}
