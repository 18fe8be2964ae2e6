package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What embedding the core costs: its compile dependencies are these and no more. LuaJIT, Envoy's
 * protobuf types and the preview live in modules of their own (meshmirror-envoy-emulation,
 * meshmirror-preview), which the core's tests may use but its users never receive.
 */
class CoreDependenciesTest {
  @Test
  void theCoreDependsOnTheTemplatesJacksonTheSchemaValidatorAndFreeMarkerOnly() throws IOException {
    String pom = Files.readString(TestPaths.REPOSITORY.resolve("generator-core/pom.xml"));
    String dependencies =
        pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
    List<String> compile = new ArrayList<>();
    Matcher dependency =
        Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(dependencies);
    while (dependency.find()) {
      String body = dependency.group(1);
      if (!body.contains("<scope>test</scope>")) {
        Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
        artifact.find();
        compile.add(artifact.group(1));
      }
    }
    assertEquals(
        List.of(
            "meshmirror-templates",
            "freemarker",
            "jackson-databind",
            "jackson-dataformat-yaml",
            "json-schema-validator"),
        compile);
  }
}
