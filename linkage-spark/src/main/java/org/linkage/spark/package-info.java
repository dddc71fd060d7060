/**
 * linkage on Apache Spark: {@link org.linkage.spark.SparkLinker} links two {@code Dataset<Row>}s (or
 * deduplicates one) and returns a {@link org.linkage.spark.SparkLinkage} of Datasets;
 * {@link org.linkage.spark.SparkPairEngine} runs the passes over the candidate pairs of any
 * {@link org.linkage.Linker} run on a Spark session. The answer is the in-process engine's. See
 * {@code docs/spark.md}.
 *
 * <p>API of the linkage-spark module. As one of the project's own modules its implementation uses
 * linkage-core's engine-facing types ({@link org.linkage.internal.stage.PairEngine}, {@link org.linkage.internal.stage.PairPass})
 * and its internal blocking index, encoding and comparisons;
 * its public signatures use linkage-core's API and Spark's.
 */
package org.linkage.spark;
