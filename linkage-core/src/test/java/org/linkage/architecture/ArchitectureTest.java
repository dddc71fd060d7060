package org.linkage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of linkage-core: no package cycles, an API that shows no internal or Guava
 * types, and no dependency on the other modules. docs/architecture.md explains the layers.
 */
class ArchitectureTest {
  /** The exported packages; anything else must live under {@code org.linkage.internal}. */
  static final Set<String> API_PACKAGES = Set.of(
      "org.linkage", "org.linkage.error", "org.linkage.progress", "org.linkage.spec", "org.linkage.record", "org.linkage.io",
      "org.linkage.model", "org.linkage.eval");

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("org.linkage");
  }

  @Test
  void packages_everyPackage_isFreeOfCycles() {
    // each package is its own slice, the root included
    SliceAssignment byPackage = new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        return javaClass.getPackageName().startsWith("org.linkage")
            ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "packages of linkage-core";
      }
    };
    slices().assignedFrom(byPackage).should().beFreeOfCycles().check(core);
  }

  @Test
  void packages_outsideInternal_areExactlyTheApiPackages() {
    Set<String> packages = core.stream().map(JavaClass::getPackageName)
        .filter(p -> !p.equals("org.linkage.internal") && !p.startsWith("org.linkage.internal."))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(packages).containsExactlyInAnyOrderElementsOf(API_PACKAGES);
  }

  @Test
  void packageInfo_everyPackage_saysWhetherItIsApiOrInternal() throws IOException {
    Path sources = Path.of("src", "main", "java");
    Set<String> packages;
    try (Stream<Path> walk = Files.walk(sources)) {
      packages = walk.filter(f -> f.toString().endsWith(".java")).map(f -> sources.relativize(f.getParent()).toString()
          .replace(java.io.File.separatorChar, '.')).collect(Collectors.toCollection(TreeSet::new));
    }
    List<String> wrong = new ArrayList<>();
    for (String pkg : packages) {
      Path info = sources.resolve(pkg.replace('.', java.io.File.separatorChar)).resolve("package-info.java");
      String text = Files.exists(info) ? Files.readString(info) : "";
      String expected = API_PACKAGES.contains(pkg) ? "<b>API</b>" : "<b>Internal</b>";
      if (!text.contains(expected)) {
        wrong.add(pkg + " (package-info.java should say " + expected + ")");
      }
    }
    assertThat(packages).containsAll(API_PACKAGES);
    assertThat(wrong).isEmpty();
  }

  /**
   * The API's size: at most this many public types in the API packages, nested ones included, and
   * at most {@link #MAX_TOP_LEVEL_API_TYPES} of them top-level. A new API type needs a place under
   * the budget (fold, nest or move another into {@code internal}); raise it only with a note.
   */
  static final int MAX_API_TYPES = 45;

  /** At most this many of the API's public types are top-level. */
  static final int MAX_TOP_LEVEL_API_TYPES = 31;

  @Test
  void apiTypes_count_withinTheBudget() {
    List<JavaClass> api = core.stream().filter(c -> API_PACKAGES.contains(c.getPackageName()) && isExported(c))
        .toList();
    List<String> all = api.stream().map(JavaClass::getName).sorted().toList();
    List<String> topLevel = api.stream().filter(JavaClass::isTopLevelClass).map(JavaClass::getName).sorted().toList();
    assertThat(topLevel).as("top-level public API types").isNotEmpty().hasSizeLessThanOrEqualTo(MAX_TOP_LEVEL_API_TYPES);
    assertThat(all).as("public API types, nested included").hasSizeLessThanOrEqualTo(MAX_API_TYPES);
  }

  @Test
  void coreClasses_otherModulesAndTheirLibraries_areNotUsed() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "org.linkage.cli..", "org.linkage.testkit..", "org.linkage.bench..", "picocli..", "org.openjdk.jmh..",
        "org.junit..").check(core);
  }

  /**
   * Known exceptions, each a detail of the run report that the project's own writers (report.json,
   * report.html, {@code linkage train}) read: the training report and the per-rule index figures.
   * They stay until the run report is assembled stage by stage and these parts become API records;
   * the list may only shrink.
   */
  static final Set<String> INTERNAL_TYPES_ALLOWED_IN = Set.of(
      "org.linkage.RunReport.<init>", "org.linkage.RunReport.indexStats", "org.linkage.RunReport.training",
      "org.linkage.Linker.train",
      // engine-facing: another engine (linkage-spark) runs the passes over the pairs
      "org.linkage.Linker.withEngine");

  @Test
  void apiTypes_publicSignatures_showNoInternalType() {
    publicApiClasses().should(exposeNoTypeMatching("an internal type",
        t -> t.getPackageName().startsWith("org.linkage.internal"),
        INTERNAL_TYPES_ALLOWED_IN)).check(core);
  }

  @Test
  void apiTypes_publicSignatures_showNoGuavaType() {
    publicApiClasses().should(exposeNoTypeMatching("a Guava type",
        t -> t.getPackageName().startsWith("com.google.common"), Set.of())).check(core);
  }

  @Test
  void internalTypes_apiPackages_dependOnlyDownwards() {
    // the data and vocabulary packages sit below the engine; only the facade, io and model use it
    noClasses().that().resideInAnyPackage("org.linkage.error", "org.linkage.progress", "org.linkage.spec", "org.linkage.record")
        .should().dependOnClassesThat(DescribedPredicate.describe("are in org.linkage.internal.* other than settings",
            c -> c.getPackageName().startsWith("org.linkage.internal") && !c.getPackageName().equals("org.linkage.internal.settings")))
        .check(core);
  }

  private static com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction publicApiClasses() {
    return classes().that(DescribedPredicate.describe("are public types of the API packages",
        c -> API_PACKAGES.contains(c.getPackageName()) && isExported(c)));
  }

  /** Public, and (if nested) inside public types only. */
  private static boolean isExported(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static ArchCondition<JavaClass> exposeNoTypeMatching(String what, Predicate<JavaClass> bad,
      Set<String> allowedIn) {
    return new ArchCondition<>("show no " + what + " in a public or protected signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<String> found = new ArrayList<>();
        c.getRawSuperclass().filter(bad).ifPresent(s -> found.add("extends " + s.getName()));
        c.getRawInterfaces().stream().filter(bad).forEach(i -> found.add("implements " + i.getName()));
        for (JavaCodeUnit unit : c.getCodeUnits()) {
          if (!visible(unit.getModifiers()) || unit.getName().equals("<clinit>")
              || allowedIn.contains(c.getName() + "." + unit.getName())) {
            continue;
          }
          List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
          types.add(unit.getReturnType());
          for (JavaType t : types) {
            t.getAllInvolvedRawTypes().stream().filter(bad)
                .forEach(r -> found.add(unit.getFullName() + " uses " + r.getName()));
          }
        }
        for (JavaField field : c.getFields()) {
          if (visible(field.getModifiers())) {
            field.getType().getAllInvolvedRawTypes().stream().filter(bad)
                .forEach(r -> found.add(field.getFullName() + " is " + r.getName()));
          }
        }
        for (String f : found) {
          events.add(SimpleConditionEvent.violated(c, f));
        }
      }
    };
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }
}
