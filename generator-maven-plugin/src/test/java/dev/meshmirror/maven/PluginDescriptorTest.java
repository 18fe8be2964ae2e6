package dev.meshmirror.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The POM-facing contract, read from the generated plugin.xml: each goal's phase and thread safety,
 * each parameter's user property and default. A change here changes users' builds.
 */
class PluginDescriptorTest {
  private static Document descriptor;
  private static final XPath XPATH = XPathFactory.newInstance().newXPath();

  @BeforeAll
  static void read() throws Exception {
    descriptor =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("target", "classes", "META-INF", "maven", "plugin.xml").toFile());
  }

  @Test
  void prefixAndGoals() throws Exception {
    assertEquals("meshmirror", text("/plugin/goalPrefix"));
    assertEquals("generate-resources", text(mojo("generate") + "/phase"));
    assertEquals("validate", text(mojo("validate") + "/phase"));
    assertEquals("true", text(mojo("generate") + "/threadSafe"));
    assertEquals("true", text(mojo("validate") + "/threadSafe"));
    assertEquals("verify", text(mojo("check") + "/phase"));
    assertEquals("true", text(mojo("check") + "/threadSafe"));
    assertEquals("", text(mojo("help") + "/phase"), "help is run by name only");
    assertEquals("4", text("count(/plugin/mojos/mojo)"));
  }

  @Test
  void descriptionsKeepTheirPlaceholders() throws Exception {
    assertEquals(
        "Renders every connector spec into outputDirectory/<connector name>/.",
        text(mojo("generate") + "/description")
            .lines()
            .findFirst()
            .orElseThrow()
            .split("(?<=\\.) ")[0]);
    assertEquals(
        "Attach each connector's all.yaml to the build (classifier meshmirror-<name>, type yaml).",
        text(mojo("generate") + "/parameters/parameter[name='attach']/description"));
    assertEquals(
        "0",
        text("count(//parameter[editable='true'][not(normalize-space(description))])"),
        "every parameter a user can set is described");
  }

  @Test
  void generateParameters() throws Exception {
    assertEquals(
        Map.of(
            "attach", "${meshmirror.attach} default false",
            "failOnWarning", "${meshmirror.failOnWarning} default false",
            "outputDirectory",
                "${meshmirror.outputDirectory} default ${project.build.directory}/meshmirror",
            "project", " default ${project}",
            "skip", "${meshmirror.skip} default false",
            "spec", "${meshmirror.spec} default ",
            "specDirectory",
                "${meshmirror.specDirectory} default ${project.basedir}/src/main/meshmirror"),
        parameters("generate"));
  }

  @Test
  void checkParameters() throws Exception {
    assertEquals(
        Map.of(
            "committedDirectory",
                "${meshmirror.committedDirectory} default ${project.basedir}/src/main/manifests",
            "failOnWarning", "${meshmirror.failOnWarning} default false",
            "plugin", " default ${plugin}",
            "project", " default ${project}",
            "skip", "${meshmirror.skip} default false",
            "spec", "${meshmirror.spec} default ",
            "specDirectory",
                "${meshmirror.specDirectory} default ${project.basedir}/src/main/meshmirror"),
        parameters("check"));
  }

  @Test
  void validateParameters() throws Exception {
    assertEquals(
        Map.of(
            "failOnWarning", "${meshmirror.failOnWarning} default false",
            "outputDirectory",
                "${meshmirror.outputDirectory} default ${project.build.directory}/meshmirror",
            "project", " default ${project}",
            "skip", "${meshmirror.skip} default false",
            "spec", "${meshmirror.spec} default ",
            "specDirectory",
                "${meshmirror.specDirectory} default ${project.basedir}/src/main/meshmirror"),
        parameters("validate"));
  }

  private static Map<String, String> parameters(String goal) throws Exception {
    NodeList configuration =
        (NodeList)
            XPATH.evaluate(mojo(goal) + "/configuration/*", descriptor, XPathConstants.NODESET);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < configuration.getLength(); i++) {
      Node parameter = configuration.item(i);
      Node defaultValue = parameter.getAttributes().getNamedItem("default-value");
      parameters.put(
          parameter.getNodeName(),
          parameter.getTextContent()
              + " default "
              + (defaultValue == null ? "" : defaultValue.getNodeValue()));
    }
    return parameters;
  }

  private static String mojo(String goal) {
    return "/plugin/mojos/mojo[goal='" + goal + "']";
  }

  private static String text(String expression) throws Exception {
    return XPATH.evaluate(expression, descriptor);
  }
}
