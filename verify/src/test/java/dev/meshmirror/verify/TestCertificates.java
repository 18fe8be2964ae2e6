package dev.meshmirror.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CA certificates made by the JDK's own keytool, in PEM, for the CA checks. */
final class TestCertificates {
  private TestCertificates() {}

  /** A self-signed CA certificate named {@code cn}, valid for {@code days} days, in PEM. */
  static String ca(Path folder, String cn, int days) throws IOException, InterruptedException {
    Path store = folder.resolve(cn + ".p12");
    run(
        keytool(),
        "-genkeypair",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + cn,
        "-ext",
        "bc:c",
        "-validity",
        String.valueOf(days));
    Path pem = folder.resolve(cn + ".pem");
    run(
        keytool(),
        "-exportcert",
        "-rfc",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-alias",
        "ca",
        "-file",
        pem.toString());
    return Files.readString(pem, StandardCharsets.UTF_8);
  }

  private static String keytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), "keytool: " + output);
  }
}
