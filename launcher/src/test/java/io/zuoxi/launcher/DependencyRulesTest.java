package io.zuoxi.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DESIGN §2 across modules: dependencies point inward (adapters and crm-web depend on cti-core,
 * never on each other), the AMI library stays inside the AMI adapter and Hibernate inside crm-web.
 */
class DependencyRulesTest {

    private static JavaClasses zuoxi;

    @BeforeAll
    static void importClasses() {
        zuoxi = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.zuoxi");
    }

    @Test
    void coreDependsOnNoOuterModule() {
        noClasses().that().resideInAPackage("io.zuoxi.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.zuoxi.ami..", "io.zuoxi.esl..", "io.zuoxi.web..", "io.zuoxi.sim..", "io.zuoxi.launcher..")
                .check(zuoxi);
    }

    @Test
    void adaptersAndWebDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.zuoxi.ami..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zuoxi.esl..", "io.zuoxi.web..", "io.zuoxi.sim..")
                .check(zuoxi);
        noClasses().that().resideInAPackage("io.zuoxi.esl..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zuoxi.ami..", "io.zuoxi.web..", "io.zuoxi.sim..")
                .check(zuoxi);
        noClasses().that().resideInAPackage("io.zuoxi.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zuoxi.ami..", "io.zuoxi.esl..", "io.zuoxi.sim..")
                .check(zuoxi);
    }

    @Test
    void asteriskJavaStaysInsideTheAmiAdapter() {
        noClasses().that().resideOutsideOfPackage("io.zuoxi.ami..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .check(zuoxi);
    }

    /** The engines and adapters never touch the database; crm-web runs it on workers (Database.tx). */
    @Test
    void hibernateStaysInCrmWeb() {
        noClasses().that().resideOutsideOfPackage("io.zuoxi.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
                .check(zuoxi);
    }
}
