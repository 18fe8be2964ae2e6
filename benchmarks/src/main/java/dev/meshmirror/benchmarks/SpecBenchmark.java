package dev.meshmirror.benchmarks;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Warm validation and rendering of one spec, the work a long-lived JVM (a Maven daemon, a service
 * embedding the library) does per spec. Run from the repository root: {@code mvn -B -pl benchmarks
 * exec:exec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpecBenchmark {
  @Param({"quickstart", "helm-us", "vendor-files-istio-operator"})
  String example;

  private final MeshMirror meshMirror = MeshMirror.create();
  private String name;
  private String text;
  private ConnectorSpec spec;

  @Setup
  public void read() {
    Path file = Path.of("examples", example, "connector.yaml").toAbsolutePath();
    try {
      name = file.toString();
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    spec = meshMirror.validate(name, text).spec().orElseThrow();
  }

  @Benchmark
  public ConnectorSpec validate() {
    return meshMirror.validate(name, text).spec().orElseThrow();
  }

  @Benchmark
  public Manifests render() {
    return meshMirror.render(spec);
  }

  @Benchmark
  public Manifests validateAndRender() {
    return meshMirror.render(meshMirror.validate(name, text).spec().orElseThrow());
  }
}
