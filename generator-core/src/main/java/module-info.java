/**
 * meshmirror's core library: reads and validates a connector spec, renders its manifests and writes
 * them. Its API is the package {@code dev.meshmirror} alone; everything in {@code
 * dev.meshmirror.internal} stays inside the module, so it can change in any release. The templates
 * and the bundled Lua connector come from the meshmirror-templates jar, read as resources.
 */
module dev.meshmirror.core {
  exports dev.meshmirror;

  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.networknt.schema;
  requires freemarker;
  requires org.yaml.snakeyaml;
}
