/**
 * JUnit 5 integration: {@link org.linkage.testkit.junit.GeneratedPopulation} injects a generated,
 * run-wide cached population into test parameters. The assertions it pairs with are in
 * {@link org.linkage.testkit.LinkageAssertions}. See {@code docs/testing-rules.md}.
 */
package org.linkage.testkit.junit;
