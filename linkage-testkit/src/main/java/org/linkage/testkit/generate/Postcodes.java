package org.linkage.testkit.generate;

import java.util.SplittableRandom;

/**
 * Synthetic postcodes in the real UK format: a real postcode area (1–2 letters), a district number,
 * a space, a sector digit and two unit letters from the 20 letters Royal Mail uses in units.
 * The codes are plausible in shape, not real addresses. Packed into an int:
 * area (7 bits) | district (7) | sector (4) | unit letter 1 (5) | unit letter 2 (5).
 */
final class Postcodes {
  /** The postcode areas of Great Britain (Northern Ireland's BT and the Crown dependencies left out). */
  static final String[] AREAS = {
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "CA", "CB", "CF", "CH", "CM",
    "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E", "EC",
    "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX",
    "IG", "IP", "IV", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M",
    "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL",
    "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR",
    "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W", "WA", "WC",
    "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
  };
  /** Letters used in the inward unit (no C, I, K, M, O, V). */
  static final String UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

  private Postcodes() {
  }

  static int random(SplittableRandom r) {
    int area = r.nextInt(AREAS.length);
    return pack(area, district(r, area), r.nextInt(10), r.nextInt(20), r.nextInt(20));
  }

  /** A move: 55% within the district (new sector and unit), 30% to another district of the area, 15% elsewhere. */
  static int move(int code, SplittableRandom r) {
    double u = r.nextDouble();
    int area = area(code);
    int district = district(code);
    if (u < 0.55) {
      return pack(area, district, r.nextInt(10), r.nextInt(20), r.nextInt(20));
    }
    if (u < 0.85) {
      return pack(area, district(r, area), r.nextInt(10), r.nextInt(20), r.nextInt(20));
    }
    return random(r);
  }

  private static int district(SplittableRandom r, int area) {
    // Single-letter areas (big cities) have more districts.
    return 1 + r.nextInt(AREAS[area].length() == 1 ? 40 : 25);
  }

  static String format(int code) {
    int unit = code & 0x3ff;
    return AREAS[area(code)] + district(code) + ' ' + ((code >>> 10) & 0xf)
      + UNIT_LETTERS.charAt(unit >>> 5) + UNIT_LETTERS.charAt(unit & 0x1f);
  }

  private static int pack(int area, int district, int sector, int u1, int u2) {
    return area << 21 | district << 14 | sector << 10 | u1 << 5 | u2;
  }

  private static int area(int code) {
    return code >>> 21;
  }

  private static int district(int code) {
    return (code >>> 14) & 0x7f;
  }
}
