package dev.meshmirror.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonTrees reads and writes what an ObjectMapper would, without one. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        "{\"int\":2147483647,\"long\":2147483648,\"big\":123456789012345678901234567890}",
        "{\"negative\":-7,\"fraction\":0.25,\"exponent\":1e300,\"small\":-1.5E-7}",
        "{\"quotes\":\"say \\\"hi\\\"\",\"slash\":\"a\\\\b\",\"control\":\"\\u0001\\n\\t\"}",
        "{\"unicode\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\",\"escaped\":\"\\u00e9\"}",
        "{\"same\":1,\"same\":2}",
        "  [ 1 , {\"nested\" : [ [ ] , { } ] } ]  ",
        "\"just text\"",
        "42"
      })
  void readsAndWritesWhatAMapperWould(String json) throws IOException {
    JsonNode expected = MAPPER.readTree(json);
    JsonNode read = JsonTrees.read(json);
    assertEquals(expected, read);
    assertEquals(expected, JsonTrees.read(json.getBytes(StandardCharsets.UTF_8)));
    assertEquals(MAPPER.writeValueAsString(expected), JsonTrees.write(read));
    assertEquals(MAPPER.writeValueAsString(expected), JsonTrees.write(expected));
    assertEquals(expected.toString(), read.toString());
  }

  @Test
  void readTextPrintsItselfAsJson() throws IOException {
    JsonNode text = JsonTrees.read("\"a \\\"b\\\" \\\\ \\n \u00e9\"");
    assertEquals(MAPPER.readTree("\"a \\\"b\\\" \\\\ \\n \u00e9\"").toString(), text.toString());
    assertEquals("\"a \\\"b\\\" \\\\ \\n \u00e9\"", text.toString());
  }

  @Test
  void writesEveryKindOfNumberAsAMapperWould() throws IOException {
    ObjectNode tree =
        JsonNodeFactory.instance
            .objectNode()
            .put("int", 7)
            .put("long", 1L << 40)
            .put("bigInteger", new BigInteger("123456789012345678901234567890"))
            .put("float", 0.5f)
            .put("double", 2.25)
            .put("decimal", new BigDecimal("1.50"));
    assertEquals(MAPPER.writeValueAsString(tree), JsonTrees.write(tree));
    assertEquals(
        "{\"int\":7,\"long\":1099511627776,\"bigInteger\":123456789012345678901234567890,"
            + "\"float\":0.5,\"double\":2.25,\"decimal\":1.50}",
        JsonTrees.write(tree));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{\"a\":", "[1,]", "{} {}", "1 2", "{\"a\" 1}"})
  void refusesWhatIsNotOneJsonValue(String json) {
    assertThrows(IOException.class, () -> JsonTrees.read(json));
  }
}
