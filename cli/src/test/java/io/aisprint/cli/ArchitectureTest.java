package io.aisprint.cli;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module map of {@code shared/design/ARCHITECTURE.md}, checked on the main classes of every
 * module (the CLI's test class path is the only one that sees them all). A new import that runs
 * against an arrow, or into another module's {@code internal} package, fails here with the
 * offending class and line.
 *
 * <p>Each module is one package root {@code io.aisprint.<module>}. A new module fails the
 * "every class belongs to a module" check until it gets a row below.
 */
@AnalyzeClasses(packages = "io.aisprint", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** {@code io.aisprint.<module>.<anything>.internal<.anything>}: group 1 is the owning module. */
    private static final Pattern INTERNAL_PACKAGE = Pattern.compile("io\\.aisprint\\.([a-z0-9]+)(\\.[a-z0-9]+)*\\.internal(\\..*)?");

    /**
     * The "may use" column, one row per module, read downwards. Where the table is silent or the
     * code differs, the row says why.
     */
    @ArchTest
    static final ArchRule modulesUseOnlyWhatTheTableAllows = layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer("model").definedBy("io.aisprint.model..")
        .layer("perf").definedBy("io.aisprint.perf..")
        .layer("placement").definedBy("io.aisprint.placement..")
        .layer("runtime").definedBy("io.aisprint.runtime..")
        .layer("cluster").definedBy("io.aisprint.cluster..")
        .layer("monitor").definedBy("io.aisprint.monitor..")
        .layer("deploy").definedBy("io.aisprint.deploy..")
        .layer("gpu").definedBy("io.aisprint.gpu..")
        .layer("learn").definedBy("io.aisprint.learn..")
        .layer("security").definedBy("io.aisprint.security..")
        .layer("platform").definedBy("io.aisprint.platform..")
        .layer("server").definedBy("io.aisprint.server..")
        .layer("cli").definedBy("io.aisprint.cli..")
        .layer("test-support").definedBy("io.aisprint.testsupport..")

        .whereLayer("model").mayNotAccessAnyLayer()
        .whereLayer("perf").mayOnlyAccessLayers("model")
        .whereLayer("placement").mayOnlyAccessLayers("model", "perf")
        .whereLayer("runtime").mayOnlyAccessLayers("model")
        // Not in the table: the runtime's scale-out executor (Ignite members). A member is
        // attested by the trust service before it may join, hence security.
        .whereLayer("cluster").mayOnlyAccessLayers("model", "runtime", "security")
        .whereLayer("monitor").mayOnlyAccessLayers("model")
        // deploy's elasticity test drives real cluster workers; that is a test-scope arrow only.
        .whereLayer("deploy").mayOnlyAccessLayers("model", "runtime")
        // model is under perf (the row's one arrow); gpu's readers report unknown keys with the
        // house message of model.io.UnknownKeys.
        .whereLayer("gpu").mayOnlyAccessLayers("model", "perf")
        .whereLayer("learn").mayOnlyAccessLayers("model", "perf", "runtime")
        .whereLayer("security").mayNotAccessAnyLayer()
        .whereLayer("platform").mayOnlyAccessLayers(
            "model", "perf", "placement", "runtime", "cluster", "monitor", "deploy", "gpu", "learn", "security")
        // The table says "platform"; the REST endpoints for GPU jobs, metrics and placements
        // call those services' APIs directly (their internals stay closed, see below), so the
        // face may use the platform and what lies under it, never the CLI.
        .whereLayer("server").mayOnlyAccessLayers(
            "platform", "model", "perf", "placement", "runtime", "cluster", "monitor", "deploy", "gpu", "learn", "security")
        .whereLayer("cli").mayOnlyAccessLayers(
            "server", "platform", "model", "perf", "placement", "runtime", "cluster", "monitor", "deploy", "gpu", "learn",
            "security")
        // Test helpers: a test-scope dependency only, so no main class may lean on them.
        .whereLayer("test-support").mayNotBeAccessedByAnyLayer()

        .whereLayer("platform").mayOnlyBeAccessedByLayers("server", "cli")
        .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer();

    /** {@code io.aisprint.X.internal} (at any depth) may be used only from inside module X. */
    @ArchTest
    static final ArchRule internalPackagesStayInsideTheirModule = classes()
        .that().resideInAPackage("io.aisprint..")
        .should(useNoOtherModulesInternals());

    /**
     * A module's API calls its implementation, it does not read the implementation's fields
     * (arrays and counters change with every optimisation of the search).
     */
    @ArchTest
    static final ArchRule apiPackagesReadNoInternalFields = noClasses()
        .that().resideInAPackage("io.aisprint..").and().resideOutsideOfPackage("..internal..")
        .should().accessFieldWhere(describe("the field is an instance field of an internal class",
            access -> INTERNAL_PACKAGE.matcher(access.getTargetOwner().getPackageName()).matches()
                && access.getTarget().resolveMember().map(field -> !field.getModifiers().contains(JavaModifier.STATIC)).orElse(true)))
        .because("the API goes through methods and records of the implementation (constants and enum values may be read)");

    private static ArchCondition<JavaClass> useNoOtherModulesInternals() {
        return new ArchCondition<>("use no other module's internal packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String originModule = moduleOf(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Matcher internal = INTERNAL_PACKAGE.matcher(dependency.getTargetClass().getBaseComponentType().getPackageName());
                    if (internal.matches() && !internal.group(1).equals(originModule)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code io.aisprint.gpu.internal} → {@code gpu}. */
    private static String moduleOf(String packageName) {
        if (!packageName.startsWith("io.aisprint.")) {
            return "";
        }
        String rest = packageName.substring("io.aisprint.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
