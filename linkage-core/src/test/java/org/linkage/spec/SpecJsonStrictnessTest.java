package org.linkage.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.model.FellegiSunterModel;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;

/** Typos and wrong types anywhere in a spec are errors naming the key; a BOM is accepted. */
class SpecJsonStrictnessTest {
  private static InvalidSpecException invalid(String json) {
    try {
      LinkageSpec.fromJson(json);
    } catch (InvalidSpecException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void fromJson_unknownKeyInEveryNestedObject_eachListedWithAllowedKeys() {
    InvalidSpecException e = invalid("{\"columns\":[{\"name\":\"surname\",\"typ\":\"name\"}],"
        + "\"comparisons\":[{\"column\":\"surname\",\"kind\":\"surname\",\"tresholds\":[0.9]}],"
        + "\"blockingRules\":[{\"keys\":[\"surname\"],\"windw\":3}],"
        + "\"matchKeys\":[{\"columns\":[\"surname\"],\"mustNotDifer\":[\"dob\"]}],"
        + "\"training\":{\"maxIteration\":3},\"clustering\":{\"enable\":true}}");
    assertThat(e.problems())
        .anyMatch(p -> p.contains("columns[0]") && p.contains("'typ'") && p.contains("[format, name, source, type]"))
        .anyMatch(p -> p.contains("comparisons[0]") && p.contains("'tresholds'") && p.contains("thresholds"))
        .anyMatch(p -> p.contains("blockingRules[0]") && p.contains("'windw'"))
        .anyMatch(p -> p.contains("matchKeys[0]") && p.contains("'mustNotDifer'"))
        .anyMatch(p -> p.contains("training") && p.contains("'maxIteration'") && p.contains("maxIterations"))
        .anyMatch(p -> p.contains("clustering") && p.contains("'enable'"));
  }

  @Test
  void fromJson_wrongTypes_errorsNameKeyAndExpectedType() {
    InvalidSpecException e = invalid("{\"seed\":\"x\",\"threshold\":\"high\",\"maxBlockSize\":1.5,"
        + "\"training\":{\"estimateU\":\"yes\"},\"idColumn\":7}");
    assertThat(e.problems())
        .anyMatch(p -> p.contains(".seed") && p.contains("whole number"))
        .anyMatch(p -> p.contains(".threshold") && p.contains("a number") && !p.contains("0.0"))
        .anyMatch(p -> p.contains(".maxBlockSize") && p.contains("whole number"))
        .anyMatch(p -> p.contains("training.estimateU") && p.contains("true or false"))
        .anyMatch(p -> p.contains(".idColumn") && p.contains("a string"));
  }

  @Test
  void fromJson_elementNotAnObject_errorNotCrash() {
    assertThat(invalid("{\"comparisons\":[[[[1]]]]}").problems()).anyMatch(p -> p.contains("expected an object"));
    assertThat(invalid("{\"training\":[1]}").problems()).anyMatch(p -> p.contains("training"));
  }

  @Test
  void fromJson_nestedBeyondTheParserLimit_oneLineError() {
    String deep = "{\"comparisons\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> LinkageSpec.fromJson(deep)).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void fromJson_fileWithByteOrderMark_read(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bom.json");
    Files.write(f, ("\uFEFF{\"seed\": 7}").getBytes(StandardCharsets.UTF_8));
    assertThat(LinkageSpec.fromJson(f).seed()).isEqualTo(7);
  }

  @Test
  void fromJson_folderOrLatin1_unreadableInputNamingTheFile(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> LinkageSpec.fromJson(dir)).isInstanceOf(InputException.class)
        .hasMessageContaining("is a folder");
    Path latin = dir.resolve("latin.json");
    Files.write(latin, new byte[] {'{', '"', 'd', 'e', 's', 'c', 'r', 'i', 'p', 't', 'i', 'o', 'n', '"', ':', '"',
        (byte) 0xE9, '"', '}'});
    assertThatThrownBy(() -> LinkageSpec.fromJson(latin)).isInstanceOf(InputException.class)
        .hasMessageContaining("latin.json").hasMessageContaining("not UTF-8");
  }

  @Test
  void modelRead_missingFolderOrLatin1_unreadableInput(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> FellegiSunterModel.read(dir.resolve("none.json"))).isInstanceOf(InputException.class)
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> FellegiSunterModel.read(dir)).isInstanceOf(InputException.class).hasMessageContaining("folder");
    Path latin = Files.write(dir.resolve("m.json"), new byte[] {'{', (byte) 0xE9, '}'});
    assertThatThrownBy(() -> FellegiSunterModel.read(latin)).isInstanceOf(InputException.class).hasMessageContaining("UTF-8");
    Path notModel = Files.writeString(dir.resolve("n.json"), "[");
    assertThatThrownBy(() -> FellegiSunterModel.read(notModel)).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("not valid JSON");
  }
}
