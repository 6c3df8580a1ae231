package dev.convolution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape of the house as facts: the core is pure Java, the layers point one way. */
@AnalyzeClasses(packages = "dev.convolution", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreUsesOnlyJavaAndTheFftLibraryWithItsThreadPool = classes().that().resideInAPackage("..core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.convolution.core..", "org.jtransforms..",
                    "org.visnow.jlargearrays..", "jdk.incubator.vector..");

    /** The Vector API is optional at run time: only the SIMD loop may touch it, and it is loaded by name. */
    @ArchTest
    static final ArchRule onlyTheSimdLoopUsesTheVectorApi = noClasses().that().resideInAPackage("..core..")
            .and().doNotHaveSimpleName("VectorTileKernel")
            .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..");

    @ArchTest
    static final ArchRule coreImportsNoSpringJacksonOrServlet = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml..",
                    "jakarta.servlet..", "jakarta.validation..");

    @ArchTest
    static final ArchRule serviceKnowsNothingOfHttp = noClasses().that().resideInAPackage("..service..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api..", "jakarta.servlet..", "tools.jackson..");

    @ArchTest
    static final ArchRule coreDoesNotReachOutward = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api..", "dev.convolution.service..",
                    "dev.convolution.config..");
}
