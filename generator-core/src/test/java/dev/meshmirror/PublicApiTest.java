package dev.meshmirror;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is deliberate: a handful of types in {@code dev.meshmirror}, and no Jackson or
 * internal type in any of their public signatures, so that the internals can change freely.
 */
class PublicApiTest {
  private static final List<String> API =
      List.of(
          "ConnectorSpec",
          "Drift",
          "InvalidSpecException",
          "Manifest",
          "Manifests",
          "MeshMirror",
          "Problem",
          "SpecBuilder",
          "Validation",
          "WriteResult");

  @Test
  void onlyTheApiIsPublicOutsideTheInternalPackage() throws Exception {
    assertEquals(API, publicTopLevelTypes());
    assertTrue(API.size() <= 10);
  }

  @Test
  void theModuleExportsTheApiPackageAlone() throws IOException {
    Path descriptor = classesFolder().resolve("module-info.class");
    try (InputStream in = Files.newInputStream(descriptor)) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertEquals("dev.meshmirror.core", module.name());
      assertEquals(
          Set.of("dev.meshmirror"),
          module.exports().stream().map(ModuleDescriptor.Exports::source).collect(toSet()));
      assertTrue(
          module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified),
          "exported to everyone, not to friends");
    }
  }

  /** README's sentence that names the public types lists exactly these, and in this order. */
  @Test
  void theReadmeNamesExactlyTheApi() throws IOException {
    String readme = Files.readString(TestPaths.REPOSITORY.resolve("README.md"));
    Matcher sentence =
        Pattern.compile("public API is (\\w+) types in `dev\\.meshmirror` \\(([^)]*)\\)")
            .matcher(readme);
    assertTrue(sentence.find(), "README.md names the public API");
    List<String> named = new ArrayList<>();
    Matcher type = Pattern.compile("`(\\w+)`").matcher(sentence.group(2));
    while (type.find()) {
      named.add(type.group(1));
    }
    assertEquals(API, named);
    assertEquals(NUMBERS.get(API.size()), sentence.group(1), "the count README gives");
  }

  private static final List<String> NUMBERS =
      List.of(
          "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

  @Test
  void noPublicSignatureShowsJacksonOrInternalTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String name : API) {
      Class<?> type = Class.forName("dev.meshmirror." + name);
      List<Class<?>> types = new ArrayList<>(List.of(type));
      types.addAll(
          Arrays.stream(type.getDeclaredClasses())
              .filter(c -> Modifier.isPublic(c.getModifiers()))
              .toList());
      for (Class<?> api : types) {
        for (Method method : api.getDeclaredMethods()) {
          if (Modifier.isPublic(method.getModifiers())) {
            check(api, method.getName(), method.getGenericReturnType(), leaks);
            checkParameters(api, method, leaks);
          }
        }
        for (var constructor : api.getDeclaredConstructors()) {
          if (Modifier.isPublic(constructor.getModifiers())) {
            checkParameters(api, constructor, leaks);
          }
        }
        for (Field field : api.getDeclaredFields()) {
          if (Modifier.isPublic(field.getModifiers())) {
            check(api, field.getName(), field.getGenericType(), leaks);
          }
        }
        if (api.isRecord()) {
          for (RecordComponent component : api.getRecordComponents()) {
            check(api, component.getName(), component.getGenericType(), leaks);
          }
        }
      }
    }
    assertEquals(List.of(), leaks, "public signatures that show Jackson or internal types");
  }

  private static void checkParameters(Class<?> api, Executable executable, List<String> leaks) {
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(api, executable.getName(), parameter, leaks);
    }
  }

  private static void check(Class<?> api, String member, Type type, List<String> leaks) {
    String name = type.getTypeName();
    if (name.contains("com.fasterxml") || name.contains("dev.meshmirror.internal")) {
      leaks.add(api.getSimpleName() + "." + member + ": " + name);
    }
  }

  private static Path classesFolder() {
    return Path.of(MeshMirror.class.getProtectionDomain().getCodeSource().getLocation().getPath());
  }

  /** The public top-level classes compiled into dev/meshmirror, outside dev/meshmirror/internal. */
  private static List<String> publicTopLevelTypes() throws IOException, ClassNotFoundException {
    Path classes = classesFolder().resolve("dev/meshmirror");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        if (!simple.contains("$")
            && Modifier.isPublic(Class.forName("dev.meshmirror." + simple).getModifiers())) {
          found.add(simple);
        }
      }
    }
    return found;
  }
}
