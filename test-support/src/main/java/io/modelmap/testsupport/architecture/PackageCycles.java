package io.modelmap.testsupport.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package-graph check of a module with rooms (ArchUnit): its main classes under {@code root} form no cycle,
 * neither between the packages directly under the root nor through the root package itself. A failure names the
 * dependencies that close the cycle.
 */
public final class PackageCycles {
  private final String root;
  private final JavaClasses classes;

  private PackageCycles(String root) {
    this.root = root;
    this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(root);
  }

  /** The main classes of the packages under {@code root}. */
  public static PackageCycles of(String root) {
    return new PackageCycles(root);
  }

  /** No cycle between the packages directly under the root (each with its subpackages). */
  public void assertNoCycleBetweenSubpackages() {
    slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  /**
   * No cycle through the root package either: the pattern of {@link #assertNoCycleBetweenSubpackages} leaves classes
   * directly in the root out of every slice, so a cycle through them (a package using a root class that uses the
   * package) would go unseen; here the root is a slice of its own.
   */
  public void assertNoCycleThroughTheRoot() {
    slices().assignedFrom(new TopLevelPackages(root)).should().beFreeOfCycles().check(classes);
  }

  /** One slice per package directly under the root (its subpackages included), and one for the root itself. */
  private record TopLevelPackages(String root) implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      if (name.equals(root)) {
        return SliceIdentifier.of("(root)");
      }
      if (name.startsWith(root + ".")) {
        return SliceIdentifier.of(name.substring(root.length() + 1).split("\\.")[0]);
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the packages directly under " + root + " and the root package itself";
    }
  }
}
