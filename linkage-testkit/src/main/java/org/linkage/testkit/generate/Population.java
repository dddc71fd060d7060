package org.linkage.testkit.generate;

import java.util.List;

/**
 * A generated population held in memory: the same rows, in the same order, that
 * {@link PopulationGenerator#writeTo} writes to {@code education.csv}, {@code labour.csv},
 * {@code truth.csv} and {@code truth_persons.csv}, each with its header. Meant for tests and small
 * populations; use {@code writeTo} for large ones.
 *
 * <p>The lists are unmodifiable; the row arrays are shared and must not be modified.
 */
public final class Population {
  private final List<String> educationHeader;
  private final List<String[]> education;
  private final List<String> labourHeader;
  private final List<String[]> labour;
  private final List<String[]> truth;
  private final List<String[]> truthPersons;

  Population(List<String> educationHeader, List<String[]> education, List<String> labourHeader,
         List<String[]> labour, List<String[]> truth, List<String[]> truthPersons) {
    this.educationHeader = List.copyOf(educationHeader);
    this.education = List.copyOf(education);
    this.labourHeader = List.copyOf(labourHeader);
    this.labour = List.copyOf(labour);
    this.truth = List.copyOf(truth);
    this.truthPersons = List.copyOf(truthPersons);
  }

  /** Header of {@code education.csv}: {@code id,forename,middle_name,surname,dob,sex,postcode,nino,source,academic_year}. */
  public List<String> educationHeader() { return educationHeader; }

  /** Rows of {@code education.csv} (the left side), in file order (by id). */
  public List<String[]> education() { return education; }

  /** Header of {@code labour.csv}: {@code id,forename,middle_name,surname,dob,sex,postcode,nino,source,tax_year,earnings_band}. */
  public List<String> labourHeader() { return labourHeader; }

  /** Rows of {@code labour.csv} (the right side), in file order (by id). */
  public List<String[]> labour() { return labour; }

  /** Header of {@code truth.csv}: {@code left_id,right_id}. */
  public List<String> truthHeader() { return List.of(PopulationGenerator.TRUTH_HEADER); }

  /** Rows of {@code truth.csv}: every (education record, labour record) pair of the same person. */
  public List<String[]> truth() { return truth; }

  /** Header of {@code truth_persons.csv}: {@code person_id,side,record_id}. */
  public List<String> truthPersonsHeader() { return List.of(PopulationGenerator.TRUTH_PERSONS_HEADER); }

  /** Rows of {@code truth_persons.csv}: every record with its person, side {@code left} or {@code right}. */
  public List<String[]> truthPersons() { return truthPersons; }
}
