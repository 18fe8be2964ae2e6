package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cold run loads. Validating and rendering every example in a fresh JVM must build no
 * Jackson {@code ObjectMapper} and create none of FreeMarker's built-ins: the first costs about 330
 * classes and 0.2 s, the second about 190 classes, and every command-line run and every Maven build
 * that renders would load and verify them (docs/benchmarks.md). Either one comes back with a single
 * {@code JsonNode.toString()} or a {@code ?has_content} in a template.
 */
class ColdStartClassesTest {
  private static final List<String> AVOIDED =
      List.of("com.fasterxml.jackson.databind.ObjectMapper", "freemarker.core.BuiltInsFor");

  @Test
  void renderingEveryExampleBuildsNoMapperAndNoBuiltIns(@TempDir Path temp)
      throws IOException, InterruptedException {
    Path log = temp.resolve("classes.log");
    Process java =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xlog:class+load=info:file=" + log + ":none",
                "-cp",
                System.getProperty("java.class.path"),
                RenderEveryExample.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, java.waitFor(), output);
    assertEquals(
        Examples.all().size() + " examples rendered, and helm-us with the pods' own proxy config",
        output.strip());

    List<String> loaded =
        Files.readAllLines(log).stream().map(line -> line.split(" ", 2)[0]).toList();
    assertTrue(loaded.contains("freemarker.template.Configuration"), "the log names the classes");
    List<String> found = new ArrayList<>();
    for (String avoided : AVOIDED) {
      List<String> classes = loaded.stream().filter(name -> name.startsWith(avoided)).toList();
      if (!classes.isEmpty()) {
        found.add(avoided + "...: " + classes.size() + " loaded, the first " + classes.get(0));
      }
    }
    assertEquals(List.of(), found, "classes that a cold run should not load");
  }

  /**
   * The fresh JVM's work: what {@code meshmirror generate} does for each example, and for a Helm
   * gateway whose pods carry a proxy config of their own (which no example has; removal then sets
   * it back with {@code --set-json}).
   */
  public static final class RenderEveryExample {
    private static final String GATEWAY_NAME = "    name: istio-ingressgateway\n";

    private RenderEveryExample() {}

    public static void main(String[] arguments) throws IOException {
      List<Examples> examples = Examples.all();
      for (Examples example : examples) {
        Examples.MESH_MIRROR.render(example.load());
      }
      Path helm = Examples.ROOT.resolve("helm-us/connector.yaml");
      String text = Files.readString(helm);
      if (!text.contains(GATEWAY_NAME)) {
        throw new AssertionError(helm + " no longer names its gateway as this test expects");
      }
      String withProxyConfig =
          text.replace(
              GATEWAY_NAME,
              GATEWAY_NAME
                  + "    proxyConfig: {proxyStatsMatcher: {inclusionPrefixes: [cluster.outbound]}}\n");
      Examples.MESH_MIRROR.render(
          Examples.MESH_MIRROR.validate(helm.toString(), withProxyConfig).spec().orElseThrow());
      System.out.println(
          examples.size() + " examples rendered, and helm-us with the pods' own proxy config");
    }
  }
}
