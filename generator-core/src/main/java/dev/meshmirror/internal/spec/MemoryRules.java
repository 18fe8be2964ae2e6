package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Transport;
import java.util.List;
import java.util.Optional;

/**
 * The Lua connector's memory: each Lua state's share of capture.memory.perPod must hold at least
 * one whole transaction (two capped bodies and their headers), else every large transaction is sent
 * without its response.
 */
final class MemoryRules implements Check {
  private static final String MEMORY = Pointer.of("spec", "capture", "memory");

  /** What a transaction holds besides its bodies: headers and framing, generously. */
  static final long HEADERS = 65_536;

  @Override
  public List<Problem> check(SpecDocument document) {
    if (!document.transportIs(Transport.LUA)) {
      return List.of();
    }
    Optional<Long> perPod = document.value(Pointer.child(MEMORY, "perPod")).map(v -> v.longValue());
    Optional<Long> workers =
        document.value(Pointer.child(MEMORY, "workers")).map(v -> v.longValue());
    Optional<Long> managers =
        document.value(Pointer.child(MEMORY, "httpConnectionManagers")).map(v -> v.longValue());
    Optional<Long> body =
        document.value(Pointer.of("spec", "capture", "maxBodyBytes")).map(v -> v.longValue());
    if (perPod.isEmpty() || workers.isEmpty() || managers.isEmpty() || body.isEmpty()) {
      return List.of();
    }
    long perState = perPod.get() / (workers.get() * managers.get());
    long transaction = 2 * body.get() + HEADERS;
    if (perState >= transaction) {
      return List.of();
    }
    String at =
        document.has(Pointer.child(MEMORY, "perPod")) ? Pointer.child(MEMORY, "perPod") : MEMORY;
    return List.of(
        document
            .at(at)
            .says(
                "gives each of the gateway's "
                    + workers.get() * managers.get()
                    + " Lua states "
                    + perState
                    + " bytes, less than one transaction of two "
                    + body.get()
                    + "-byte bodies: large transactions would be sent without their response")
            .expected(
                "perPod of at least "
                    + transaction * workers.get() * managers.get()
                    + " bytes, or a smaller capture.maxBodyBytes")
            .hint("raise spec.capture.memory.perPod, or lower spec.capture.maxBodyBytes"));
  }
}
