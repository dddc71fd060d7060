/**
 * The strategy harness: benchmark match strategies — built-in variations and your own specs — on
 * data sets (your CSV files or tables, generated populations, FEBRL4) with 95% bootstrap intervals
 * ({@link org.linkage.testkit.bench.Bootstrap}), McNemar tests between strategies
 * ({@link org.linkage.testkit.bench.McNemar}), timings, peak heap and error patterns, rendered as
 * Markdown, CSV, JSON or HTML ({@link org.linkage.testkit.bench.BenchReports}). Entry point:
 * {@link org.linkage.testkit.bench.StrategyHarness}; assertions on the results:
 * {@link org.linkage.testkit.LinkageAssertions#assertThat(org.linkage.testkit.bench.HarnessResults)}.
 */
package org.linkage.testkit.bench;
