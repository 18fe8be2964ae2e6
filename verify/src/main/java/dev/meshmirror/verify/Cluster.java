package dev.meshmirror.verify;

import java.util.Optional;

/**
 * What {@code verify} reads from a cluster, as text: Kubernetes objects as {@code kubectl get -o
 * json} prints them, and Envoy's admin answers from a gateway pod. An interface so that the checks
 * can be run against recorded answers; {@link KubectlCluster} is the real one.
 */
public interface Cluster {
  /** The object as JSON, or empty when it does not exist. */
  Optional<String> get(String kind, String namespace, String name) throws ClusterException;

  /**
   * A JSON list ({@code {"items": [...]}}) of the objects of {@code kind} in {@code namespace}
   * whose labels match {@code selector}, a kubectl label selector.
   */
  String list(String kind, String namespace, String selector) throws ClusterException;

  /** Envoy's admin answer to {@code GET path} in the gateway pod's istio-proxy container. */
  String envoy(String namespace, String pod, String path) throws ClusterException;
}
