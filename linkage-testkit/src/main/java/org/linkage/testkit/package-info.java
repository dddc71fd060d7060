/**
 * Support for unit-testing linkage rules: {@link org.linkage.testkit.PopulationTables} turns a generated
 * population into the engine's tables and truth, {@link org.linkage.testkit.PersonRecord} writes single
 * records inline, and {@link org.linkage.testkit.LinkageAssertions} checks pair decisions and
 * population-level precision and recall. The JUnit 5 extension that injects populations is in
 * {@link org.linkage.testkit.junit}; the generator in {@link org.linkage.testkit.generate}. See
 * {@code docs/testing-rules.md}.
 *
 * <p>API of the linkage-testkit module. As one of the project's own modules its implementation may
 * use linkage-core's {@code org.linkage.internal} packages; its public signatures use linkage-core's
 * API types where it can.
 */
package org.linkage.testkit;
