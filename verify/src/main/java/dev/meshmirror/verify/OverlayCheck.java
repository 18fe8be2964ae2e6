package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.verify.Expectations.VolumeExpectation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gateway pod runs with the overlay: its annotations (the stats inclusions, the mounted files'
 * checksum, so the current revision) and every volume, from the right source, mounted into
 * istio-proxy where the connector reads it.
 */
final class OverlayCheck {
  static final String NAME = "overlay";

  private OverlayCheck() {}

  static Verdict run(Expectations expected, JsonNode pod) {
    String name = pod.at("/metadata/name").asText();
    List<String> wrong = new ArrayList<>();
    JsonNode annotations = pod.at("/metadata/annotations");
    for (Map.Entry<String, String> annotation : expected.annotations().entrySet()) {
      JsonNode value = annotations.path(annotation.getKey());
      if (value.isMissingNode()) {
        wrong.add("no annotation " + annotation.getKey());
      } else if (!value.asText().equals(annotation.getValue())) {
        wrong.add("annotation " + annotation.getKey() + " is another value than the overlay's");
      }
    }
    for (VolumeExpectation volume : expected.volumes()) {
      JsonNode found = null;
      for (JsonNode podVolume : pod.at("/spec/volumes")) {
        if (podVolume.path("name").asText().equals(volume.name())) {
          found = podVolume;
        }
      }
      JsonNode source = found == null ? null : found.path(volume.secret() ? "secret" : "configMap");
      if (source == null
          || !source
              .path(volume.secret() ? "secretName" : "name")
              .asText()
              .equals(volume.source())) {
        wrong.add("no volume " + volume.name() + " from " + volume.source());
        continue;
      }
      if (!mounted(pod, volume)) {
        wrong.add("istio-proxy does not mount " + volume.name() + " at " + volume.mountPath());
      }
    }
    if (!wrong.isEmpty()) {
      return Verdict.fail(
          name,
          NAME,
          String.join("; ", wrong)
              + ": the pod runs without the connector's overlay (it started before it, or the overlay"
              + " was not applied)",
          "apply step 2 of INSTALL.md and wait for the rollout");
    }
    return Verdict.pass(
        name,
        NAME,
        expected.annotations().size()
            + " annotations and "
            + expected.volumes().size()
            + " volumes of the overlay");
  }

  private static boolean mounted(JsonNode pod, VolumeExpectation volume) {
    for (JsonNode container : pod.at("/spec/containers")) {
      if (container.path("name").asText().equals("istio-proxy")) {
        for (JsonNode mount : container.path("volumeMounts")) {
          if (mount.path("name").asText().equals(volume.name())
              && mount.path("mountPath").asText().equals(volume.mountPath())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
