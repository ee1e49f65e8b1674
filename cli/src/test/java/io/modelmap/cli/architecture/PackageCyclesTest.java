package io.modelmap.cli.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The CLI's packages form a graph without cycles: the root ({@code ModelMapCli} and the first commands)
 * lists the commands, the audience packages ({@code operations}, {@code data}, {@code evaluation},
 * {@code models}, {@code bench}) hold them, and what they share ({@code support}, {@code hub},
 * {@code runtime}, {@code transfer}, {@code logging}) uses no command. A class that reaches "up" (a
 * command package using the root, {@code support} using a command) closes a cycle and fails this test,
 * naming the dependencies.
 */
class PackageCyclesTest {
  private static final String ROOT = "io.modelmap.cli";
  private static final JavaClasses CLI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  @Test
  void shouldHaveNoCycleBetweenTheCliSubpackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLI);
  }

  /**
   * The pattern above leaves classes directly in {@code io.modelmap.cli} out of every slice, and a cycle
   * through them (a command using {@code ModelMapCli}, which lists the command) would go unseen: here the
   * root package is a slice of its own.
   */
  @Test
  void shouldHaveNoCycleThroughTheRootPackage() {
    slices().assignedFrom(new TopLevelPackages()).should().beFreeOfCycles().check(CLI);
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
