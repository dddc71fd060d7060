package org.linkage.testkit.generate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The corruption and life-event rates the {@link PopulationGenerator} applies to each record.
 *
 * <p>Every rate is a probability in {@code [0, 1]} applied independently <em>per record</em> (and, for
 * name errors, per name field), unless its accessor says otherwise. {@link #defaults()} holds the
 * documented defaults (see {@code docs/generator.md} for the rationale and sources of each);
 * {@link #none()} turns every error and every life event (moves, surname change on marriage) off, so
 * each record shows the person's true birth-time values. Because the generator draws the population
 * and the corruption from separate seeded streams, the same seed with {@code none()} and with any other
 * model yields the same people, the same records and the same ids: only the values differ.
 *
 * <pre>{@code
 * ErrorModel noisy = ErrorModel.defaults().toBuilder().nameTypo(0.05).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorModel {

  private final Map<String, Double> rates;

  private ErrorModel(Map<String, Double> rates) {
    this.rates = Map.copyOf(rates);
  }

  /** The documented default rates. */
  public static ErrorModel defaults() {
    return DEFAULTS;
  }

  /** Every rate zero: clean records, no moves, no surname changes. */
  public static ErrorModel none() {
    return NONE;
  }

  /** A builder starting from these rates. */
  public Builder toBuilder() {
    return new Builder(rates);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  // --- names -------------------------------------------------------------------------------

  /** Per name field (forename, middle name, surname): one typo (insert, delete, keyboard-neighbour substitution, transposition or OCR confusion). */
  public double nameTypo() { return get("nameTypo"); }

  /** Share of {@link #nameTypo()} events that are OCR-like confusions (rn→m, cl→d, O→0, l→1, ...). */
  public double ocrShareOfTypos() { return get("ocrShareOfTypos"); }

  /** Per record whose forename has a nickname or alternative spelling in the table: that alternative is used. */
  public double nickname() { return get("nickname"); }

  /** Per record of a person with a middle name: the middle name is used as forename (and the middle name left empty). */
  public double middleNameAsForename() { return get("middleNameAsForename"); }

  /** Per record of a person with a middle name: forename and middle name are swapped. */
  public double forenameMiddleSwap() { return get("forenameMiddleSwap"); }

  /** Per record: forename and surname are swapped. */
  public double nameOrderSwap() { return get("nameOrderSwap"); }

  /** Per record of a person with a middle name: the middle name is not recorded. */
  public double middleNameMissing() { return get("middleNameMissing"); }

  /** Per record whose surname is hyphenated: only one of its parts is recorded. */
  public double hyphenatedPartDropped() { return get("hyphenatedPartDropped"); }

  /** Per name field containing accented letters: the accents are stripped (Zoë → Zoe). */
  public double accentStripped() { return get("accentStripped"); }

  /** Per record: all name fields are upper-cased. */
  public double upperCase() { return get("upperCase"); }

  /** Per name field: a leading, trailing or doubled inner space. */
  public double whitespace() { return get("whitespace"); }

  // --- date of birth (mutually exclusive per record, in this order) -------------------------

  /** Per record: dob empty. */
  public double dobMissing() { return get("dobMissing"); }

  /** Per record whose day is 1–12 and differs from the month: day and month transposed. */
  public double dobDayMonthSwap() { return get("dobDayMonthSwap"); }

  /** Per record: one digit of the day, month or year is wrong (the date stays valid). */
  public double dobDigitError() { return get("dobDigitError"); }

  /** Per record: a partial date imputed to the first of the month (day recorded as 01). */
  public double dobDayImputed() { return get("dobDayImputed"); }

  // --- sex, postcode, NINO -------------------------------------------------------------------

  /** Per record: sex empty. */
  public double sexMissing() { return get("sexMissing"); }

  /** Per record: postcode empty. */
  public double postcodeMissing() { return get("postcodeMissing"); }

  /** Per record with a postcode: one character substituted by another of its kind, or the unit letters transposed. */
  public double postcodeTypo() { return get("postcodeTypo"); }

  /** Per record with a postcode: written without the space ({@code SW1A1AA}). */
  public double postcodeNoSpace() { return get("postcodeNoSpace"); }

  /** Per labour-market record with a postcode: written in lower case (one source's habit). */
  public double postcodeLowerCaseLabour() { return get("postcodeLowerCaseLabour"); }

  /** Per education record: NINO empty. */
  public double ninoMissingEducation() { return get("ninoMissingEducation"); }

  /** Per labour-market record: NINO empty. */
  public double ninoMissingLabour() { return get("ninoMissingLabour"); }

  /** Per record with a NINO: one of its six digits is wrong. */
  public double ninoWrongDigit() { return get("ninoWrongDigit"); }

  // --- life events (drawn once per person or family, not per record) -------------------------

  /** Per family and calendar year while the children are under 18: the family moves house. */
  public double childMovePerYear() { return get("childMovePerYear"); }

  /** Per person and calendar year from age 18: the person moves house. */
  public double adultMovePerYear() { return get("adultMovePerYear"); }

  /** Per woman: she marries (between ages 23 and 40) and takes a new surname; records from that year on carry it. */
  public double surnameChangeOnMarriage() { return get("surnameChangeOnMarriage"); }

  /** All rates by name, in declaration order (for documentation and reports). */
  public Map<String, Double> asMap() {
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String name : NAMES) {
      ordered.put(name, rates.get(name));
    }
    return ordered;
  }

  private double get(String name) {
    return rates.get(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorModel && ((ErrorModel) o).rates.equals(rates);
  }

  @Override
  public int hashCode() {
    return rates.hashCode();
  }

  @Override
  public String toString() {
    return "ErrorModel" + asMap();
  }

  private static final String[] NAMES = {
    "nameTypo", "ocrShareOfTypos", "nickname", "middleNameAsForename", "forenameMiddleSwap",
    "nameOrderSwap", "middleNameMissing", "hyphenatedPartDropped", "accentStripped", "upperCase",
    "whitespace", "dobMissing", "dobDayMonthSwap", "dobDigitError", "dobDayImputed", "sexMissing",
    "postcodeMissing", "postcodeTypo", "postcodeNoSpace", "postcodeLowerCaseLabour",
    "ninoMissingEducation", "ninoMissingLabour", "ninoWrongDigit", "childMovePerYear",
    "adultMovePerYear", "surnameChangeOnMarriage",
  };

  private static final ErrorModel DEFAULTS;
  private static final ErrorModel NONE;

  static {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("nameTypo", 0.025);
    d.put("ocrShareOfTypos", 0.20);
    d.put("nickname", 0.05);
    d.put("middleNameAsForename", 0.02);
    d.put("forenameMiddleSwap", 0.01);
    d.put("nameOrderSwap", 0.005);
    d.put("middleNameMissing", 0.20);
    d.put("hyphenatedPartDropped", 0.25);
    d.put("accentStripped", 0.50);
    d.put("upperCase", 0.10);
    d.put("whitespace", 0.01);
    d.put("dobMissing", 0.005);
    d.put("dobDayMonthSwap", 0.01);
    d.put("dobDigitError", 0.01);
    d.put("dobDayImputed", 0.003);
    d.put("sexMissing", 0.01);
    d.put("postcodeMissing", 0.02);
    d.put("postcodeTypo", 0.01);
    d.put("postcodeNoSpace", 0.05);
    d.put("postcodeLowerCaseLabour", 0.10);
    d.put("ninoMissingEducation", 0.75);
    d.put("ninoMissingLabour", 0.03);
    d.put("ninoWrongDigit", 0.005);
    d.put("childMovePerYear", 0.06);
    d.put("adultMovePerYear", 0.12);
    d.put("surnameChangeOnMarriage", 0.45);
    DEFAULTS = new ErrorModel(d);
    Map<String, Double> z = new LinkedHashMap<>();
    for (String name : NAMES) {
      z.put(name, 0.0);
    }
    NONE = new ErrorModel(z);
  }

  /**
   * Builds an {@link ErrorModel}; each setter checks its value is a probability and fails fast with
   * the value in the message. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Double> rates;

    private Builder(Map<String, Double> start) {
      this.rates = new LinkedHashMap<>(start);
    }

    private Builder set(String name, double value) {
      if (!(value >= 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException(name + " must be a probability in [0, 1]: " + value);
      }
      rates.put(name, value);
      return this;
    }

    /** Sets {@link ErrorModel#nameTypo()}, a probability. */
    public Builder nameTypo(double p) { return set("nameTypo", p); }
    /** Sets {@link ErrorModel#ocrShareOfTypos()}, a probability. */
    public Builder ocrShareOfTypos(double p) { return set("ocrShareOfTypos", p); }
    /** Sets {@link ErrorModel#nickname()}, a probability. */
    public Builder nickname(double p) { return set("nickname", p); }
    /** Sets {@link ErrorModel#middleNameAsForename()}, a probability. */
    public Builder middleNameAsForename(double p) { return set("middleNameAsForename", p); }
    /** Sets {@link ErrorModel#forenameMiddleSwap()}, a probability. */
    public Builder forenameMiddleSwap(double p) { return set("forenameMiddleSwap", p); }
    /** Sets {@link ErrorModel#nameOrderSwap()}, a probability. */
    public Builder nameOrderSwap(double p) { return set("nameOrderSwap", p); }
    /** Sets {@link ErrorModel#middleNameMissing()}, a probability. */
    public Builder middleNameMissing(double p) { return set("middleNameMissing", p); }
    /** Sets {@link ErrorModel#hyphenatedPartDropped()}, a probability. */
    public Builder hyphenatedPartDropped(double p) { return set("hyphenatedPartDropped", p); }
    /** Sets {@link ErrorModel#accentStripped()}, a probability. */
    public Builder accentStripped(double p) { return set("accentStripped", p); }
    /** Sets {@link ErrorModel#upperCase()}, a probability. */
    public Builder upperCase(double p) { return set("upperCase", p); }
    /** Sets {@link ErrorModel#whitespace()}, a probability. */
    public Builder whitespace(double p) { return set("whitespace", p); }
    /** Sets {@link ErrorModel#dobMissing()}, a probability. */
    public Builder dobMissing(double p) { return set("dobMissing", p); }
    /** Sets {@link ErrorModel#dobDayMonthSwap()}, a probability. */
    public Builder dobDayMonthSwap(double p) { return set("dobDayMonthSwap", p); }
    /** Sets {@link ErrorModel#dobDigitError()}, a probability. */
    public Builder dobDigitError(double p) { return set("dobDigitError", p); }
    /** Sets {@link ErrorModel#dobDayImputed()}, a probability. */
    public Builder dobDayImputed(double p) { return set("dobDayImputed", p); }
    /** Sets {@link ErrorModel#sexMissing()}, a probability. */
    public Builder sexMissing(double p) { return set("sexMissing", p); }
    /** Sets {@link ErrorModel#postcodeMissing()}, a probability. */
    public Builder postcodeMissing(double p) { return set("postcodeMissing", p); }
    /** Sets {@link ErrorModel#postcodeTypo()}, a probability. */
    public Builder postcodeTypo(double p) { return set("postcodeTypo", p); }
    /** Sets {@link ErrorModel#postcodeNoSpace()}, a probability. */
    public Builder postcodeNoSpace(double p) { return set("postcodeNoSpace", p); }
    /** Sets {@link ErrorModel#postcodeLowerCaseLabour()}, a probability. */
    public Builder postcodeLowerCaseLabour(double p) { return set("postcodeLowerCaseLabour", p); }
    /** Sets {@link ErrorModel#ninoMissingEducation()}, a probability. */
    public Builder ninoMissingEducation(double p) { return set("ninoMissingEducation", p); }
    /** Sets {@link ErrorModel#ninoMissingLabour()}, a probability. */
    public Builder ninoMissingLabour(double p) { return set("ninoMissingLabour", p); }
    /** Sets {@link ErrorModel#ninoWrongDigit()}, a probability. */
    public Builder ninoWrongDigit(double p) { return set("ninoWrongDigit", p); }
    /** Sets {@link ErrorModel#childMovePerYear()}, a probability. */
    public Builder childMovePerYear(double p) { return set("childMovePerYear", p); }
    /** Sets {@link ErrorModel#adultMovePerYear()}, a probability. */
    public Builder adultMovePerYear(double p) { return set("adultMovePerYear", p); }
    /** Sets {@link ErrorModel#surnameChangeOnMarriage()}, a probability. */
    public Builder surnameChangeOnMarriage(double p) { return set("surnameChangeOnMarriage", p); }

    /**
     * The model. Fails if the four mutually exclusive date-of-birth errors together exceed 1.
     */
    public ErrorModel build() {
      double dob = rates.get("dobMissing") + rates.get("dobDayMonthSwap")
        + rates.get("dobDigitError") + rates.get("dobDayImputed");
      if (dob > 1.0 + 1e-12) {
        throw new IllegalArgumentException(
          "dobMissing + dobDayMonthSwap + dobDigitError + dobDayImputed must not exceed 1: " + dob);
      }
      return new ErrorModel(rates);
    }
  }

}
