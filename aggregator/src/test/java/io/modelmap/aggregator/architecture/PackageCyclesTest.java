package io.modelmap.aggregator.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's packages form a graph without cycles: {@code app} assembles the features, the
 * features ({@code ingest}, {@code matrix}, {@code agreement}, ...) may use {@code support}, and
 * {@code support} uses no feature. A class that reaches "up" (a feature importing {@code app}, or
 * {@code support} importing a feature) closes a cycle and fails this test, naming the dependencies.
 */
class PackageCyclesTest {
  private static final String ROOT = "io.modelmap.aggregator";
  private static final JavaClasses AGGREGATOR = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  @Test
  void shouldHaveNoCycleBetweenTheAggregatorsSubpackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(AGGREGATOR);
  }

  /**
   * The pattern above leaves classes directly in {@code io.modelmap.aggregator} out of every slice, and
   * a cycle through them (a feature using a root class that uses the feature) would go unseen: here
   * the root package is a slice of its own.
   */
  @Test
  void shouldHaveNoCycleThroughTheRootPackage() {
    slices().assignedFrom(new TopLevelPackages()).should().beFreeOfCycles().check(AGGREGATOR);
  }

  /** One slice per package directly under the root (its subpackages included), and one for the root itself. */
  private static final class TopLevelPackages implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      if (name.equals(ROOT)) {
        return SliceIdentifier.of("(root)");
      }
      if (name.startsWith(ROOT + ".")) {
        return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the packages directly under " + ROOT + " and the root package itself";
    }
  }
}
