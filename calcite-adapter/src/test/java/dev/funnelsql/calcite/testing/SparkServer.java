package dev.funnelsql.calcite.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Spark of a test run: Spark in local mode with its Thrift server (HiveServer2's protocol), run by Spark's
 * own {@code HiveThriftServer2} main class in a JVM of its own (this JVM's Java), on the class path that the
 * {@code engines/spark} module resolves from Maven Central (system property {@code funnelsql.spark.classpath} names
 * the file holding it). Its catalog is in memory (a Hive metastore in Derby costs each query 0.1 s), its warehouse in a
 * temporary directory, and its session time zone is UTC.
 * Reached with Apache Kyuubi's Hive JDBC driver. Started on first use, stopped when the JVM exits
 * ({@link EngineProcess}).
 */
public final class SparkServer {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  /** The JDK module openings Spark's own launcher adds on Java 17, which Spark, Kryo and Hive reach into. */
  private static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
      "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref",
      "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");
  private static final EngineProcess ENGINE = new EngineProcess("Spark", SparkServer::start);
  private static volatile Path log;

  private SparkServer() {
  }

  /** The JDBC URL of the Thrift server's {@code default} database, starting Spark on the first call. */
  public static String url() {
    return ENGINE.url();
  }

  /** What Spark has logged so far (its driver's INFO log: queries submitted, run, cancelled); empty before it runs. */
  public static String log() throws IOException {
    return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
  }

  private static String start(EngineProcess engine) throws IOException, InterruptedException {
    final String classpathFile = System.getProperty("funnelsql.spark.classpath");
    if (classpathFile == null || !Files.isRegularFile(Path.of(classpathFile))) {
      engine.unavailable("no Spark class path (system property funnelsql.spark.classpath: " + classpathFile
          + "); run the tests through Maven, which resolves it in engines/spark");
      return null;
    }
    final int port = EngineProcess.freePort();
    final Path home = Files.createTempDirectory("funnelsql-spark");
    final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx2g", "-XX:+IgnoreUnrecognizedVMOptions", "-Djdk.reflect.useDirectMethodHandle=false"));
    OPENS.forEach(open -> command.add("--add-opens=java.base/" + open + "=ALL-UNNAMED"));
    command.addAll(List.of("-Dspark.master=local[2]", "-Dspark.app.name=funnelsql-test",
        "-Dspark.ui.enabled=false", "-Dspark.sql.session.timeZone=UTC", "-Dspark.sql.shuffle.partitions=4",
        "-Dspark.sql.hive.thriftServer.singleSession=true", "-Dspark.sql.catalogImplementation=in-memory",
        "-Dspark.sql.warehouse.dir=" + home.resolve("warehouse"),
        "-cp", Files.readString(Path.of(classpathFile), StandardCharsets.UTF_8).trim(),
        "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2",
        "--hiveconf", "hive.server2.thrift.port=" + port, "--hiveconf", "hive.server2.thrift.bind.host=127.0.0.1"));
    log = home.resolve("server.log");
    EngineProcess.launch(new ProcessBuilder(command).directory(home.toFile()), log, "HiveThriftServer2 started",
        START_TIMEOUT);
    return "jdbc:hive2://127.0.0.1:" + port + "/default";
  }
}
