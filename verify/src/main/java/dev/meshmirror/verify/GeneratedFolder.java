package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A connector folder that meshmirror generated, read back as {@link Manifests}: its
 * kustomization.yaml names the applied objects, the other files are read as they are.
 */
public final class GeneratedFolder {
  private GeneratedFolder() {}

  /**
   * The manifests of {@code folder}, named after it.
   *
   * @throws IllegalArgumentException when it is no generated connector folder
   */
  public static Manifests read(Path folder) throws IOException {
    Path kustomization = folder.resolve("kustomization.yaml");
    if (!Files.isRegularFile(kustomization)) {
      throw new IllegalArgumentException(
          folder + " is no generated connector folder: it has no kustomization.yaml");
    }
    JsonNode resources =
        Expectations.yaml(Files.readString(kustomization, StandardCharsets.UTF_8))
            .path("resources");
    Set<String> applied = new HashSet<>();
    resources.forEach(resource -> applied.add(resource.asText()));
    List<Manifest> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".md")) {
          manifests.add(
              new Manifest(
                  name, Files.readString(file, StandardCharsets.UTF_8), applied.contains(name)));
        }
      }
    }
    Path name = folder.toAbsolutePath().normalize().getFileName();
    return new Manifests(name == null ? "connector" : name.toString(), manifests);
  }
}
