package io.zuoxi.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Only the bus package touches Vert.x; the core depends on no adapter, web or launcher code. */
class ArchitectureTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zuoxi.core");

    @Test
    void onlyTheBusPackageUsesVertx() {
        noClasses().that().resideOutsideOfPackage("io.zuoxi.core.bus..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .check(core);
    }

    @Test
    void coreDependsOnNoOuterModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.zuoxi.ami..", "io.zuoxi.esl..", "io.zuoxi.web..", "io.zuoxi.sim..", "io.zuoxi.launcher..")
                .check(core);
    }
}
