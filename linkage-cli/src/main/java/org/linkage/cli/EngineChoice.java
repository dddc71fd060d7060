package org.linkage.cli;

import java.lang.reflect.InvocationTargetException;
import org.linkage.Linker;
import org.linkage.internal.stage.PairEngine;
import org.linkage.error.InvalidSpecException;

/**
 * The engine of {@code --engine}: {@code local} (this process's threads) or {@code spark} (the
 * passes over the candidate pairs on Apache Spark). The Spark engine is loaded by name, so the
 * command line carries no Spark classes: it is there only when {@code linkage-spark} and Spark's jars
 * are on the classpath (the {@code linkage} script puts them there for {@code --engine spark}).
 * One run at a time per process: the chosen engine is held for the run and released by {@link #close}.
 */
final class EngineChoice implements AutoCloseable {
  private static final String SPARK_ENGINE = "org.linkage.spark.SparkPairEngine";
  private static volatile PairEngine current; // the engine of the run in progress; null: in process

  private final AutoCloseable opened;

  private EngineChoice(AutoCloseable opened) {
    this.opened = opened;
  }

  /**
   * Opens {@code engine} ({@code null} or {@code local}: in process) on {@code master} (Spark only;
   * default {@code local[*]}, or the master {@code spark-submit} set).
   *
   * @throws InvalidSpecException if the engine is unknown, {@code --master} is given without Spark,
   *     or the Spark engine is not on the classpath
   */
  static EngineChoice open(String engine, String master) {
    String name = engine == null ? "local" : engine.trim().toLowerCase(java.util.Locale.ROOT);
    if (name.equals("local")) {
      if (master != null) {
        throw new InvalidSpecException("--master needs --engine spark");
      }
      return new EngineChoice(null);
    }
    if (!name.equals("spark")) {
      throw new InvalidSpecException("--engine must be local or spark, got '" + engine + "'");
    }
    String at = master != null ? master : System.getProperty("spark.master") != null ? null : "local[*]";
    PairEngine spark;
    try {
      spark = (PairEngine) Class.forName(SPARK_ENGINE).getMethod("start", String.class).invoke(null, at);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new InvalidSpecException("--engine spark needs linkage-spark and Apache Spark 4.2 on the classpath: "
          + "run it through the ./linkage script or spark-submit (see docs/spark.md)");
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NoClassDefFoundError) {
        throw new InvalidSpecException("--engine spark needs Apache Spark 4.2 on the classpath: " + cause.getMessage()
            + " is missing (see docs/spark.md)");
      }
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Spark engine could not be started", e);
    }
    current = spark;
    return new EngineChoice((AutoCloseable) spark);
  }

  /** {@code linker} on the engine of the run in progress. */
  static Linker apply(Linker linker) {
    PairEngine engine = current;
    return engine == null ? linker : linker.withEngine(engine);
  }

  /** Releases the engine (stops the Spark session it started). */
  @Override
  public void close() {
    if (opened == null) {
      return;
    }
    current = null;
    try {
      opened.close();
    } catch (Exception e) {
      throw new IllegalStateException("the Spark session did not stop cleanly", e);
    }
  }
}
